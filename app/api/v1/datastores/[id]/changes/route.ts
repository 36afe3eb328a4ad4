// GET /api/v1/datastores/{id}/changes — the datastore's day-2 changes and decommission, newest first; POST /api/v1/datastores/{id}/changes — asks for a change or a decommission (Idempotency-Key aware)
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { createChange } from "@/lib/server/changes/create-change";
import { listChanges } from "@/lib/server/changes/list-changes";
import { idempotent } from "@/lib/server/http/idempotency";
import { readJsonBody } from "@/lib/server/http/json-body";
import { methodNotAllowed } from "@/lib/server/http/method-not-allowed";
import { respond } from "@/lib/server/http/respond";
import { authedRoute } from "@/lib/server/http/route";

const list = API_OPERATIONS.listDatastoreChanges;
const create = API_OPERATIONS.createDatastoreChange;

export const GET = authedRoute<{ id: string }>(async (_request, actor, { id }) => {
  return respond(list.response.schema, await listChanges({ actor, id }), { status: list.response.status });
});

export const POST = authedRoute<{ id: string }>(async (request, actor, { id }) => {
  const input = await readJsonBody(request, create.body, "change");
  return idempotent({ request, actor, input, schema: create.response.schema, status: create.response.status }, (tx) => createChange({ actor, id, input, tx }));
});

const notAllowed = methodNotAllowed([list.method, create.method]);
export { notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
