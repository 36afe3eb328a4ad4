// POST /api/v1/fleet/refresh — queues a refresh of one datastore's nodes or of the whole fleet
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { requestRefresh } from "@/lib/server/fleet/request-refresh";
import { defineRoute, defineRoutes } from "@/lib/server/http/define-route";

export const { GET, POST, PUT, PATCH, DELETE } = defineRoutes(defineRoute(API_OPERATIONS.refreshFleet, ({ actor, body }) => requestRefresh({ actor, body })));
