// GET /api/v1/health/at-risk — the active datastores you may see that need someone (alarming, near thresholds, …)
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { listAtRisk } from "@/lib/server/health/list-at-risk";
import { defineRoute, defineRoutes } from "@/lib/server/http/define-route";

export const { GET, POST, PUT, PATCH, DELETE } = defineRoutes(defineRoute(API_OPERATIONS.listAtRisk, ({ actor, query }) => listAtRisk({ actor, query })));
