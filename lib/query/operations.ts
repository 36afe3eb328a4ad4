// Provisioning operations: a datastore's list (newest first), one operation, its events (the polling fallback of
// the live stream), and queueing, cancelling and retrying them. The keys sit under the datastore's, so
// invalidating a datastore refreshes its operations too.
import { queryOptions } from "@tanstack/react-query";
import type { OperationDto, OperationEventDto, OperationEventList, OperationList, QueueOperationBody } from "@/lib/schemas/operation";
import { api, newIdempotencyKey, queryString } from "./api";
import { datastoreKeys } from "./datastores";

export type { OperationDto, OperationEventDto, OperationEventList, OperationList, QueueOperationBody };

export const operationKeys = {
  ofDatastore: (datastoreId: string) => [...datastoreKeys.one(datastoreId), "operations"] as const,
  one: (id: string) => ["operations", id] as const,
  events: (id: string) => ["operations", id, "events"] as const,
};

const enc = encodeURIComponent;

/** The newest operations of a datastore: enough for its panel and history. */
export const OPERATIONS_PAGE = 50;

export const datastoreOperationsQuery = (datastoreId: string) =>
  queryOptions({
    queryKey: operationKeys.ofDatastore(datastoreId),
    queryFn: ({ signal }) => api<OperationList>(`/api/v1/datastores/${enc(datastoreId)}/operations${queryString({ limit: OPERATIONS_PAGE })}`, { signal }),
    staleTime: 5_000,
  });

export const operationQuery = (id: string) =>
  queryOptions({
    queryKey: operationKeys.one(id),
    queryFn: ({ signal }) => api<OperationDto>(`/api/v1/operations/${enc(id)}`, { signal }),
    staleTime: 2_000,
  });

/** One page of events after `after` (a seq): the polling fallback, and the log of a finished operation. */
export const fetchOperationEvents = (id: string, after: number, signal?: AbortSignal) =>
  api<OperationEventList>(`/api/v1/operations/${enc(id)}/events${queryString({ after, limit: 1000 })}`, { signal });

/** Every event of an operation, page after page. */
export async function fetchAllOperationEvents(id: string, signal?: AbortSignal): Promise<OperationEventDto[]> {
  const all: OperationEventDto[] = [];
  let after = 0;
  for (;;) {
    const page = await fetchOperationEvents(id, after, signal);
    all.push(...page.items);
    if (page.items.length === 0 || page.lastSeq <= after) return all;
    after = page.lastSeq;
  }
}

/** The live stream (Server-Sent Events); EventSource resumes after the last id by itself (Last-Event-ID). */
export const operationStreamUrl = (id: string) => `/api/v1/operations/${enc(id)}/stream`;

export const queueOperation = (datastoreId: string, body: QueueOperationBody, idempotencyKey = newIdempotencyKey()) =>
  api<OperationDto>(`/api/v1/datastores/${enc(datastoreId)}/operations`, { method: "POST", body, idempotencyKey });

export const cancelOperation = (id: string) => api<OperationDto>(`/api/v1/operations/${enc(id)}/cancel`, { method: "POST" });
export const retryOperation = (id: string, idempotencyKey = newIdempotencyKey()) =>
  api<OperationDto>(`/api/v1/operations/${enc(id)}/retry`, { method: "POST", idempotencyKey });

export const pulumiProjectUrl = (datastoreId: string) => `/api/v1/datastores/${enc(datastoreId)}/pulumi-project`;
