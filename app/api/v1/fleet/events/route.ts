// GET /api/v1/fleet/events — scheduled events and impaired checks on the nodes the caller may see, cursor-paginated
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { listFleetEvents } from "@/lib/server/fleet/list-fleet-events";
import { defineRoute, defineRoutes } from "@/lib/server/http/define-route";

export const { GET, POST, PUT, PATCH, DELETE } = defineRoutes(
  defineRoute(API_OPERATIONS.listFleetEvents, ({ actor, query }) => listFleetEvents({ actor, query })),
);
