// POST /api/v1/datastores/{id}/changes/{changeId}/cancel — the owning team withdraws a change that has not applied
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { cancelChange } from "@/lib/server/changes/cancel-change";
import { defineRoute, defineRoutes } from "@/lib/server/http/define-route";

export const { GET, POST, PUT, PATCH, DELETE } = defineRoutes(
  defineRoute(API_OPERATIONS.cancelDatastoreChange, ({ actor, params }) => cancelChange({ actor, ...params })),
);
