// GET /api/v1/operations/{id}/events — the operation's events after a seq (the polling fallback of /stream)
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { defineRoute, defineRoutes } from "@/lib/server/http/define-route";
import { listOperationEvents } from "@/lib/server/provisioning/list-operation-events";

export const { GET, POST, PUT, PATCH, DELETE } = defineRoutes(
  defineRoute(API_OPERATIONS.listOperationEvents, ({ actor, params, query }) => listOperationEvents({ actor, id: params.id, query })),
);
