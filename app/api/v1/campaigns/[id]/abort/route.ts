// POST /api/v1/campaigns/{id}/abort — an administrator aborts a campaign
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { commandCampaign } from "@/lib/server/campaigns/campaign-commands";
import { defineRoute, defineRoutes } from "@/lib/server/http/define-route";

export const { GET, POST, PUT, PATCH, DELETE } = defineRoutes(
  defineRoute(API_OPERATIONS.abortCampaign, ({ actor, params, body }) =>
    commandCampaign({ actor, id: params.id, command: "abort", ...(body.reason ? { reason: body.reason } : {}) }),
  ),
);
