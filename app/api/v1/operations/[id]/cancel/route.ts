// POST /api/v1/operations/{id}/cancel — cancels a queued operation at once, asks a running one to stop
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { defineRoute, defineRoutes } from "@/lib/server/http/define-route";
import { cancelOperation } from "@/lib/server/provisioning/cancel-operation";

export const { GET, POST, PUT, PATCH, DELETE } = defineRoutes(
  defineRoute(API_OPERATIONS.cancelOperation, ({ actor, params }) => cancelOperation({ actor, id: params.id })),
);
