// GET /api/v1/datastores/{id}/audit — the datastore's audit history with its originating request's, newest first
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { listAuditEvents } from "@/lib/server/datastores/list-audit-events";
import { defineRoute, defineRoutes } from "@/lib/server/http/define-route";

export const { GET, POST, PUT, PATCH, DELETE } = defineRoutes(
  defineRoute(API_OPERATIONS.listDatastoreAuditEvents, ({ actor, params, query }) => listAuditEvents({ actor, id: params.id, query })),
);
