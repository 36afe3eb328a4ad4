// A datastore's maintenance (windows, pending events, replacements) and its windows' update. The key sits under the
// datastore's, so invalidating the datastore refreshes it too.
import { queryOptions } from "@tanstack/react-query";
import type { MaintenanceOverview, MaintenanceWindow, MaintenanceWindowList } from "@/lib/schemas/maintenance";
import { apiClient } from "./client";
import { datastoreKeys } from "./datastores";

export type { MaintenanceOverview, MaintenanceWindow, MaintenanceWindowList };

export const maintenanceKeys = { of: (datastoreId: string) => [...datastoreKeys.one(datastoreId), "maintenance"] as const };

/** Polled often while a replacement is queued or running (its steps move on the page) or an event waits for one. */
export const maintenanceQuery = (datastoreId: string) =>
  queryOptions({
    queryKey: maintenanceKeys.of(datastoreId),
    queryFn: ({ signal }) => apiClient.get("getDatastoreMaintenance", { params: { id: datastoreId }, signal }),
    refetchInterval: (q) =>
      q.state.data?.replacements.some((r) => r.status === "queued" || r.status === "running") ? 1_000 : q.state.data?.events.length ? 2_000 : 10_000,
  });

export const putMaintenanceWindows = (datastoreId: string, windows: MaintenanceWindow[]) =>
  apiClient.get("putMaintenanceWindows", { params: { id: datastoreId }, body: { windows } });

/** The caller's teams' replacements queued or running (the dashboard). */
export const scheduledMaintenanceQuery = () =>
  queryOptions({
    queryKey: ["maintenance", "scheduled"] as const,
    queryFn: ({ signal }) => apiClient.get("listScheduledMaintenance", { signal }),
    refetchInterval: 15_000,
  });
