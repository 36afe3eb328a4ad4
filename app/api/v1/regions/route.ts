// GET /api/v1/regions — every region: whether a datastore there can be provisioned, for which families, and whose prices plans use
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { defineRoute, defineRoutes } from "@/lib/server/http/define-route";
import { listRegions } from "@/lib/server/settings/list-regions";

export const { GET, POST, PUT, PATCH, DELETE } = defineRoutes(defineRoute(API_OPERATIONS.listRegions, ({ actor }) => listRegions({ actor })));
