// POST /api/v1/webhooks/{id}/ping — queues a signed test message (webhook.ping) to the subscription
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { defineRoute, defineRoutes } from "@/lib/server/http/define-route";
import { pingWebhook } from "@/lib/server/webhooks/ping-webhook";

export const { GET, POST, PUT, PATCH, DELETE } = defineRoutes(
  defineRoute(API_OPERATIONS.pingWebhook, ({ actor, params }) => pingWebhook({ actor, id: params.id })),
);
