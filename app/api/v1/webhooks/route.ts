// GET /api/v1/webhooks — lists your teams' webhook subscriptions (admins: every team's); POST subscribes (secret shown once)
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { defineRoute, defineRoutes } from "@/lib/server/http/define-route";
import { checkWebhookCreate, createWebhook } from "@/lib/server/webhooks/create-webhook";
import { listWebhooks } from "@/lib/server/webhooks/list-webhooks";

export const { GET, POST, PUT, PATCH, DELETE } = defineRoutes(
  defineRoute(API_OPERATIONS.listWebhooks, ({ actor, query }) => listWebhooks({ actor, query })),
  // The secret is in this body once: no cache may keep it.
  // Access and the URL's host are checked before the create's transaction opens (a lookup may take seconds).
  defineRoute(API_OPERATIONS.createWebhook, ({ actor, body, tx }) => createWebhook({ actor, body, tx, targetChecked: true }), {
    prepare: ({ actor, body }) => checkWebhookCreate(actor, body),
    headers: (webhook) => ({ "cache-control": "no-store", location: `/api/v1/webhooks/${webhook.id}` }),
  }),
);
