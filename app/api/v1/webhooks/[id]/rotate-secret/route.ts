// POST /api/v1/webhooks/{id}/rotate-secret — a new signing secret, shown once
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { defineRoute, defineRoutes } from "@/lib/server/http/define-route";
import { rotateWebhookSecret } from "@/lib/server/webhooks/rotate-webhook-secret";

export const { GET, POST, PUT, PATCH, DELETE } = defineRoutes(
  defineRoute(API_OPERATIONS.rotateWebhookSecret, ({ actor, params }) => rotateWebhookSecret({ actor, id: params.id }), {
    headers: () => ({ "cache-control": "no-store" }),
  }),
);
