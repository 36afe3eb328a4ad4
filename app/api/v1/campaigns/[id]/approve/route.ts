// POST /api/v1/campaigns/{id}/approve — a reviewer approves a tier 0/1 wave (or one datastore of it)
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { defineRoute, defineRoutes } from "@/lib/server/http/define-route";
import { approveCampaign } from "@/lib/server/campaigns/campaign-commands";

export const { GET, POST, PUT, PATCH, DELETE } = defineRoutes(
  defineRoute(API_OPERATIONS.approveCampaign, ({ actor, params, body }) => approveCampaign({ actor, id: params.id, input: body })),
);
