// GET /api/v1/datastores/{id}/benchmarks/profile — the profile a cluster's benchmark gets by default
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { defineRoute, defineRoutes } from "@/lib/server/http/define-route";
import { getDefaultBenchProfile } from "@/lib/server/bench/get-default-profile";

export const { GET, POST, PUT, PATCH, DELETE } = defineRoutes(
  defineRoute(API_OPERATIONS.getDefaultBenchProfile, ({ actor, params, query }) =>
    getDefaultBenchProfile({ actor, datastoreId: params.id, ...(query.region ? { region: query.region } : {}), ...(query.role ? { role: query.role } : {}) }),
  ),
);
