"use client";
// The signed-in home: for each of my teams its requests and datastores (and, for its admins, its settings), and — for
// reviewers — the review queue's first page (requests, changes and decommissions, longest waiting first). Every list
// pages with "Load more".
import Link from "next/link";
import { Fragment } from "react";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { errorMessage } from "@/lib/query/api";
import { datastoresQuery } from "@/lib/query/datastores";
import { meQuery } from "@/lib/query/me";
import { requestsQuery } from "@/lib/query/requests";
import { reviewQueueQuery } from "@/lib/query/reviews";
import type { Me } from "@/lib/query/types";
import { ScheduledMaintenance } from "@/components/maintenance/scheduled-maintenance";
import { TeamSettings } from "./team-settings";
import { DatastoreTable } from "@/components/catalog/datastore-table";
import { DashboardPendingEvents } from "@/components/fleet/pending-events";
import { RequestTable } from "@/components/requests/request-table";
import { LoadMore } from "@/components/ui/load-more";
import { ReviewTable } from "@/components/reviews/review-table";
import { EmptyState, ErrorState, Loading } from "@/components/ui/query-state";

export function Dashboard() {
  const me = useQuery(meQuery());
  if (me.isPending) return <Loading rows={4} />;
  if (me.isError || !me.data) return <ErrorState message={me.isError ? errorMessage(me.error) : "You are signed out."} onRetry={() => void me.refetch()} />;
  const data = me.data;
  return (
    <div className="page">
      <div className="page-head page-head--row">
        <div>
          <p className="eyebrow">Dashboard</p>
          <h1>Hello, {data.user.name.split(" ")[0]}</h1>
          <p className="lead">Your teams&apos; requests and data stores{data.actions.review.allowed ? ", and the plans waiting for your review" : ""}.</p>
        </div>
        <div className="actions">
          <Link className="button" href="/catalog">
            Browse the catalog
          </Link>
          <Link className="button button--primary" href="/requests/new">
            Request a data store
          </Link>
        </div>
      </div>
      <div className="stack">
        <DashboardPendingEvents />
        {data.actions.review.allowed ? <ReviewsWaiting /> : null}
        <ScheduledMaintenance />
        {data.teams.length === 0 ? (
          <EmptyState
            title="You are not in a team yet."
            action={
              data.isAdmin ? (
                <Link className="button button--primary" href="/admin">
                  Set up teams
                </Link>
              ) : undefined
            }
          >
            {data.isAdmin ? "Create a team and add people to it in administration." : "Ask a portal administrator to add you to your team."}
          </EmptyState>
        ) : (
          data.teams.map((t) => (
            <Fragment key={t.id}>
              <TeamSection team={t} />
              <TeamSettings teamId={t.id} />
            </Fragment>
          ))
        )}
      </div>
    </div>
  );
}

/** The review queue's first page — requests, changes and decommissions, longest waiting first — with "Load more". */
function ReviewsWaiting() {
  const q = useInfiniteQuery(reviewQueueQuery());
  const items = q.data?.pages.flatMap((p) => p.items) ?? [];
  const waiting = q.data?.pages.at(-1)?.waiting;
  return (
    <section className="card" aria-labelledby="waiting-title" data-testid="reviews-waiting">
      <div className="card-head card-head--row">
        <div>
          <h2 id="waiting-title">Reviews waiting{waiting ? ` (${waiting.forYou} for you)` : ""}</h2>
          <p className="muted">Requests, workload changes and decommissions from every team, longest waiting first; you cannot decide your own.</p>
        </div>
        <Link href="/reviews">Open the queue →</Link>
      </div>
      {q.isPending ? (
        <Loading />
      ) : q.isError ? (
        <ErrorState message={errorMessage(q.error)} onRetry={() => void q.refetch()} />
      ) : items.length === 0 ? (
        <p className="empty">Nothing to review. Nice.</p>
      ) : (
        <>
          <ReviewTable items={items} now={q.dataUpdatedAt} />
          <LoadMore shown={items.length} total={waiting?.total} hasMore={q.hasNextPage} loading={q.isFetchingNextPage} onMore={() => void q.fetchNextPage()} />
        </>
      )}
    </section>
  );
}

function TeamSection({ team }: { team: Me["teams"][number] }) {
  const requests = useInfiniteQuery(requestsQuery({ teamId: team.id }));
  const requestItems = requests.data?.pages.flatMap((p) => p.items) ?? [];
  const datastores = useInfiniteQuery(datastoresQuery({ team: team.slug }));
  const stores = datastores.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <div className="dash-grid" data-testid="team-section" data-team={team.slug}>
      <section className="card" aria-label={`${team.name} requests`}>
        <div className="card-head card-head--row">
          <div>
            <h2>{team.name} · requests</h2>
            <p className="muted">
              You are {team.role === "admin" ? "an admin" : `a ${team.role}`} of {team.slug}.
            </p>
          </div>
          <Link href="/requests/new">New request →</Link>
        </div>
        {requests.isPending ? (
          <Loading />
        ) : requests.isError ? (
          <ErrorState message={errorMessage(requests.error)} onRetry={() => void requests.refetch()} />
        ) : requestItems.length === 0 ? (
          <EmptyState
            title="No requests yet."
            action={
              <Link className="button button--primary" href="/requests/new">
                Request a data store
              </Link>
            }
          >
            Describe a workload and the portal recommends and sizes a store for it.
          </EmptyState>
        ) : (
          <>
            <RequestTable requests={requestItems} showTeam={false} />
            <LoadMore
              shown={requestItems.length}
              hasMore={requests.hasNextPage}
              loading={requests.isFetchingNextPage}
              onMore={() => void requests.fetchNextPage()}
            />
          </>
        )}
      </section>
      <section className="card" aria-label={`${team.name} datastores`}>
        <div className="card-head card-head--row">
          <div>
            <h2>{team.name} · datastores</h2>
            <p className="muted">Approved stores your team owns.</p>
          </div>
          <Link href={`/catalog?team=${encodeURIComponent(team.slug)}`}>In the catalog →</Link>
        </div>
        {datastores.isPending ? (
          <Loading />
        ) : datastores.isError ? (
          <ErrorState message={errorMessage(datastores.error)} onRetry={() => void datastores.refetch()} />
        ) : stores.length === 0 ? (
          <EmptyState title="No datastores yet.">They appear here once a reviewer approves one of your requests.</EmptyState>
        ) : (
          <>
            <DatastoreTable datastores={stores} showTeam={false} />
            <LoadMore
              shown={stores.length}
              hasMore={datastores.hasNextPage}
              loading={datastores.isFetchingNextPage}
              onMore={() => void datastores.fetchNextPage()}
            />
          </>
        )}
      </section>
    </div>
  );
}
