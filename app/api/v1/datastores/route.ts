// GET /api/v1/datastores — lists the datastores the caller may see, filtered (?q, team, family, tier, region, status), cursor-paginated
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { listDatastores } from "@/lib/server/datastores/list-datastores";
import { methodNotAllowed } from "@/lib/server/http/method-not-allowed";
import { readQuery } from "@/lib/server/http/query";
import { respond } from "@/lib/server/http/respond";
import { authedRoute } from "@/lib/server/http/route";

const op = API_OPERATIONS.listDatastores;

export const GET = authedRoute(async (request, actor) => {
  const query = readQuery(request, op.query);
  return respond(op.response.schema, await listDatastores({ actor, query }), { status: op.response.status });
});

const notAllowed = methodNotAllowed([op.method]);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
