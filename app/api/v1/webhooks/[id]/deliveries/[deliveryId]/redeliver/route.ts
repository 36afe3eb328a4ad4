// POST /api/v1/webhooks/{id}/deliveries/{deliveryId}/redeliver — sends a past message again (same webhook-id)
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { defineRoute, defineRoutes } from "@/lib/server/http/define-route";
import { redeliverWebhook } from "@/lib/server/webhooks/redeliver-webhook";

export const { GET, POST, PUT, PATCH, DELETE } = defineRoutes(
  defineRoute(API_OPERATIONS.redeliverWebhook, ({ actor, params }) => redeliverWebhook({ actor, id: params.id, deliveryId: params.deliveryId })),
);
