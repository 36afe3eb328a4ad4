// POST /api/v1/requests — creates a draft request (Idempotency-Key aware); GET /api/v1/requests — lists requests a page at a time
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { etagOf } from "@/lib/server/http/etag";
import { idempotent } from "@/lib/server/http/idempotency";
import { readJsonBody } from "@/lib/server/http/json-body";
import { methodNotAllowed } from "@/lib/server/http/method-not-allowed";
import { readQuery } from "@/lib/server/http/query";
import { respond } from "@/lib/server/http/respond";
import { authedRoute } from "@/lib/server/http/route";
import { createRequest } from "@/lib/server/requests/create-request";
import { listRequests } from "@/lib/server/requests/list-requests";

const create = API_OPERATIONS.createRequest;
const list = API_OPERATIONS.listRequests;

export const POST = authedRoute(async (request, actor) => {
  const input = await readJsonBody(request, create.body, "request");
  return idempotent(
    { request, actor, input, schema: create.response.schema, status: create.response.status, headers: (dto) => ({ location: `/api/v1/requests/${dto.id}`, etag: etagOf(dto.version) }) },
    (tx) => createRequest({ actor, input, tx }),
  );
});

export const GET = authedRoute(async (request, actor) => {
  const query = readQuery(request, list.query);
  return respond(list.response.schema, await listRequests({ actor, query }), { status: list.response.status });
});

const notAllowed = methodNotAllowed([create.method, list.method]);
export { notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
