// POST /api/v1/operations/{id}/retry — queues a failed, cancelled or interrupted operation again (Idempotency-Key aware)
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { defineRoute, defineRoutes } from "@/lib/server/http/define-route";
import { retryOperation } from "@/lib/server/provisioning/retry-operation";

export const { GET, POST, PUT, PATCH, DELETE } = defineRoutes(
  defineRoute(API_OPERATIONS.retryOperation, ({ actor, params, tx }) => retryOperation({ actor, id: params.id, tx }), {
    headers: (dto) => ({ location: `/api/v1/operations/${dto.id}` }),
  }),
);
