// GET /api/v1/campaigns/{id} — a campaign's waves, datastores, steps and evidence
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { getCampaign } from "@/lib/server/campaigns/campaign-commands";
import { defineRoute, defineRoutes } from "@/lib/server/http/define-route";

export const { GET, POST, PUT, PATCH, DELETE } = defineRoutes(
  defineRoute(API_OPERATIONS.getCampaign, ({ actor, params }) => getCampaign({ actor, id: params.id })),
);
