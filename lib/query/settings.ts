// The organisation's provisioning settings (administrators): read with their ETag, replaced with If-Match.
import { queryOptions } from "@tanstack/react-query";
import type { OrgSettingsDto, OrgSettingsUpdate } from "@/lib/schemas/org-settings";
import { apiClient, withEtag } from "./client";

export type { OrgSettingsDto, OrgSettingsUpdate };

export const settingsKey = ["admin", "settings"] as const;

export const settingsQuery = () =>
  queryOptions({
    queryKey: settingsKey,
    queryFn: ({ signal }) => withEtag(apiClient.call("getOrgSettings", { signal })),
    staleTime: 60_000,
  });

export const updateSettings = (body: OrgSettingsUpdate, etag: string | null) => withEtag(apiClient.call("updateOrgSettings", { body, ifMatch: etag }));
