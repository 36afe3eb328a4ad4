// GET /api/v1/webhooks/{id} — one subscription; PATCH changes URL, events, description or enabled; DELETE removes it
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { defineRoute, defineRoutes } from "@/lib/server/http/define-route";
import { deleteWebhook } from "@/lib/server/webhooks/delete-webhook";
import { getWebhook } from "@/lib/server/webhooks/get-webhook";
import { updateWebhook } from "@/lib/server/webhooks/update-webhook";

export const { GET, POST, PUT, PATCH, DELETE } = defineRoutes(
  defineRoute(API_OPERATIONS.getWebhook, ({ actor, params }) => getWebhook({ actor, id: params.id })),
  defineRoute(API_OPERATIONS.updateWebhook, ({ actor, params, body }) => updateWebhook({ actor, id: params.id, body })),
  defineRoute(API_OPERATIONS.deleteWebhook, ({ actor, params }) => deleteWebhook({ actor, id: params.id })),
);
