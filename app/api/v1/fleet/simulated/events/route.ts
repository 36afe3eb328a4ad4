// POST /api/v1/fleet/simulated/events — an administrator injects an event into the simulated cloud (409 with AWS)
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { injectSimulatedEvent } from "@/lib/server/fleet/inject-simulated-event";
import { defineRoute, defineRoutes } from "@/lib/server/http/define-route";

export const { GET, POST, PUT, PATCH, DELETE } = defineRoutes(
  defineRoute(API_OPERATIONS.injectSimulatedFleetEvent, ({ actor, body }) => injectSimulatedEvent({ actor, body })),
);
