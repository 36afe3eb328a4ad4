// POST /api/v1/campaigns/{id}/approve — a reviewer approves a tier 0/1 wave or datastore of a campaign
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { approveCampaign } from "@/lib/server/campaigns/campaign-commands";
import { defineRoute, defineRoutes } from "@/lib/server/http/define-route";

export const { GET, POST, PUT, PATCH, DELETE } = defineRoutes(
  defineRoute(API_OPERATIONS.approveCampaign, ({ actor, params, body }) => approveCampaign({ actor, id: params.id, input: body })),
);
