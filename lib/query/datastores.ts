// The catalog: datastores with filters and cursor pages, one datastore (with what the caller may do) and the ETag
// the server sent with it, its audit history, and threshold changes.
import { infiniteQueryOptions, queryOptions } from "@tanstack/react-query";
import type { DatastoreListQueryInput } from "@/lib/schemas/datastore";
import type { Threshold } from "@/lib/schemas";
import { apiClient, withEtag } from "./client";

/** The catalog's filters: GET /api/v1/datastores's query without its paging. */
export type DatastoreFilters = Omit<DatastoreListQueryInput, "cursor" | "limit">;

export const datastoreKeys = {
  all: ["datastores"] as const,
  list: (f: DatastoreFilters) => ["datastores", "list", f] as const,
  one: (id: string) => ["datastores", "one", id] as const,
  audit: (id: string) => ["datastores", "one", id, "audit"] as const,
};

export const datastoresQuery = (f: DatastoreFilters = {}) =>
  infiniteQueryOptions({
    queryKey: datastoreKeys.list(f),
    queryFn: ({ signal, pageParam }) => apiClient.get("listDatastores", { query: { ...f, cursor: pageParam }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

export const datastoreQuery = (id: string) =>
  queryOptions({
    queryKey: datastoreKeys.one(id),
    queryFn: ({ signal }) => withEtag(apiClient.call("getDatastore", { params: { id }, signal })),
  });

export const auditQuery = (id: string) =>
  queryOptions({
    queryKey: datastoreKeys.audit(id),
    queryFn: async ({ signal }) => (await apiClient.get("listDatastoreAuditEvents", { params: { id }, query: { limit: 100 }, signal })).items,
  });

export const catalogInfoUrl = (id: string) => apiClient.url("exportDatastoreBackstage", { params: { id } });

export const updateThresholds = (id: string, thresholds: Threshold[], etag: string | null) =>
  withEtag(apiClient.call("updateDatastoreThresholds", { params: { id }, body: { thresholds }, ifMatch: etag }));
