// GET /api/v1/campaigns/{id}/events — a campaign's audit trail
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { listCampaignEvents } from "@/lib/server/campaigns/campaign-commands";
import { defineRoute, defineRoutes } from "@/lib/server/http/define-route";

export const { GET, POST, PUT, PATCH, DELETE } = defineRoutes(
  defineRoute(API_OPERATIONS.listCampaignEvents, ({ actor, params }) => listCampaignEvents({ actor, id: params.id })),
);
