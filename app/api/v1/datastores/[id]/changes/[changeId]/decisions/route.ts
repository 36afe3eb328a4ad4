// POST /api/v1/datastores/{id}/changes/{changeId}/decisions — a reviewer approves (a decommission starts) or rejects a change
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { decideChange } from "@/lib/server/changes/decide-change";
import { defineRoute, defineRoutes } from "@/lib/server/http/define-route";

export const { GET, POST, PUT, PATCH, DELETE } = defineRoutes(
  defineRoute(API_OPERATIONS.decideDatastoreChange, ({ actor, params, body }) => decideChange({ actor, ...params, input: body })),
);
