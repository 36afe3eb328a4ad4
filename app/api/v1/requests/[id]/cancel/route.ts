// POST /api/v1/requests/{id}/cancel — cancels a request that is not finally decided (the requesting team)
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { etagOf, readIfMatch } from "@/lib/server/http/etag";
import { methodNotAllowed } from "@/lib/server/http/method-not-allowed";
import { readOptionalJsonBody } from "@/lib/server/http/optional-body";
import { respond } from "@/lib/server/http/respond";
import { authedRoute } from "@/lib/server/http/route";
import { cancelRequest } from "@/lib/server/requests/cancel-request";

const op = API_OPERATIONS.cancelRequest;

export const POST = authedRoute<{ id: string }>(async (request, actor, { id }) => {
  await readOptionalJsonBody(request, op.body, "cancellation");
  const dto = await cancelRequest({ actor, id, ifMatch: readIfMatch(request) });
  return respond(op.response.schema, dto, { status: op.response.status, headers: { etag: etagOf(dto.version) } });
});

const notAllowed = methodNotAllowed([op.method]);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
