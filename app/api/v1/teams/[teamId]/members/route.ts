// POST /api/v1/teams/{teamId}/members — adds a person to a team with a role (portal admins)
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { setMembership } from "@/lib/server/access/set-membership";
import { readJsonBody } from "@/lib/server/http/json-body";
import { methodNotAllowed } from "@/lib/server/http/method-not-allowed";
import { respond } from "@/lib/server/http/respond";
import { authedRoute } from "@/lib/server/http/route";

const op = API_OPERATIONS.addTeamMember;

export const POST = authedRoute<{ teamId: string }>(async (request, actor, { teamId }) => {
  const body = await readJsonBody(request, op.body, "membership");
  return respond(op.response.schema, await setMembership({ actor, teamId, userId: body.userId, role: body.role }), { status: op.response.status });
});

const notAllowed = methodNotAllowed([op.method]);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
