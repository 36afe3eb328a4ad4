// Requests for a data store: lists (a team's, the review queue), one request with its ETag (its comments come
// with it), and the changes people make to them.
import { queryOptions } from "@tanstack/react-query";
import type { CreateRequestBodyInput, ReviewDecisionBodyInput, UpdateRequestBodyInput } from "@/lib/schemas/request";
import { api, apiWithEtag, newIdempotencyKey, queryString } from "./api";
import type { CommentDto, Page, RequestDetailDto, RequestDto, RequestStatus } from "./types";

export interface RequestFilters {
  status?: RequestStatus;
  teamId?: string;
  mine?: boolean;
}

export const requestKeys = {
  all: ["requests"] as const,
  list: (f: RequestFilters) => ["requests", "list", f] as const,
  one: (id: string) => ["requests", "one", id] as const,
};

const listPath = (f: RequestFilters) => `/api/v1/requests${queryString({ status: f.status, teamId: f.teamId, mine: f.mine ? "true" : undefined })}`;

export const requestsQuery = (f: RequestFilters = {}) =>
  queryOptions({
    queryKey: requestKeys.list(f),
    queryFn: ({ signal }) => api<Page<RequestDto>>(listPath(f), { signal }),
  });

export const requestQuery = (id: string) =>
  queryOptions({
    queryKey: requestKeys.one(id),
    queryFn: ({ signal }) => apiWithEtag<RequestDetailDto>(`/api/v1/requests/${encodeURIComponent(id)}`, { signal }),
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
