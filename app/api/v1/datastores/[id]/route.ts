// GET /api/v1/datastores/{id} — one datastore with its topology, cost and thresholds; the ETag carries its version
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { getDatastore } from "@/lib/server/datastores/get-datastore";
import { etagOf } from "@/lib/server/http/etag";
import { methodNotAllowed } from "@/lib/server/http/method-not-allowed";
import { respond } from "@/lib/server/http/respond";
import { authedRoute } from "@/lib/server/http/route";

const op = API_OPERATIONS.getDatastore;

export const GET = authedRoute<{ id: string }>(async (_request, actor, { id }) => {
  const datastore = await getDatastore({ actor, id });
  return respond(op.response.schema, datastore, { status: op.response.status, headers: { etag: etagOf(datastore.version) } });
});

const notAllowed = methodNotAllowed([op.method]);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
