// POST /api/v1/operations/{id}/retry — queues a failed, cancelled or interrupted operation again (Idempotency-Key aware)
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { idempotent } from "@/lib/server/http/idempotency";
import { methodNotAllowed } from "@/lib/server/http/method-not-allowed";
import { readOptionalJsonBody } from "@/lib/server/http/optional-body";
import { authedRoute } from "@/lib/server/http/route";
import { retryOperation } from "@/lib/server/provisioning/retry-operation";

const op = API_OPERATIONS.retryOperation;

export const POST = authedRoute<{ id: string }>(async (request, actor, { id }) => {
  const input = await readOptionalJsonBody(request, op.body, "retry");
  return idempotent(
    { request, actor, input, schema: op.response.schema, status: op.response.status, headers: (dto) => ({ location: `/api/v1/operations/${dto.id}` }) },
    (tx) => retryOperation({ actor, id, tx }),
  );
});

const notAllowed = methodNotAllowed([op.method]);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
