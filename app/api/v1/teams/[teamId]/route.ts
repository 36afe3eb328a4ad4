// PATCH /api/v1/teams/{teamId} — a team's maintenance policy and warning channel (team admins, portal admins)
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { updateTeamPolicy } from "@/lib/server/access/update-team-policy";
import { defineRoute, defineRoutes } from "@/lib/server/http/define-route";

export const { GET, POST, PUT, PATCH, DELETE } = defineRoutes(
  defineRoute(API_OPERATIONS.updateTeamPolicy, ({ actor, params, body }) => updateTeamPolicy({ actor, teamId: params.teamId, body })),
);
