// PATCH /api/v1/teams/{teamId}/members/{userId} — changes a member's role; DELETE removes them (portal admins)
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { removeMembership } from "@/lib/server/access/remove-membership";
import { setMembership } from "@/lib/server/access/set-membership";
import { defineRoute, defineRoutes } from "@/lib/server/http/define-route";

export const { GET, POST, PUT, PATCH, DELETE } = defineRoutes(
  defineRoute(API_OPERATIONS.changeTeamMemberRole, ({ actor, params, body }) => setMembership({ actor, ...params, role: body.role, mustExist: true })),
  defineRoute(API_OPERATIONS.removeTeamMember, ({ actor, params }) => removeMembership({ actor, ...params })),
);
