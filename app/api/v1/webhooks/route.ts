// GET /api/v1/webhooks — lists your teams' webhook subscriptions (admins: every team's); POST subscribes (secret shown once)
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { defineRoute, defineRoutes } from "@/lib/server/http/define-route";
import { createWebhook } from "@/lib/server/webhooks/create-webhook";
import { listWebhooks } from "@/lib/server/webhooks/list-webhooks";
import { requireAllowedTarget } from "@/lib/server/webhooks/target";
import { managesWebhooksOf } from "@/lib/server/webhooks/webhook-dto";

export const { GET, POST, PUT, PATCH, DELETE } = defineRoutes(
  defineRoute(API_OPERATIONS.listWebhooks, ({ actor, query }) => listWebhooks({ actor, query })),
  // The secret is in this body once: no cache may keep it.
  // The URL's host is resolved and checked before the create's transaction opens (it may take seconds).
  defineRoute(API_OPERATIONS.createWebhook, ({ actor, body, tx }) => createWebhook({ actor, body, tx, targetChecked: true }), {
    // Only for a team the caller manages: anyone else gets the use-case's 403 without the portal resolving a name for them.
    prepare: async ({ actor, body }) => {
      if (managesWebhooksOf(actor, body.teamId)) await requireAllowedTarget(body.url);
    },
    headers: (webhook) => ({ "cache-control": "no-store", location: `/api/v1/webhooks/${webhook.id}` }),
  }),
);
