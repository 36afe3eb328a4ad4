// POST /api/v1/teams/{teamId}/members — adds a person to a team with a role (portal admins)
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { setMembership } from "@/lib/server/access/set-membership";
import { defineRoute, defineRoutes } from "@/lib/server/http/define-route";

export const { GET, POST, PUT, PATCH, DELETE } = defineRoutes(
  defineRoute(API_OPERATIONS.addTeamMember, ({ actor, params, body }) => setMembership({ actor, teamId: params.teamId, userId: body.userId, role: body.role })),
);
