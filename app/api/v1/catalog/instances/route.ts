// GET /api/v1/catalog/instances — lists instance shapes with prices for a region (?region=, ?family=), cheapest first
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { defineRoute, defineRoutes } from "@/lib/server/http/define-route";
import { listInstances } from "@/lib/server/planning/list-instances";

export const { GET, POST, PUT, PATCH, DELETE } = defineRoutes(defineRoute(API_OPERATIONS.listInstances, ({ query }) => listInstances(query)));
