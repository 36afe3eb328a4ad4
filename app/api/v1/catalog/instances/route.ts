// GET /api/v1/catalog/instances — lists instance shapes with prices for a region (?region=, ?family=), cheapest first
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { methodNotAllowed } from "@/lib/server/http/method-not-allowed";
import { readQuery } from "@/lib/server/http/query";
import { respond } from "@/lib/server/http/respond";
import { authedRoute } from "@/lib/server/http/route";
import { listInstances } from "@/lib/server/planning/list-instances";

const op = API_OPERATIONS.listInstances;

export const GET = authedRoute(async (request) => {
  const query = readQuery(request, op.query);
  return respond(op.response.schema, listInstances(query), { status: op.response.status });
});

const notAllowed = methodNotAllowed([op.method]);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
