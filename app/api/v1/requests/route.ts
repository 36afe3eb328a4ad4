// POST /api/v1/requests — creates a draft request (Idempotency-Key aware); GET /api/v1/requests — lists requests a page at a time
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { defineRoute, defineRoutes } from "@/lib/server/http/define-route";
import { etagOf } from "@/lib/server/http/etag";
import { createRequest } from "@/lib/server/requests/create-request";
import { listRequests } from "@/lib/server/requests/list-requests";

export const { GET, POST, PUT, PATCH, DELETE } = defineRoutes(
  defineRoute(API_OPERATIONS.createRequest, ({ actor, body, tx }) => createRequest({ actor, input: body, tx }), {
    headers: (dto) => ({ location: `/api/v1/requests/${dto.id}`, etag: etagOf(dto.version) }),
  }),
  defineRoute(API_OPERATIONS.listRequests, ({ actor, query }) => listRequests({ actor, query })),
);
