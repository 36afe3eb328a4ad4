// POST /api/v1/plans — plans capacity for a workload: the recommended (or named) family, ranked by annual cost
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { defineRoute, defineRoutes } from "@/lib/server/http/define-route";
import { planCapacity } from "@/lib/server/planning/plan-capacity";

export const { GET, POST, PUT, PATCH, DELETE } = defineRoutes(defineRoute(API_OPERATIONS.planCapacity, ({ body }) => planCapacity({ request: body })));
