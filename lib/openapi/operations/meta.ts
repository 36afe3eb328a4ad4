// The API about itself (`/api/v1/openapi.json`).
import { OpenApiDocumentSchema } from "../document-schema";
import type { ApiOperation } from "./shared";

export const META = {
  getOpenApiDocument: {
    method: "GET",
    path: "/api/v1/openapi.json",
    summary: "This API's OpenAPI 3.1 document",
    description: "Generated from the same zod schemas the handlers validate with.",
    tag: "meta",
    response: { status: 200, description: "The OpenAPI document.", schema: OpenApiDocumentSchema },
    errors: ["internal"],
    // Public on purpose: it describes the API (no data), and clients need it to learn how to authenticate.
    public: true,
  },
} as const satisfies Record<string, ApiOperation>;
