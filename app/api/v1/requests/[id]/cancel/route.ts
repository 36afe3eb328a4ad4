// POST /api/v1/requests/{id}/cancel — cancels a request that is not finally decided (the requesting team)
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { defineRoute, defineRoutes } from "@/lib/server/http/define-route";
import { etagOf, readIfMatch } from "@/lib/server/http/etag";
import { cancelRequest } from "@/lib/server/requests/cancel-request";

export const { GET, POST, PUT, PATCH, DELETE } = defineRoutes(
  defineRoute(API_OPERATIONS.cancelRequest, ({ request, actor, params }) => cancelRequest({ actor, id: params.id, ifMatch: readIfMatch(request) }), {
    headers: (dto) => ({ etag: etagOf(dto.version) }),
  }),
);
