// GET /api/v1/requests/{id}/comments — the comment thread; POST /api/v1/requests/{id}/comments — adds a comment (Idempotency-Key aware)
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { defineRoute, defineRoutes } from "@/lib/server/http/define-route";
import { addComment } from "@/lib/server/requests/add-comment";
import { listComments } from "@/lib/server/requests/list-comments";

export const { GET, POST, PUT, PATCH, DELETE } = defineRoutes(
  defineRoute(API_OPERATIONS.listRequestComments, ({ actor, params }) => listComments({ actor, id: params.id })),
  defineRoute(API_OPERATIONS.addRequestComment, ({ actor, params, body, tx }) => addComment({ actor, id: params.id, input: body, tx })),
);
