"use client";
// The dashboard's list of node replacements the portal has scheduled on the caller's teams' datastores: when each
// runs, what it waits for, how far a running one has got. Hidden when there is none.
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { scheduledMaintenanceQuery } from "@/lib/query/maintenance";
import { formatDateTime } from "@/components/ui/dates";

export function ScheduledMaintenance() {
  const q = useQuery(scheduledMaintenanceQuery());
  const items = q.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <section className="card" aria-labelledby="maintenance-title" data-testid="scheduled-maintenance">
      <h2 id="maintenance-title">Scheduled maintenance</h2>
      <p className="muted">Nodes the portal replaces before the cloud retires or reboots them, in your datastores&apos; maintenance windows.</p>
      <ul>
        {items.map((m) => (
          <li key={m.operationId} data-testid="scheduled-maintenance-item" data-datastore-id={m.datastoreId}>
            <Link href={`/catalog/${m.datastoreId}?tab=maintenance`}>{m.datastoreName}</Link>: {m.nodes} node{m.nodes === 1 ? "" : "s"}
            {" — "}
            {m.status === "running"
              ? `running, ${m.done} of ${m.nodes} replaced`
              : (m.waiting ?? (m.notBefore ? `in its window from ${formatDateTime(m.notBefore)}` : "starting shortly"))}
          </li>
        ))}
      </ul>
    </section>
  );
}
