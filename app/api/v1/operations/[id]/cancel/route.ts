// POST /api/v1/operations/{id}/cancel — cancels a queued operation at once, asks a running one to stop
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { methodNotAllowed } from "@/lib/server/http/method-not-allowed";
import { readOptionalJsonBody } from "@/lib/server/http/optional-body";
import { respond } from "@/lib/server/http/respond";
import { authedRoute } from "@/lib/server/http/route";
import { cancelOperation } from "@/lib/server/provisioning/cancel-operation";

const op = API_OPERATIONS.cancelOperation;

export const POST = authedRoute<{ id: string }>(async (request, actor, { id }) => {
  await readOptionalJsonBody(request, op.body, "cancellation");
  return respond(op.response.schema, await cancelOperation({ actor, id }), { status: op.response.status });
});

const notAllowed = methodNotAllowed([op.method]);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
