// A datastore's capacity: its disk runway and observed peaks against the plan with the re-plan they call for, and the
// modernisation of previous-generation shapes.
import { queryOptions } from "@tanstack/react-query";
import type { ModernisationDto, RunwayDto } from "@/lib/schemas/runway";
import { apiClient } from "./client";
import { datastoreKeys } from "./datastores";

export type { ModernisationDto, RunwayDto };

export const capacityKeys = {
  runway: (id: string) => [...datastoreKeys.one(id), "runway"] as const,
  modernisation: (id: string) => [...datastoreKeys.one(id), "modernisation"] as const,
};

export const runwayQuery = (id: string) =>
  queryOptions({
    queryKey: capacityKeys.runway(id),
    queryFn: ({ signal }) => apiClient.get("getDatastoreRunway", { params: { id }, signal }),
    // Metrics move by the minute: refresh while the tab is open.
    staleTime: 30_000,
    refetchInterval: 60_000,
  });

export const modernisationQuery = (id: string) =>
  queryOptions({
    queryKey: capacityKeys.modernisation(id),
    queryFn: ({ signal }) => apiClient.get("getDatastoreModernisation", { params: { id }, signal }),
    staleTime: 60_000,
  });
