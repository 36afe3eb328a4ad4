// GET /api/v1/datastores/{id}/campaign — the upgrade campaign a datastore is in, with its step and evidence
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { getDatastoreCampaign } from "@/lib/server/campaigns/campaign-commands";
import { defineRoute, defineRoutes } from "@/lib/server/http/define-route";

export const { GET, POST, PUT, PATCH, DELETE } = defineRoutes(
  defineRoute(API_OPERATIONS.getDatastoreCampaign, ({ actor, params }) => getDatastoreCampaign({ actor, id: params.id })),
);
