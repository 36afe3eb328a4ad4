// GET /api/v1/me — the caller: person, admin flag, teams and roles, and whether a session or a token is asking
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { getMe } from "@/lib/server/access/get-me";
import { methodNotAllowed } from "@/lib/server/http/method-not-allowed";
import { respond } from "@/lib/server/http/respond";
import { authedRoute } from "@/lib/server/http/route";

const op = API_OPERATIONS.getMe;

export const GET = authedRoute(async (_request, actor) => respond(op.response.schema, await getMe({ actor }), { status: op.response.status }));

const notAllowed = methodNotAllowed([op.method]);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
