// POST /api/v1/requests/{id}/decisions — a reviewer approves (creating the datastore), requests changes or rejects
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { etagOf, readIfMatch } from "@/lib/server/http/etag";
import { readJsonBody } from "@/lib/server/http/json-body";
import { methodNotAllowed } from "@/lib/server/http/method-not-allowed";
import { respond } from "@/lib/server/http/respond";
import { authedRoute } from "@/lib/server/http/route";
import { reviewRequest } from "@/lib/server/requests/review-request";

const op = API_OPERATIONS.reviewRequest;

export const POST = authedRoute<{ id: string }>(async (request, actor, { id }) => {
  const input = await readJsonBody(request, op.body, "decision");
  const dto = await reviewRequest({ actor, id, input, ifMatch: readIfMatch(request) });
  return respond(op.response.schema, dto, { status: op.response.status, headers: { etag: etagOf(dto.version) } });
});

const notAllowed = methodNotAllowed([op.method]);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
