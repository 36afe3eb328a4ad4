// Requests for a data store: lists (a team's, the review queue), one request with its ETag, its comments,
// and the changes people make to them.
import { infiniteQueryOptions, queryOptions } from "@tanstack/react-query";
import type { CreateRequestBodyInput, ReviewDecisionBodyInput, UpdateRequestBodyInput } from "@/lib/schemas/request";
import { api, apiWithEtag, newIdempotencyKey, queryString } from "./api";
import type { CommentDto, RequestDetailDto, RequestDto, RequestStatus } from "./types";
import type { Page } from "./types";

export interface RequestFilters {
  status?: RequestStatus;
  teamId?: string;
  mine?: boolean;
}

export const requestKeys = {
  all: ["requests"] as const,
  list: (f: RequestFilters) => ["requests", "list", f] as const,
  one: (id: string) => ["requests", "one", id] as const,
  comments: (id: string) => ["requests", "one", id, "comments"] as const,
};

const listPath = (f: RequestFilters, cursor?: string) =>
  `/api/v1/requests${queryString({ status: f.status, teamId: f.teamId, cursor, mine: f.mine ? "true" : undefined })}`;

export const requestsQuery = (f: RequestFilters = {}) =>
  queryOptions({
    queryKey: requestKeys.list(f),
    queryFn: ({ signal }) => api<Page<RequestDto>>(listPath(f), { signal }),
  });

export const requestsInfiniteQuery = (f: RequestFilters = {}) =>
  infiniteQueryOptions({
    queryKey: [...requestKeys.list(f), "infinite"] as const,
    queryFn: ({ signal, pageParam }) => api<Page<RequestDto>>(listPath(f, pageParam), { signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

export const requestQuery = (id: string) =>
  queryOptions({
    queryKey: requestKeys.one(id),
    queryFn: ({ signal }) => apiWithEtag<RequestDetailDto>(`/api/v1/requests/${encodeURIComponent(id)}`, { signal }),
  });

export const commentsQuery = (id: string) =>
  queryOptions({
    queryKey: requestKeys.comments(id),
    queryFn: async ({ signal }) => (await api<{ items: CommentDto[] }>(`/api/v1/requests/${encodeURIComponent(id)}/comments`, { signal })).items,
  });

export type RequestDraft = CreateRequestBodyInput;

export const createRequest = (draft: RequestDraft, idempotencyKey = newIdempotencyKey()) =>
  api<RequestDto>("/api/v1/requests", { method: "POST", body: draft, idempotencyKey });

export const updateRequest = (id: string, patch: UpdateRequestBodyInput, etag: string | null) =>
  apiWithEtag<RequestDto>(`/api/v1/requests/${encodeURIComponent(id)}`, { method: "PATCH", body: patch, ifMatch: etag });

export const submitRequest = (id: string) => api<RequestDto>(`/api/v1/requests/${encodeURIComponent(id)}/submit`, { method: "POST" });
export const cancelRequest = (id: string) => api<RequestDto>(`/api/v1/requests/${encodeURIComponent(id)}/cancel`, { method: "POST" });

export type DecisionInput = ReviewDecisionBodyInput;
export const decideRequest = (id: string, input: DecisionInput, etag?: string | null) =>
  api<RequestDto>(`/api/v1/requests/${encodeURIComponent(id)}/decisions`, { method: "POST", body: input, ifMatch: etag ?? undefined, idempotencyKey: newIdempotencyKey() });

export const addComment = (id: string, body: string) =>
  api<CommentDto>(`/api/v1/requests/${encodeURIComponent(id)}/comments`, { method: "POST", body: { body }, idempotencyKey: newIdempotencyKey() });
