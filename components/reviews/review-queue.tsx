"use client";
// The reviewers' queue: every submitted request. Your own are listed but marked: someone else must decide them.
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { errorMessage } from "@/lib/query/api";
import { isReviewerOf, meQuery } from "@/lib/query/me";
import { requestsQuery } from "@/lib/query/requests";
import { RequestTable } from "@/components/requests/request-table";
import { EmptyState, ErrorState, Loading } from "@/components/ui/query-state";

export function ReviewQueue() {
  const me = useQuery(meQuery());
  const q = useQuery(requestsQuery({ status: "submitted" }));
  if (me.data && !isReviewerOf(me.data)) {
    return <div className="callout callout--info">Reviews are for data-platform reviewers. You can follow your own requests from the <Link href="/">dashboard</Link>.</div>;
  }
  if (q.isPending) return <Loading rows={4} />;
  if (q.isError) return <ErrorState message={errorMessage(q.error)} onRetry={() => void q.refetch()} />;
  // Oldest first: the request that has waited longest is reviewed first.
  const items = [...q.data.items].sort((a, b) => (a.submittedAt ?? a.createdAt).localeCompare(b.submittedAt ?? b.createdAt));
  return (
    <section className="card" data-testid="review-queue">
      {items.length === 0 ? (
        <EmptyState title="The queue is empty." action={<Link className="button" href="/catalog">Browse the catalog</Link>}>
          Submitted requests appear here for review.
        </EmptyState>
      ) : (
        <RequestTable requests={items} hrefFor={(r) => `/reviews/${r.id}`} />
      )}
    </section>
  );
}
