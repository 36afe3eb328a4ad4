// The fleet inventory (`/api/v1/fleet`, lib/server/fleet): every datastore's nodes with their scheduled events, the
// refresh that reads them from the cloud, and the simulated cloud's injected events.
import {
  FleetEventListQuerySchema,
  FleetEventListSchema,
  FleetNodeListQuerySchema,
  FleetNodeListSchema,
  FleetRefreshBodySchema,
  FleetRefreshJobSchema,
  SimulatedEventBodySchema,
  SimulatedEventResultSchema,
} from "../../schemas/fleet";
import { BODY_ERRORS, type ApiOperation } from "./shared";

export const FLEET = {
  listFleetNodes: {
    method: "GET",
    path: "/api/v1/fleet/nodes",
    summary: "List the fleet's nodes",
    description:
      "Every live instance of the datastores you may see (your teams'; every team's for reviewers and admins), as the last inventory refresh saw it, with its open scheduled events (soonest deadline first). Filtered by `team` (slug or id), `datastore`, instance `family` (i4i), `region`, `generation` (current | previous: families more than three generations behind the newest of their series), `image`, `engineVersion` and `pendingEvents` (true | false). `facets` counts the nodes each value would show with the other filters applied. Cursor-paginated (`limit` 1–100). `simulated` says the inventory comes from the simulated cloud.",
    tag: "fleet",
    query: FleetNodeListQuerySchema,
    response: { status: 200, description: "One page of nodes, the facet counts, and the last refresh.", schema: FleetNodeListSchema },
    errors: ["invalid_input", "internal"],
  },
  listFleetEvents: {
    method: "GET",
    path: "/api/v1/fleet/events",
    summary: "List scheduled events",
    description:
      "Scheduled events (instance-retirement, instance-reboot, system-reboot, system-maintenance, instance-stop) and impaired status checks (status-impaired, no deadline: act now) on the nodes you may see; `status` open (default), resolved or all; filtered by `team` and `datastore`; newest first, cursor-paginated. An event is resolved when a refresh no longer sees it (done, cancelled, or its node replaced).",
    tag: "fleet",
    query: FleetEventListQuerySchema,
    response: { status: 200, description: "One page of events.", schema: FleetEventListSchema },
    errors: ["invalid_input", "internal"],
  },
  refreshFleet: {
    method: "POST",
    path: "/api/v1/fleet/refresh",
    summary: "Refresh the inventory",
    description:
      "Queues a refresh of one datastore's nodes (`datastoreId`, anyone who may see it) or of the whole fleet (no body; platform reviewers and administrators). The worker also refreshes every FLEET_REFRESH_MINUTES and after every successful up. A refresh already waiting is returned instead of a second one.",
    tag: "fleet",
    body: FleetRefreshBodySchema,
    bodyName: "refresh",
    bodyOptional: true,
    response: { status: 202, description: "The queued refresh job.", schema: FleetRefreshJobSchema },
    errors: [...BODY_ERRORS, "forbidden", "not_found", "internal"],
  },
  injectSimulatedFleetEvent: {
    method: "POST",
    path: "/api/v1/fleet/simulated/events",
    summary: "Inject an event into the simulated cloud",
    description:
      "Administrators only, and only when the portal runs the simulated cloud (PROVISIONER=simulated; otherwise 409). Schedules an event on a running simulated instance — `notBefore` defaults to a week from now, `notAfter` is optional — or, with code status-impaired, fails its status check; the datastore's inventory is refreshed at once. Audited.",
    tag: "fleet",
    body: SimulatedEventBodySchema,
    bodyName: "event",
    response: { status: 201, description: "The injected event and its datastore.", schema: SimulatedEventResultSchema },
    errors: [...BODY_ERRORS, "forbidden", "conflict", "internal"],
  },
} as const satisfies Record<string, ApiOperation>;
