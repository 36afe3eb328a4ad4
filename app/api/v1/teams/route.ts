// GET /api/v1/teams — the teams you can see, with your role; POST creates a team (portal admins)
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { createTeam } from "@/lib/server/access/create-team";
import { listTeams } from "@/lib/server/access/list-teams";
import { defineRoute, defineRoutes } from "@/lib/server/http/define-route";

export const { GET, POST, PUT, PATCH, DELETE } = defineRoutes(
  defineRoute(API_OPERATIONS.listTeams, ({ actor }) => listTeams({ actor })),
  defineRoute(API_OPERATIONS.createTeam, ({ actor, body }) => createTeam({ actor, body })),
);
