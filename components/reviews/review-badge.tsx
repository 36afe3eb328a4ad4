"use client";
// The header's count of reviews waiting for the signed-in reviewer (what they may decide: never what they asked for
// themselves), beside the Reviews link. Self-contained: it asks the queue's size itself and renders nothing at zero.
import { useQuery } from "@tanstack/react-query";
import { reviewCountQuery } from "@/lib/query/reviews";

export function ReviewBadge() {
  const q = useQuery(reviewCountQuery());
  const n = q.data?.forYou ?? 0;
  if (n === 0) return null;
  const shown = n > 99 ? "99+" : String(n);
  return (
    <>
      <span className="nav-badge" aria-hidden="true" data-testid="review-badge" data-count={n}>
        {shown}
      </span>
      <span className="visually-hidden">{`, ${n} waiting for your review`}</span>
    </>
  );
}
