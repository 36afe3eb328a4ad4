// GET, POST /api/v1/datastores/{id}/health/incidents — the incidents injected into a simulated datastore; inject one (administrators)
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { createIncident } from "@/lib/server/health/incidents/create-incident";
import { listIncidents } from "@/lib/server/health/incidents/list-incidents";
import { defineRoute, defineRoutes } from "@/lib/server/http/define-route";

export const { GET, POST, PUT, PATCH, DELETE } = defineRoutes(
  defineRoute(API_OPERATIONS.listHealthIncidents, ({ actor, params }) => listIncidents({ actor, datastoreId: params.id })),
  defineRoute(API_OPERATIONS.createHealthIncident, ({ actor, params, body }) => createIncident({ actor, datastoreId: params.id, incident: body })),
);
