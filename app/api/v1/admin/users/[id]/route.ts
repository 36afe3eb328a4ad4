// PATCH /api/v1/admin/users/{id} — grants or withdraws portal administration and platform review (portal admins)
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { readJsonBody } from "@/lib/server/http/json-body";
import { methodNotAllowed } from "@/lib/server/http/method-not-allowed";
import { respond } from "@/lib/server/http/respond";
import { authedRoute } from "@/lib/server/http/route";
import { updateUser } from "@/lib/server/access/update-user";

const op = API_OPERATIONS.updateUser;

export const PATCH = authedRoute<{ id: string }>(async (request, actor, { id }) => {
  const body = await readJsonBody(request, op.body, "user");
  return respond(op.response.schema, await updateUser({ actor, userId: id, body }), { status: op.response.status });
});

const notAllowed = methodNotAllowed([op.method]);
export { notAllowed as GET, notAllowed as POST, notAllowed as PUT, notAllowed as DELETE };
