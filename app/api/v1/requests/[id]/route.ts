// GET /api/v1/requests/{id} — one request with decisions and comments (ETag); PATCH /api/v1/requests/{id} — edits a draft (If-Match required)
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { etagOf, readIfMatch } from "@/lib/server/http/etag";
import { readJsonBody } from "@/lib/server/http/json-body";
import { methodNotAllowed } from "@/lib/server/http/method-not-allowed";
import { respond } from "@/lib/server/http/respond";
import { authedRoute } from "@/lib/server/http/route";
import { getRequest } from "@/lib/server/requests/get-request";
import { updateRequest } from "@/lib/server/requests/update-request";

const get = API_OPERATIONS.getRequest;
const update = API_OPERATIONS.updateRequest;

export const GET = authedRoute<{ id: string }>(async (_request, actor, { id }) => {
  const dto = await getRequest({ actor, id });
  return respond(get.response.schema, dto, { status: get.response.status, headers: { etag: etagOf(dto.version) } });
});

export const PATCH = authedRoute<{ id: string }>(async (request, actor, { id }) => {
  const ifMatch = readIfMatch(request, { required: true });
  const input = await readJsonBody(request, update.body, "request changes");
  const dto = await updateRequest({ actor, id, input, ifMatch });
  return respond(update.response.schema, dto, { status: update.response.status, headers: { etag: etagOf(dto.version) } });
});

const notAllowed = methodNotAllowed([get.method, update.method]);
export { notAllowed as POST, notAllowed as PUT, notAllowed as DELETE };
