// GET /api/v1/requests/{id}/comments — the comment thread; POST /api/v1/requests/{id}/comments — adds a comment (Idempotency-Key aware)
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { idempotent } from "@/lib/server/http/idempotency";
import { readJsonBody } from "@/lib/server/http/json-body";
import { methodNotAllowed } from "@/lib/server/http/method-not-allowed";
import { respond } from "@/lib/server/http/respond";
import { authedRoute } from "@/lib/server/http/route";
import { addComment } from "@/lib/server/requests/add-comment";
import { listComments } from "@/lib/server/requests/list-comments";

const list = API_OPERATIONS.listRequestComments;
const add = API_OPERATIONS.addRequestComment;

export const GET = authedRoute<{ id: string }>(async (_request, actor, { id }) => {
  return respond(list.response.schema, await listComments({ actor, id }), { status: list.response.status });
});

export const POST = authedRoute<{ id: string }>(async (request, actor, { id }) => {
  const input = await readJsonBody(request, add.body, "comment");
  return idempotent({ request, actor, input, schema: add.response.schema, status: add.response.status }, (tx) => addComment({ actor, id, input, tx }));
});

const notAllowed = methodNotAllowed([list.method, add.method]);
export { notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
