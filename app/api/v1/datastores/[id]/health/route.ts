// GET /api/v1/datastores/{id}/health — the datastore's metrics against its thresholds and plan, and its alarms (24h | 7d)
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { getDatastoreHealth } from "@/lib/server/health/get-datastore-health";
import { defineRoute, defineRoutes } from "@/lib/server/http/define-route";

export const { GET, POST, PUT, PATCH, DELETE } = defineRoutes(
  defineRoute(API_OPERATIONS.getDatastoreHealth, ({ actor, params, query }) => getDatastoreHealth({ actor, id: params.id, query })),
);
