// Requests for a data store: lists of summaries (a team's), one request with its ETag (its comments come with it), and
// the changes people make to them. The review queue is lib/query/reviews.ts.
import { infiniteQueryOptions, queryOptions } from "@tanstack/react-query";
import type { CreateRequestBodyInput, ReviewDecisionBodyInput, UpdateRequestBodyInput } from "@/lib/schemas/request";
import { newIdempotencyKey } from "./api";
import { apiClient, withEtag } from "./client";
import type { RequestStatus } from "./types";

export interface RequestFilters {
  status?: RequestStatus;
  teamId?: string;
  mine?: boolean;
}

export const requestKeys = {
  all: ["requests"] as const,
  list: (f: RequestFilters) => ["requests", "list", f] as const,
  one: (id: string) => ["requests", "one", id] as const,
  /** Under "requests", so whatever refreshes requests after a change (a decision, a submission) refreshes the queue too. */
  reviews: ["requests", "reviews"] as const,
};

/** A list of request summaries, newest first, a page at a time ("Load more" follows the cursor). */
export const requestsQuery = (f: RequestFilters = {}) =>
  infiniteQueryOptions({
    queryKey: requestKeys.list(f),
    queryFn: ({ signal, pageParam }) =>
      apiClient.get("listRequests", { query: { status: f.status, teamId: f.teamId, mine: f.mine ? "true" : undefined, cursor: pageParam }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

export const requestQuery = (id: string) =>
  queryOptions({
    queryKey: requestKeys.one(id),
    queryFn: ({ signal }) => withEtag(apiClient.call("getRequest", { params: { id }, signal })),
  });

export type RequestDraft = CreateRequestBodyInput;

/** Creates a draft; the ETag the server answers with is what the next edit sends back (never one built here). */
export const createRequest = (draft: RequestDraft, idempotencyKey = newIdempotencyKey()) =>
  withEtag(apiClient.call("createRequest", { body: draft, idempotencyKey }));

export const updateRequest = (id: string, patch: UpdateRequestBodyInput, etag: string | null) =>
  withEtag(apiClient.call("updateRequest", { params: { id }, body: patch, ifMatch: etag }));

export const submitRequest = (id: string) => apiClient.get("submitRequest", { params: { id } });
export const cancelRequest = (id: string) => apiClient.get("cancelRequest", { params: { id } });

export type DecisionInput = ReviewDecisionBodyInput;
export const decideRequest = (id: string, input: DecisionInput, etag?: string | null) =>
  apiClient.get("reviewRequest", { params: { id }, body: input, ifMatch: etag ?? undefined, idempotencyKey: newIdempotencyKey() });

export const addComment = (id: string, body: string) =>
  apiClient.get("addRequestComment", { params: { id }, body: { body }, idempotencyKey: newIdempotencyKey() });
