// GET /api/v1/webhooks/{id}/deliveries — the subscription's delivery log, newest first
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { defineRoute, defineRoutes } from "@/lib/server/http/define-route";
import { listWebhookDeliveries } from "@/lib/server/webhooks/list-webhook-deliveries";

export const { GET, POST, PUT, PATCH, DELETE } = defineRoutes(
  defineRoute(API_OPERATIONS.listWebhookDeliveries, ({ actor, params, query }) => listWebhookDeliveries({ actor, id: params.id, query })),
);
