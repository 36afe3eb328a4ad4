// GET /api/v1/datastores/{id}/campaign — the upgrade campaign a datastore is in, and its step there
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { defineRoute, defineRoutes } from "@/lib/server/http/define-route";
import { getDatastoreCampaign } from "@/lib/server/campaigns/get-datastore-campaign";

export const { GET, POST, PUT, PATCH, DELETE } = defineRoutes(
  defineRoute(API_OPERATIONS.getDatastoreCampaign, ({ actor, params }) => getDatastoreCampaign({ actor, id: params.id })),
);
