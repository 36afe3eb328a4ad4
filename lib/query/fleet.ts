// The fleet inventory through the typed client: nodes with facets (cursor pages), events, a refresh, and the
// simulated cloud's injected events.
import { infiniteQueryOptions, queryOptions } from "@tanstack/react-query";
import type { FleetNodeListQueryInput, SimulatedEventBodyInput } from "@/lib/schemas/fleet";
import { apiClient } from "./client";

/** The fleet page's filters: GET /api/v1/fleet/nodes's query without its paging. */
export type FleetFilters = Omit<FleetNodeListQueryInput, "cursor" | "limit">;

export const fleetKeys = {
  all: ["fleet"] as const,
  nodes: (f: FleetFilters) => ["fleet", "nodes", f] as const,
  events: (scope: { datastore?: string }) => ["fleet", "events", scope] as const,
};

export const fleetNodesQuery = (f: FleetFilters = {}) =>
  infiniteQueryOptions({
    queryKey: fleetKeys.nodes(f),
    queryFn: ({ signal, pageParam }) => apiClient.get("listFleetNodes", { query: { ...f, cursor: pageParam, limit: 100 }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

/** Open events (of one datastore, or of every datastore the caller may see), as the banner and the dashboard show them. */
export const pendingEventsQuery = (scope: { datastore?: string } = {}) =>
  queryOptions({
    queryKey: fleetKeys.events(scope),
    queryFn: async ({ signal }) => apiClient.get("listFleetEvents", { query: { ...scope, status: "open", limit: 100 }, signal }),
  });

export const refreshFleet = (datastoreId?: string) => apiClient.get("refreshFleet", { body: datastoreId ? { datastoreId } : {} });
export const injectFleetEvent = (body: SimulatedEventBodyInput) => apiClient.get("injectSimulatedFleetEvent", { body });
