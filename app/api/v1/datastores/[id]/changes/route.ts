// GET /api/v1/datastores/{id}/changes — the datastore's day-2 changes and decommission, newest first; POST /api/v1/datastores/{id}/changes — asks for a change or a decommission (Idempotency-Key aware)
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { createChange } from "@/lib/server/changes/create-change";
import { listChanges } from "@/lib/server/changes/list-changes";
import { defineRoute, defineRoutes } from "@/lib/server/http/define-route";

export const { GET, POST, PUT, PATCH, DELETE } = defineRoutes(
  defineRoute(API_OPERATIONS.listDatastoreChanges, ({ actor, params }) => listChanges({ actor, id: params.id })),
  defineRoute(API_OPERATIONS.createDatastoreChange, ({ actor, params, body, tx }) => createChange({ actor, id: params.id, input: body, tx })),
);
