// GET /api/v1/openapi.json — serves the API's OpenAPI 3.1 document, generated from the shared zod schemas
import { openApiDocument } from "@/lib/openapi/document";
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { defineRoute, defineRoutes } from "@/lib/server/http/define-route";

export const { GET, POST, PUT, PATCH, DELETE } = defineRoutes(defineRoute(API_OPERATIONS.getOpenApiDocument, () => openApiDocument()));
