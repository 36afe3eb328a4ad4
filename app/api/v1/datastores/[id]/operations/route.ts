// GET /api/v1/datastores/{id}/operations — the datastore's operations, newest first; POST /api/v1/datastores/{id}/operations — queues a preview, up, drift check or cleanup (202, Idempotency-Key aware)
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { defineRoute, defineRoutes } from "@/lib/server/http/define-route";
import { listOperations } from "@/lib/server/provisioning/list-operations";
import { queueOperation } from "@/lib/server/provisioning/queue-operation";

export const { GET, POST, PUT, PATCH, DELETE } = defineRoutes(
  defineRoute(API_OPERATIONS.listDatastoreOperations, ({ actor, params, query }) => listOperations({ actor, id: params.id, query })),
  defineRoute(API_OPERATIONS.queueDatastoreOperation, ({ actor, params, body, tx }) => queueOperation({ actor, id: params.id, input: body, tx }), {
    headers: (dto) => ({ location: `/api/v1/operations/${dto.id}` }),
  }),
);
