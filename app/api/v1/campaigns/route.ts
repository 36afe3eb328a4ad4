// GET, POST /api/v1/campaigns — the upgrade campaigns; an administrator creates one (a draft, or started)
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { listCampaigns } from "@/lib/server/campaigns/campaign-commands";
import { createCampaign } from "@/lib/server/campaigns/create-campaign";
import { defineRoute, defineRoutes } from "@/lib/server/http/define-route";

export const { GET, POST, PUT, PATCH, DELETE } = defineRoutes(
  defineRoute(API_OPERATIONS.listCampaigns, ({ actor }) => listCampaigns({ actor })),
  defineRoute(API_OPERATIONS.createCampaign, ({ actor, body }) => createCampaign({ actor, input: body })),
);
