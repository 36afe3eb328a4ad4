// Recommendations and capacity plans for a workload (`/api/v1/recommendations`, `/api/v1/plans`): what-if, nothing is stored.
import { PlanRequestSchema, PlanResultSchema, RecommendationResultSchema, WorkloadSchema } from "../../schemas";
import { BODY_ERRORS, type ApiOperation } from "./shared";

export const PLANNING = {
  recommendStore: {
    method: "POST",
    path: "/api/v1/recommendations",
    summary: "Recommend a store family for a workload",
    description:
      "Scores every store family against the workload, explains each choice and each rejection, and names companion stores (a cache, a search index) where they help.",
    tag: "planning",
    body: WorkloadSchema,
    bodyName: "workload",
    response: { status: 200, description: "Families that fit, best first; the rest with the reasons they do not.", schema: RecommendationResultSchema },
    errors: [...BODY_ERRORS, "internal"],
  },
  planCapacity: {
    method: "POST",
    path: "/api/v1/plans",
    summary: "Plan capacity for a workload",
    description:
      "Sizes the recommended family (or the one named) in every region of the workload and returns ranked plans by annual cost, with rejected shapes, alert thresholds and, for ranges, the cost spread.",
    tag: "planning",
    body: PlanRequestSchema,
    bodyName: "plan request",
    response: { status: 200, description: "Ranked capacity plans.", schema: PlanResultSchema },
    errors: [...BODY_ERRORS, "no_family_fits", "internal"],
  },
} as const satisfies Record<string, ApiOperation>;
