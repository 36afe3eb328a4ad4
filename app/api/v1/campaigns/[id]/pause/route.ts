// POST /api/v1/campaigns/{id}/pause — an administrator pauses a campaign
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { commandCampaign } from "@/lib/server/campaigns/campaign-commands";
import { defineRoute, defineRoutes } from "@/lib/server/http/define-route";

export const { GET, POST, PUT, PATCH, DELETE } = defineRoutes(
  defineRoute(API_OPERATIONS.pauseCampaign, ({ actor, params }) => commandCampaign({ actor, id: params.id, command: "pause" })),
);
