// GET /api/v1/datastores/{id}/modernisation — previous-generation shapes and the same workload re-planned on current ones
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { getModernisation } from "@/lib/server/health/get-modernisation";
import { defineRoute, defineRoutes } from "@/lib/server/http/define-route";

export const { GET, POST, PUT, PATCH, DELETE } = defineRoutes(
  defineRoute(API_OPERATIONS.getDatastoreModernisation, ({ actor, params }) => getModernisation({ actor, id: params.id })),
);
