// PUT /api/v1/datastores/{id}/thresholds — replaces the SLA thresholds (owners and reviewers; If-Match required)
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { updateThresholds } from "@/lib/server/datastores/update-thresholds";
import { etagOf, readIfMatch } from "@/lib/server/http/etag";
import { readJsonBody } from "@/lib/server/http/json-body";
import { methodNotAllowed } from "@/lib/server/http/method-not-allowed";
import { respond } from "@/lib/server/http/respond";
import { authedRoute } from "@/lib/server/http/route";

const op = API_OPERATIONS.updateDatastoreThresholds;

export const PUT = authedRoute<{ id: string }>(async (request, actor, { id }) => {
  const body = await readJsonBody(request, op.body, "thresholds");
  const datastore = await updateThresholds({ actor, id, ifMatch: readIfMatch(request), thresholds: body.thresholds });
  return respond(op.response.schema, datastore, { status: op.response.status, headers: { etag: etagOf(datastore.version) } });
});

const notAllowed = methodNotAllowed([op.method]);
export { notAllowed as GET, notAllowed as POST, notAllowed as PATCH, notAllowed as DELETE };
