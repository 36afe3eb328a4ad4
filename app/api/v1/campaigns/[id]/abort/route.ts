// POST /api/v1/campaigns/{id}/abort — administrators abort an upgrade campaign (with a reason)
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { defineRoute, defineRoutes } from "@/lib/server/http/define-route";
import { commandCampaign } from "@/lib/server/campaigns/campaign-commands";

export const { GET, POST, PUT, PATCH, DELETE } = defineRoutes(
  defineRoute(API_OPERATIONS.abortCampaign, ({ actor, params, body }) =>
    commandCampaign({ actor, id: params.id, command: "abort", ...(body?.reason ? { reason: body.reason } : {}) }),
  ),
);
