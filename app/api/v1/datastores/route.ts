// GET /api/v1/datastores — lists the datastores the caller may see, filtered (?q, team, family, tier, region, status), cursor-paginated
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { listDatastores } from "@/lib/server/datastores/list-datastores";
import { defineRoute, defineRoutes } from "@/lib/server/http/define-route";

export const { GET, POST, PUT, PATCH, DELETE } = defineRoutes(
  defineRoute(API_OPERATIONS.listDatastores, ({ actor, query }) => listDatastores({ actor, query })),
);
