// The catalog: datastores with filters and cursor pages, one datastore (with what the caller may do) and the ETag
// the server sent with it, its audit history, and threshold changes.
import { infiniteQueryOptions, queryOptions } from "@tanstack/react-query";
import type { Threshold } from "@/lib/schemas";
import { api, apiWithEtag, queryString } from "./api";
import type { AuditEventDto, DatastoreDetailDto, DatastoreSummary, Page } from "./types";

export interface DatastoreFilters {
  q?: string;
  team?: string;
  family?: string;
  tier?: string;
  region?: string;
  status?: string;
}

export const datastoreKeys = {
  all: ["datastores"] as const,
  list: (f: DatastoreFilters) => ["datastores", "list", f] as const,
  one: (id: string) => ["datastores", "one", id] as const,
  audit: (id: string) => ["datastores", "one", id, "audit"] as const,
};

const listPath = (f: DatastoreFilters, cursor?: string) => `/api/v1/datastores${queryString({ ...f, cursor })}`;

export const datastoresQuery = (f: DatastoreFilters = {}) =>
  infiniteQueryOptions({
    queryKey: datastoreKeys.list(f),
    queryFn: ({ signal, pageParam }) => api<Page<DatastoreSummary>>(listPath(f, pageParam), { signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

export const datastoreQuery = (id: string) =>
  queryOptions({
    queryKey: datastoreKeys.one(id),
    queryFn: ({ signal }) => apiWithEtag<DatastoreDetailDto>(`/api/v1/datastores/${encodeURIComponent(id)}`, { signal }),
  });

export const auditQuery = (id: string) =>
  queryOptions({
    queryKey: datastoreKeys.audit(id),
    queryFn: async ({ signal }) =>
      (await api<Page<AuditEventDto>>(`/api/v1/datastores/${encodeURIComponent(id)}/audit${queryString({ limit: 100 })}`, { signal })).items,
  });

export const catalogInfoUrl = (id: string) => `/api/v1/datastores/${encodeURIComponent(id)}/catalog-info.yaml`;

export const updateThresholds = (id: string, thresholds: Threshold[], etag: string | null) =>
  apiWithEtag<DatastoreDetailDto>(`/api/v1/datastores/${encodeURIComponent(id)}/thresholds`, { method: "PUT", body: { thresholds }, ifMatch: etag });
