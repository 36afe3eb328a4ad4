// GET /api/v1/admin/users — lists users (portal admins); POST creates a local account (generated password shown once)
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { createUser } from "@/lib/server/access/create-user";
import { listUsers } from "@/lib/server/access/list-users";
import { readJsonBody } from "@/lib/server/http/json-body";
import { methodNotAllowed } from "@/lib/server/http/method-not-allowed";
import { readQuery } from "@/lib/server/http/query";
import { respond } from "@/lib/server/http/respond";
import { authedRoute } from "@/lib/server/http/route";

const list = API_OPERATIONS.listUsers;
const create = API_OPERATIONS.createUser;

export const GET = authedRoute(async (request, actor) => {
  const query = readQuery(request, list.query);
  return respond(list.response.schema, await listUsers({ actor, query }), { status: list.response.status });
});

export const POST = authedRoute(async (request, actor) => {
  const body = await readJsonBody(request, create.body, "user");
  const user = await createUser({ actor, body });
  // A generated password is in this body once: no cache may keep it.
  return respond(create.response.schema, user, { status: create.response.status, headers: { "cache-control": "no-store" } });
});

const notAllowed = methodNotAllowed([list.method, create.method]);
export { notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
