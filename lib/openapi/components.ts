// Named schemas of the OpenAPI document: the shared zod schemas themselves, under the names clients see.
import { FieldErrorSchema, ProblemSchema } from "../errors";
import {
  CatalogInstanceSchema,
  ClusterSchema,
  FamilySchema,
  InstanceListSchema,
  PlanRequestSchema,
  PlanResultSchema,
  PlanSchema,
  RangeSchema,
  RecommendationResultSchema,
  RecommendationSchema,
  RejectedShapeSchema,
  ThresholdSchema,
  WorkloadSchema,
} from "../schemas";
import { OpenApiDocumentSchema } from "./document-schema";

/** What clients send: rendered as zod's input types (defaults make fields optional). */
export const REQUEST_COMPONENTS = {
  Workload: WorkloadSchema,
  PlanRequest: PlanRequestSchema,
  Range: RangeSchema,
  Family: FamilySchema,
};

/** What the API returns: rendered as zod's output types. */
export const RESPONSE_COMPONENTS = {
  RecommendationResult: RecommendationResultSchema,
  Recommendation: RecommendationSchema,
  PlanResult: PlanResultSchema,
  Plan: PlanSchema,
  Cluster: ClusterSchema,
  Threshold: ThresholdSchema,
  RejectedShape: RejectedShapeSchema,
  InstanceList: InstanceListSchema,
  CatalogInstance: CatalogInstanceSchema,
  Family: FamilySchema,
  Problem: ProblemSchema,
  FieldError: FieldErrorSchema,
  OpenApiDocument: OpenApiDocumentSchema,
};
