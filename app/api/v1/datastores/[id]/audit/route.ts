// GET /api/v1/datastores/{id}/audit — the datastore's audit history with its originating request's, newest first
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { listAuditEvents } from "@/lib/server/datastores/list-audit-events";
import { methodNotAllowed } from "@/lib/server/http/method-not-allowed";
import { readQuery } from "@/lib/server/http/query";
import { respond } from "@/lib/server/http/respond";
import { authedRoute } from "@/lib/server/http/route";

const op = API_OPERATIONS.listDatastoreAuditEvents;

export const GET = authedRoute<{ id: string }>(async (request, actor, { id }) => {
  const query = readQuery(request, op.query);
  return respond(op.response.schema, await listAuditEvents({ actor, id, query }), { status: op.response.status });
});

const notAllowed = methodNotAllowed([op.method]);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
