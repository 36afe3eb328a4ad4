// GET /api/v1/campaigns/{id} — an upgrade campaign: waves, each datastore's step and evidence, what the caller may do
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { defineRoute, defineRoutes } from "@/lib/server/http/define-route";
import { getCampaign } from "@/lib/server/campaigns/campaign-commands";

export const { GET, POST, PUT, PATCH, DELETE } = defineRoutes(
  defineRoute(API_OPERATIONS.getCampaign, ({ actor, params }) => getCampaign({ actor, id: params.id })),
);
