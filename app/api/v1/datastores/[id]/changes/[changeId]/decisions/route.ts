// POST /api/v1/datastores/{id}/changes/{changeId}/decisions — a reviewer approves (a decommission starts) or rejects a change
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { decideChange } from "@/lib/server/changes/decide-change";
import { readJsonBody } from "@/lib/server/http/json-body";
import { methodNotAllowed } from "@/lib/server/http/method-not-allowed";
import { respond } from "@/lib/server/http/respond";
import { authedRoute } from "@/lib/server/http/route";

const op = API_OPERATIONS.decideDatastoreChange;

export const POST = authedRoute<{ id: string; changeId: string }>(async (request, actor, { id, changeId }) => {
  const input = await readJsonBody(request, op.body, "decision");
  return respond(op.response.schema, await decideChange({ actor, id, changeId, input }), { status: op.response.status });
});

const notAllowed = methodNotAllowed([op.method]);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
