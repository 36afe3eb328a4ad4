// POST /api/v1/requests/{id}/submit — submits a request for review, pinning a recommendation and plan recomputed on the server
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { defineRoute, defineRoutes } from "@/lib/server/http/define-route";
import { etagOf, readIfMatch } from "@/lib/server/http/etag";
import { submitRequest } from "@/lib/server/requests/submit-request";

export const { GET, POST, PUT, PATCH, DELETE } = defineRoutes(
  defineRoute(API_OPERATIONS.submitRequest, ({ request, actor, params }) => submitRequest({ actor, id: params.id, ifMatch: readIfMatch(request) }), {
    headers: (dto) => ({ etag: etagOf(dto.version) }),
  }),
);
