// Provisioning operations: a datastore's list (newest first), one operation, its events (pages after a seq, held in
// the query cache; the live stream only says when to read more), and queueing, cancelling and retrying them. The
// lists' keys sit under the datastore's, so invalidating a datastore refreshes its operations too.
import { infiniteQueryOptions, queryOptions } from "@tanstack/react-query";
import {
  OperationEventListSchema,
  type OperationDto,
  type OperationEventDto,
  type OperationEventList,
  type OperationList,
  type QueueOperationBody,
} from "@/lib/schemas/operation";
import { newIdempotencyKey } from "./api";
import { apiClient } from "./client";
import { datastoreKeys } from "./datastores";

export type { OperationDto, OperationEventDto, OperationEventList, OperationList, QueueOperationBody };

export const operationKeys = {
  ofDatastore: (datastoreId: string) => [...datastoreKeys.one(datastoreId), "operations"] as const,
  one: (id: string) => ["operations", id] as const,
  /** Not under the operation's key: re-reading the operation (its progress, often) must not re-read its whole log. */
  events: (id: string) => ["operation-events", id] as const,
};

/** The newest operations of a datastore: enough for its panel and history. */
export const OPERATIONS_PAGE = 50;

export const datastoreOperationsQuery = (datastoreId: string) =>
  queryOptions({
    queryKey: operationKeys.ofDatastore(datastoreId),
    queryFn: ({ signal }) => apiClient.get("listDatastoreOperations", { params: { id: datastoreId }, query: { limit: OPERATIONS_PAGE }, signal }),
    staleTime: 5_000,
  });

export const operationQuery = (id: string) =>
  queryOptions({
    queryKey: operationKeys.one(id),
    queryFn: ({ signal }) => apiClient.get("getOperation", { params: { id }, signal }),
    staleTime: 2_000,
  });

/** Events per page of GET …/events (the API's largest). */
export const EVENTS_PAGE = 1000;

/**
 * An operation's events, a page at a time: the first after seq 0, each next one after the last seq the cache holds.
 * Every page is validated against the API's schema as it arrives. Stored events never change, so the pages never go
 * stale: what is new is read as a next page (when the stream announces it, or a poll asks), never by re-reading all.
 */
export const operationEventsQuery = (id: string) =>
  infiniteQueryOptions({
    queryKey: operationKeys.events(id),
    queryFn: async ({ signal, pageParam }): Promise<OperationEventList> =>
      OperationEventListSchema.parse(await apiClient.get("listOperationEvents", { params: { id }, query: { after: pageParam, limit: EVENTS_PAGE }, signal })),
    initialPageParam: 0,
    getNextPageParam: (last) => last.lastSeq,
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });

/**
 * The live stream (Server-Sent Events), starting after `after` (the last seq already read); EventSource resumes
 * after the last id it saw by itself when it reconnects (Last-Event-ID, which the server prefers to the query).
 */
export const operationStreamUrl = (id: string, after = 0) =>
  apiClient.url("streamOperationEvents", { params: { id }, query: { lastEventId: after > 0 ? after : undefined } });

export const queueOperation = (datastoreId: string, body: QueueOperationBody, idempotencyKey = newIdempotencyKey()) =>
  apiClient.get("queueDatastoreOperation", { params: { id: datastoreId }, body, idempotencyKey });

export const cancelOperation = (id: string) => apiClient.get("cancelOperation", { params: { id } });
export const retryOperation = (id: string, idempotencyKey = newIdempotencyKey()) => apiClient.get("retryOperation", { params: { id }, idempotencyKey });

export const approveOperation = (id: string) => apiClient.get("approveOperation", { params: { id } });

export const pulumiProjectUrl = (datastoreId: string) => apiClient.url("exportDatastorePulumiProject", { params: { id: datastoreId } });
