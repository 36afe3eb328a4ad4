// POST /api/v1/campaigns/{id}/resume — an administrator resumes a campaign
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { commandCampaign } from "@/lib/server/campaigns/campaign-commands";
import { defineRoute, defineRoutes } from "@/lib/server/http/define-route";

export const { GET, POST, PUT, PATCH, DELETE } = defineRoutes(
  defineRoute(API_OPERATIONS.resumeCampaign, ({ actor, params }) => commandCampaign({ actor, id: params.id, command: "resume" })),
);
