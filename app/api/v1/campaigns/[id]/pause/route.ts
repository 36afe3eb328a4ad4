// POST /api/v1/campaigns/{id}/pause — administrators pause an upgrade campaign
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { defineRoute, defineRoutes } from "@/lib/server/http/define-route";
import { commandCampaign } from "@/lib/server/campaigns/campaign-commands";

export const { GET, POST, PUT, PATCH, DELETE } = defineRoutes(
  defineRoute(API_OPERATIONS.pauseCampaign, ({ actor, params }) => commandCampaign({ actor, id: params.id, command: "pause" })),
);
