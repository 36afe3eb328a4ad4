// The API's route registry: every operation of /api/v1 with its schemas. Handlers read their schemas from here
// and the OpenAPI document is built from it, so the document cannot drift from what the handlers accept.
import type { z } from "zod";
import type { ErrorCode } from "../errors";
import { InstanceListQuerySchema, InstanceListSchema, PlanRequestSchema, PlanResultSchema, RecommendationResultSchema, WorkloadSchema } from "../schemas";
import { OpenApiDocumentSchema } from "./document-schema";

export const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export interface ApiOperation {
  method: HttpMethod;
  path: `/api/v1/${string}`;
  summary: string;
  description: string;
  tag: string;
  /** Query parameters: a strict object of the parameters (unknown ones are a 422). */
  query?: z.ZodObject<z.core.$ZodLooseShape, z.core.$ZodObjectConfig>;
  /** JSON request body. */
  body?: z.ZodType;
  response: { status: 200 | 201 | 202; description: string; schema: z.ZodType };
  /** The problem codes the operation may answer with. */
  errors: readonly ErrorCode[];
}

/** What reading a JSON body can fail with (lib/server/http/json-body.ts). */
const BODY_ERRORS = ["malformed_request", "unsupported_media_type", "payload_too_large", "invalid_input"] as const;

export const API_OPERATIONS = {
  recommendStore: {
    method: "POST",
    path: "/api/v1/recommendations",
    summary: "Recommend a store family for a workload",
    description: "Scores every store family against the workload, explains each choice and each rejection, and names companion stores (a cache, a search index) where they help.",
    tag: "planning",
    body: WorkloadSchema,
    response: { status: 200, description: "Families that fit, best first; the rest with the reasons they do not.", schema: RecommendationResultSchema },
    errors: [...BODY_ERRORS, "internal"],
  },
  planCapacity: {
    method: "POST",
    path: "/api/v1/plans",
    summary: "Plan capacity for a workload",
    description: "Sizes the recommended family (or the one named) in every region of the workload and returns ranked plans by annual cost, with rejected shapes, alert thresholds and, for ranges, the cost spread.",
    tag: "planning",
    body: PlanRequestSchema,
    response: { status: 200, description: "Ranked capacity plans.", schema: PlanResultSchema },
    errors: [...BODY_ERRORS, "no_family_fits", "internal"],
  },
  listInstances: {
    method: "GET",
    path: "/api/v1/catalog/instances",
    summary: "List instance shapes with prices",
    description: "The instance shapes the planner may use in a region, cheapest first. A region without prices of its own borrows another region's and says so in `pricedAs` and `note`.",
    tag: "catalog",
    query: InstanceListQuerySchema,
    response: { status: 200, description: "Priced instance shapes.", schema: InstanceListSchema },
    errors: ["invalid_input", "internal"],
  },
  getOpenApiDocument: {
    method: "GET",
    path: "/api/v1/openapi.json",
    summary: "This API's OpenAPI 3.1 document",
    description: "Generated from the same zod schemas the handlers validate with.",
    tag: "meta",
    response: { status: 200, description: "The OpenAPI document.", schema: OpenApiDocumentSchema },
    errors: ["internal"],
  },
} as const satisfies Record<string, ApiOperation>;

export type OperationId = keyof typeof API_OPERATIONS;
