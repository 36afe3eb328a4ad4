"use client";
// Pending events where people look first: a banner on a datastore's page when the cloud has scheduled something on
// its nodes, and the dashboard's list of the caller's teams' events, soonest deadline first.
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { FLEET_EVENT_LABELS, type FleetEventDto } from "@/lib/schemas/fleet";
import { pendingEventsQuery } from "@/lib/query/fleet";
import { deadlineText } from "./node-table";

const soonestFirst = (a: FleetEventDto, b: FleetEventDto) =>
  (a.deadline ? Date.parse(a.deadline) : -Infinity) - (b.deadline ? Date.parse(b.deadline) : -Infinity);

export function PendingEventsBanner({ datastoreId }: { datastoreId: string }) {
  const query = useQuery(pendingEventsQuery({ datastore: datastoreId }));
  const events = [...(query.data?.items ?? [])].sort(soonestFirst);
  const next = events[0];
  if (!next) return null;
  return (
    <div className="callout callout--warning" role="status" data-testid="pending-events-banner">
      <strong>
        {events.length} pending event{events.length === 1 ? "" : "s"} on this datastore&apos;s nodes
        {query.data?.simulated ? " (simulated)" : ""}.
      </strong>{" "}
      Soonest: {FLEET_EVENT_LABELS[next.code]} on {next.instanceId}, {deadlineText(next)}. <Link href={`/catalog/${datastoreId}?tab=nodes`}>See the nodes</Link>
    </div>
  );
}

export function DashboardPendingEvents() {
  const query = useQuery(pendingEventsQuery());
  const events = [...(query.data?.items ?? [])].sort(soonestFirst);
  if (events.length === 0) return null;
  return (
    <section className="card" aria-labelledby="pending-events-title" data-testid="dashboard-pending-events">
      <h2 id="pending-events-title" className="fleet-title">
        Pending events on your nodes {query.data?.simulated ? <span className="status status--info">simulated</span> : null}
      </h2>
      <ul className="fleet-list">
        {events.slice(0, 20).map((e) => (
          <li key={e.id} data-testid="dashboard-event">
            <span className={`status ${e.deadline ? "status--warn" : "status--danger"}`}>{FLEET_EVENT_LABELS[e.code]}</span>{" "}
            <Link href={`/catalog/${e.datastore.id}?tab=nodes`}>{e.datastore.name}</Link> <span className="mono small">{e.instanceId}</span>{" "}
            <span className="small">{deadlineText(e)}</span>
          </li>
        ))}
      </ul>
      {events.length > 20 ? (
        <p className="small">
          <Link href="/fleet?pendingEvents=true">All {events.length} on the fleet page</Link>
        </p>
      ) : null}
    </section>
  );
}
