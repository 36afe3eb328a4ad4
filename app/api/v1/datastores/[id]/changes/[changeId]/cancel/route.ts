// POST /api/v1/datastores/{id}/changes/{changeId}/cancel — the owning team withdraws a change that has not applied
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { cancelChange } from "@/lib/server/changes/cancel-change";
import { methodNotAllowed } from "@/lib/server/http/method-not-allowed";
import { readOptionalJsonBody } from "@/lib/server/http/optional-body";
import { respond } from "@/lib/server/http/respond";
import { authedRoute } from "@/lib/server/http/route";

const op = API_OPERATIONS.cancelDatastoreChange;

export const POST = authedRoute<{ id: string; changeId: string }>(async (request, actor, { id, changeId }) => {
  await readOptionalJsonBody(request, op.body, "withdrawal");
  return respond(op.response.schema, await cancelChange({ actor, id, changeId }), { status: op.response.status });
});

const notAllowed = methodNotAllowed([op.method]);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
