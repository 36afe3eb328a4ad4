// GET, POST /api/v1/campaigns — upgrade campaigns, or create one (administrators; a draft unless started)
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { defineRoute, defineRoutes } from "@/lib/server/http/define-route";
import { listCampaigns } from "@/lib/server/campaigns/campaign-commands";
import { createCampaign } from "@/lib/server/campaigns/create-campaign";

export const { GET, POST, PUT, PATCH, DELETE } = defineRoutes(
  defineRoute(API_OPERATIONS.listCampaigns, ({ actor }) => listCampaigns({ actor })),
  defineRoute(API_OPERATIONS.createCampaign, ({ actor, body }) => createCampaign({ actor, input: body })),
);
