// POST /api/v1/requests/{id}/decisions — a reviewer approves (creating the datastore), requests changes or rejects
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { defineRoute, defineRoutes } from "@/lib/server/http/define-route";
import { etagOf, readIfMatch } from "@/lib/server/http/etag";
import { reviewRequest } from "@/lib/server/requests/review-request";

export const { GET, POST, PUT, PATCH, DELETE } = defineRoutes(
  defineRoute(
    API_OPERATIONS.reviewRequest,
    ({ request, actor, params, body }) => reviewRequest({ actor, id: params.id, input: body, ifMatch: readIfMatch(request) }),
    {
      headers: (dto) => ({ etag: etagOf(dto.version) }),
    },
  ),
);
