// GET /api/v1/fleet/nodes — the live nodes of the datastores the caller may see, filtered, with facet counts, cursor-paginated
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { listFleetNodes } from "@/lib/server/fleet/list-fleet-nodes";
import { defineRoute, defineRoutes } from "@/lib/server/http/define-route";

export const { GET, POST, PUT, PATCH, DELETE } = defineRoutes(
  defineRoute(API_OPERATIONS.listFleetNodes, ({ actor, query }) => listFleetNodes({ actor, query })),
);
