// POST /api/v1/datastores/{id}/health/incidents/{incidentId}/end — ends an injected incident now (administrators)
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { endIncident } from "@/lib/server/health/incidents/end-incident";
import { defineRoute, defineRoutes } from "@/lib/server/http/define-route";

export const { GET, POST, PUT, PATCH, DELETE } = defineRoutes(
  defineRoute(API_OPERATIONS.endHealthIncident, ({ actor, params }) => endIncident({ actor, datastoreId: params.id, incidentId: params.incidentId })),
);
