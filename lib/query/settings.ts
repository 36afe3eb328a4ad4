// The organisation's provisioning settings (administrators): read with their ETag, replaced with If-Match.
import { queryOptions } from "@tanstack/react-query";
import type { OrgSettingsDto, OrgSettingsUpdate } from "@/lib/schemas/org-settings";
import { apiWithEtag } from "./api";

export type { OrgSettingsDto, OrgSettingsUpdate };

export const settingsKey = ["admin", "settings"] as const;

export const settingsQuery = () =>
  queryOptions({
    queryKey: settingsKey,
    queryFn: ({ signal }) => apiWithEtag<OrgSettingsDto>("/api/v1/admin/settings", { signal }),
    staleTime: 60_000,
  });

export const updateSettings = (body: OrgSettingsUpdate, etag: string | null) =>
  apiWithEtag<OrgSettingsDto>("/api/v1/admin/settings", { method: "PUT", body, ifMatch: etag });
