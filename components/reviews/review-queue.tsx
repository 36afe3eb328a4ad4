"use client";
// The reviewers' queue: submitted requests, workload changes and decommissions that need a reviewer, longest waiting
// first, as the server orders and pages them ("Load more" follows its cursor). What you asked for yourself is
// listed but marked: someone else must decide it (the server says so in `actions.decide`).
import Link from "next/link";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { errorMessage } from "@/lib/query/api";
import { meQuery } from "@/lib/query/me";
import { reviewQueueQuery } from "@/lib/query/reviews";
import { EmptyState, ErrorState, Loading } from "@/components/ui/query-state";
import { LoadMore } from "@/components/ui/load-more";
import { ReviewTable } from "./review-table";

export function ReviewQueue() {
  const me = useQuery(meQuery());
  const reviewer = !!me.data?.actions.review.allowed;
  const q = useInfiniteQuery({ ...reviewQueueQuery(), enabled: reviewer });
  if (me.data && !reviewer) {
    return (
      <div className="callout callout--info">
        Reviews are for data-platform reviewers. You can follow your own requests from the <Link href="/">dashboard</Link>.
      </div>
    );
  }
  if (q.isPending) return <Loading rows={4} />;
  if (q.isError) return <ErrorState message={errorMessage(q.error)} onRetry={() => void q.refetch()} />;
  const items = q.data.pages.flatMap((p) => p.items);
  const waiting = q.data.pages.at(-1)?.waiting ?? q.data.pages[0]?.waiting;
  return (
    <section className="card list-card" data-testid="review-queue" aria-label="Review queue">
      {items.length === 0 ? (
        <EmptyState
          title="The queue is empty."
          action={
            <Link className="button" href="/catalog">
              Browse the catalog
            </Link>
          }
        >
          Submitted requests, and changes and decommissions that need a reviewer, appear here.
        </EmptyState>
      ) : (
        <>
          {waiting ? (
            <p className="muted small review-count" data-testid="review-count">
              {waiting.total} waiting · {waiting.forYou} for you to decide
            </p>
          ) : null}
          <ReviewTable items={items} now={q.dataUpdatedAt} />
          <LoadMore shown={items.length} total={waiting?.total} hasMore={q.hasNextPage} loading={q.isFetchingNextPage} onMore={() => void q.fetchNextPage()} />
        </>
      )}
    </section>
  );
}
