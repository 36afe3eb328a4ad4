// GET /api/v1/requests/{id} — one request with decisions and comments (ETag); PATCH /api/v1/requests/{id} — edits a draft (If-Match required)
import { API_OPERATIONS } from "@/lib/openapi/operations";
import type { RequestDetailDto } from "@/lib/schemas/request";
import { defineRoute, defineRoutes } from "@/lib/server/http/define-route";
import { etagOf, readIfMatch } from "@/lib/server/http/etag";
import { getRequest } from "@/lib/server/requests/get-request";
import { updateRequest } from "@/lib/server/requests/update-request";

const headers = (dto: RequestDetailDto) => ({ etag: etagOf(dto.version) });

export const { GET, POST, PUT, PATCH, DELETE } = defineRoutes(
  defineRoute(API_OPERATIONS.getRequest, ({ actor, params }) => getRequest({ actor, id: params.id }), { headers }),
  defineRoute(
    API_OPERATIONS.updateRequest,
    ({ request, actor, params, body }) => updateRequest({ actor, id: params.id, input: body, ifMatch: readIfMatch(request, { required: true }) }),
    { headers },
  ),
);
