// Which regions a datastore can be provisioned in (the organisation settings have them) and whose prices plans use
// there: the region chips and the plan's warnings read it. Signed-in people only; settings change rarely.
import { queryOptions, useQuery } from "@tanstack/react-query";
import type { RegionInfo } from "@/lib/schemas/org-settings";
import { apiClient } from "./client";
import { meQuery } from "./me";

export type { RegionInfo };

export const regionsKey = ["regions"] as const;

export const regionsQuery = () =>
  queryOptions({
    queryKey: regionsKey,
    queryFn: async ({ signal }) => (await apiClient.get("listRegions", { signal })).items,
    staleTime: 5 * 60_000,
  });

/** The regions by code once known; undefined for visitors (the planner is public) and while loading. */
export function useRegionInfo(): ReadonlyMap<string, RegionInfo> | undefined {
  const me = useQuery(meQuery());
  const regions = useQuery({ ...regionsQuery(), enabled: !!me.data });
  return regions.data ? new Map(regions.data.map((r) => [r.code, r])) : undefined;
}
