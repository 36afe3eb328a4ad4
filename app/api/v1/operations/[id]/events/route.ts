// GET /api/v1/operations/{id}/events — the operation's events after a seq (the polling fallback of /stream)
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { methodNotAllowed } from "@/lib/server/http/method-not-allowed";
import { readQuery } from "@/lib/server/http/query";
import { respond } from "@/lib/server/http/respond";
import { authedRoute } from "@/lib/server/http/route";
import { listOperationEvents } from "@/lib/server/provisioning/list-operation-events";

const op = API_OPERATIONS.listOperationEvents;

export const GET = authedRoute<{ id: string }>(async (request, actor, { id }) => {
  const query = readQuery(request, op.query);
  return respond(op.response.schema, await listOperationEvents({ actor, id, query }), { status: op.response.status });
});

const notAllowed = methodNotAllowed([op.method]);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
