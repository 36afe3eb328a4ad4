// The review queue: what waits for a reviewer (requests, changes, decommissions), oldest first, a page at a time;
// and its size alone, for the header's badge.
import { infiniteQueryOptions, queryOptions } from "@tanstack/react-query";
import { apiClient } from "./client";
import { requestKeys } from "./requests";

export const reviewKeys = {
  queue: [...requestKeys.reviews, "queue"] as const,
  count: [...requestKeys.reviews, "count"] as const,
};

export const reviewQueueQuery = () =>
  infiniteQueryOptions({
    queryKey: reviewKeys.queue,
    queryFn: ({ signal, pageParam }) => apiClient.get("listReviews", { query: { cursor: pageParam }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

/** How much of the queue the caller may decide; refreshed every minute while a page is open. */
export const reviewCountQuery = () =>
  queryOptions({
    queryKey: reviewKeys.count,
    queryFn: async ({ signal }) => (await apiClient.get("listReviews", { query: { limit: 1 }, signal })).waiting,
    refetchInterval: 60_000,
  });
