"use client";
// The signed-in home: for each of my teams its requests and datastores, and — for reviewers — the plans waiting
// for a decision (never their own).
import Link from "next/link";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { errorMessage } from "@/lib/query/api";
import { datastoresQuery } from "@/lib/query/datastores";
import { isReviewerOf, meQuery } from "@/lib/query/me";
import { requestsQuery } from "@/lib/query/requests";
import type { Me } from "@/lib/query/types";
import { DatastoreTable } from "@/components/catalog/datastore-table";
import { RequestTable } from "@/components/requests/request-table";
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
          <p className="lead">Your teams&apos; requests and data stores{isReviewerOf(data) ? ", and the plans waiting for your review" : ""}.</p>
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
        {isReviewerOf(data) ? <ReviewsWaiting me={data} /> : null}
        {data.teams.length === 0 ? (
          <EmptyState title="You are not in a team yet." action={data.isAdmin ? <Link className="button button--primary" href="/admin">Set up teams</Link> : undefined}>
            {data.isAdmin ? "Create a team and add people to it in administration." : "Ask a portal administrator to add you to your team."}
          </EmptyState>
        ) : (
          data.teams.map((t) => <TeamSection key={t.id} team={t} />)
        )}
      </div>
    </div>
  );
}

function ReviewsWaiting({ me }: { me: Me }) {
  const q = useQuery(requestsQuery({ status: "submitted" }));
  const waiting = q.data?.items.filter((r) => r.createdById !== me.user.id) ?? [];
  return (
    <section className="card" aria-labelledby="waiting-title" data-testid="reviews-waiting">
      <div className="card-head card-head--row">
        <div>
          <h2 id="waiting-title">Reviews waiting for you</h2>
          <p className="muted">Submitted plans from every team; you cannot review your own.</p>
        </div>
        <Link href="/reviews">Open the queue →</Link>
      </div>
      {q.isPending ? <Loading /> : q.isError ? <ErrorState message={errorMessage(q.error)} onRetry={() => void q.refetch()} /> : waiting.length === 0 ? <p className="empty">Nothing to review. Nice.</p> : <RequestTable requests={waiting} hrefFor={(r) => `/reviews/${r.id}`} />}
    </section>
  );
}

function TeamSection({ team }: { team: Me["teams"][number] }) {
  const requests = useQuery(requestsQuery({ teamId: team.id }));
  const datastores = useInfiniteQuery(datastoresQuery({ team: team.slug }));
  const stores = datastores.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <div className="dash-grid" data-testid="team-section" data-team={team.slug}>
      <section className="card" aria-label={`${team.name} requests`}>
        <div className="card-head card-head--row">
          <div>
            <h2>{team.name} · requests</h2>
            <p className="muted">You are {team.role === "admin" ? "an admin" : `a ${team.role}`} of {team.slug}.</p>
          </div>
          <Link href="/requests/new">New request →</Link>
        </div>
        {requests.isPending ? (
          <Loading />
        ) : requests.isError ? (
          <ErrorState message={errorMessage(requests.error)} onRetry={() => void requests.refetch()} />
        ) : requests.data.items.length === 0 ? (
          <EmptyState title="No requests yet." action={<Link className="button button--primary" href="/requests/new">Request a data store</Link>}>
            Describe a workload and the portal recommends and sizes a store for it.
          </EmptyState>
        ) : (
          <RequestTable requests={requests.data.items} showTeam={false} />
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
          <DatastoreTable datastores={stores} showTeam={false} />
        )}
      </section>
    </div>
  );
}
