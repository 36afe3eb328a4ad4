// GET /api/v1/regions — every region: whether a datastore there can be provisioned, for which families, and whose prices plans use
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { methodNotAllowed } from "@/lib/server/http/method-not-allowed";
import { respond } from "@/lib/server/http/respond";
import { authedRoute } from "@/lib/server/http/route";
import { listRegions } from "@/lib/server/settings/list-regions";

const op = API_OPERATIONS.listRegions;

export const GET = authedRoute(async (_request, actor) => respond(op.response.schema, await listRegions({ actor }), { status: op.response.status }));

const notAllowed = methodNotAllowed([op.method]);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
