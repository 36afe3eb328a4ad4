// GET /api/v1/teams — the teams you can see, with your role; POST creates a team (portal admins)
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { createTeam } from "@/lib/server/access/create-team";
import { listTeams } from "@/lib/server/access/list-teams";
import { readJsonBody } from "@/lib/server/http/json-body";
import { methodNotAllowed } from "@/lib/server/http/method-not-allowed";
import { respond } from "@/lib/server/http/respond";
import { authedRoute } from "@/lib/server/http/route";

const list = API_OPERATIONS.listTeams;
const create = API_OPERATIONS.createTeam;

export const GET = authedRoute(async (_request, actor) => respond(list.response.schema, await listTeams({ actor }), { status: list.response.status }));

export const POST = authedRoute(async (request, actor) => {
  const body = await readJsonBody(request, create.body, "team");
  return respond(create.response.schema, await createTeam({ actor, body }), { status: create.response.status });
});

const notAllowed = methodNotAllowed([list.method, create.method]);
export { notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
