// PATCH /api/v1/teams/{teamId}/members/{userId} — changes a member's role; DELETE removes them (portal admins)
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { removeMembership } from "@/lib/server/access/remove-membership";
import { setMembership } from "@/lib/server/access/set-membership";
import { readJsonBody } from "@/lib/server/http/json-body";
import { methodNotAllowed } from "@/lib/server/http/method-not-allowed";
import { respond } from "@/lib/server/http/respond";
import { authedRoute } from "@/lib/server/http/route";

const change = API_OPERATIONS.changeTeamMemberRole;
const remove = API_OPERATIONS.removeTeamMember;
type Params = { teamId: string; userId: string };

export const PATCH = authedRoute<Params>(async (request, actor, { teamId, userId }) => {
  const body = await readJsonBody(request, change.body, "membership");
  return respond(change.response.schema, await setMembership({ actor, teamId, userId, role: body.role, mustExist: true }), { status: change.response.status });
});

export const DELETE = authedRoute<Params>(async (_request, actor, { teamId, userId }) =>
  respond(remove.response.schema, await removeMembership({ actor, teamId, userId }), { status: remove.response.status }),
);

const notAllowed = methodNotAllowed([change.method, remove.method]);
export { notAllowed as GET, notAllowed as POST, notAllowed as PUT };
