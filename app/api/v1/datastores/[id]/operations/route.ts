// GET /api/v1/datastores/{id}/operations — the datastore's operations, newest first; POST /api/v1/datastores/{id}/operations — queues a preview, up, drift check or cleanup (202, Idempotency-Key aware)
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { idempotent } from "@/lib/server/http/idempotency";
import { readJsonBody } from "@/lib/server/http/json-body";
import { methodNotAllowed } from "@/lib/server/http/method-not-allowed";
import { readQuery } from "@/lib/server/http/query";
import { respond } from "@/lib/server/http/respond";
import { authedRoute } from "@/lib/server/http/route";
import { listOperations } from "@/lib/server/provisioning/list-operations";
import { queueOperation } from "@/lib/server/provisioning/queue-operation";

const list = API_OPERATIONS.listDatastoreOperations;
const queue = API_OPERATIONS.queueDatastoreOperation;

export const GET = authedRoute<{ id: string }>(async (request, actor, { id }) => {
  const query = readQuery(request, list.query);
  return respond(list.response.schema, await listOperations({ actor, id, query }), { status: list.response.status });
});

export const POST = authedRoute<{ id: string }>(async (request, actor, { id }) => {
  const input = await readJsonBody(request, queue.body, "operation");
  return idempotent(
    { request, actor, input, schema: queue.response.schema, status: queue.response.status, headers: (dto) => ({ location: `/api/v1/operations/${dto.id}` }) },
    (tx) => queueOperation({ actor, id, input, tx }),
  );
});

const notAllowed = methodNotAllowed([list.method, queue.method]);
export { notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
