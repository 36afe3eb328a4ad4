// GET /api/v1/tokens — lists your API tokens (?all=true: everyone's, for admins); POST creates one (secret shown once)
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { readJsonBody } from "@/lib/server/http/json-body";
import { methodNotAllowed } from "@/lib/server/http/method-not-allowed";
import { readQuery } from "@/lib/server/http/query";
import { respond } from "@/lib/server/http/respond";
import { authedRoute } from "@/lib/server/http/route";
import { createToken } from "@/lib/server/tokens/create-token";
import { listTokens } from "@/lib/server/tokens/list-tokens";

const list = API_OPERATIONS.listTokens;
const create = API_OPERATIONS.createToken;

export const GET = authedRoute(async (request, actor) => {
  const query = readQuery(request, list.query);
  return respond(list.response.schema, await listTokens({ actor, query }), { status: list.response.status });
});

export const POST = authedRoute(async (request, actor) => {
  const body = await readJsonBody(request, create.body, "token");
  const token = await createToken({ actor, body });
  // The secret is in this body once: no cache may keep it.
  return respond(create.response.schema, token, { status: create.response.status, headers: { "cache-control": "no-store", location: `/api/v1/tokens/${token.id}` } });
});

const notAllowed = methodNotAllowed([list.method, create.method]);
export { notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
