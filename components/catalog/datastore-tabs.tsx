"use client";
// The datastore page's tabs beyond the overview, each a panel of its own (operating a datastore: its health, its
// nodes, its maintenance, its benchmarks). The tab is in the address (?tab=health) so that a link, a reload and the back button
// keep it. A panel renders only while its tab is open, so its queries run only then.
import Link from "next/link";
import { type ReactNode, useEffect, useRef } from "react";
import type { DatastoreDetailDto, Me } from "@/lib/query/types";
import { isProvisioned } from "@/lib/schemas/datastore";
import { HealthTab } from "@/components/health/health-tab";
import { DatastoreCapacity } from "./datastore-capacity";
import { DatastoreNodesTab } from "@/components/fleet/datastore-nodes-tab";
import { MaintenancePanel } from "@/components/maintenance/maintenance-panel";
import { BenchmarksTab } from "@/components/benchmarks/benchmarks-tab";

export interface DatastoreTab {
  id: string;
  label: string;
  /** Whether the tab applies (e.g. nothing runs before the first provisioning). */
  shown?: (d: DatastoreDetailDto) => boolean;
  render: (props: { datastore: DatastoreDetailDto; me: Me | null }) => ReactNode;
}

/** The tabs after "Overview", in order. */
export const DATASTORE_TABS: readonly DatastoreTab[] = [
  { id: "health", label: "Health", shown: isProvisioned, render: ({ datastore }) => <HealthTab datastore={datastore} /> },
  { id: "capacity", label: "Capacity", shown: isProvisioned, render: ({ datastore }) => <DatastoreCapacity datastore={datastore} /> },
  { id: "nodes", label: "Nodes", shown: isProvisioned, render: ({ datastore }) => <DatastoreNodesTab datastore={datastore} /> },
  {
    id: "maintenance",
    label: "Maintenance",
    shown: isProvisioned,
    render: ({ datastore }) => <MaintenancePanel datastore={datastore} />,
  },
  { id: "benchmarks", label: "Benchmarks", shown: isProvisioned, render: ({ datastore }) => <BenchmarksTab datastore={datastore} /> },
];

export function DatastoreTabBar({ datastore, active }: { datastore: DatastoreDetailDto; active: string }) {
  const tabs = DATASTORE_TABS.filter((t) => t.shown?.(datastore) ?? true);
  const bar = useRef<HTMLElement>(null);
  // On a phone the row scrolls: the open tab is brought into view (sideways only; the page does not move).
  useEffect(() => {
    const nav = bar.current;
    const link = nav?.querySelector<HTMLElement>('[aria-current="page"]');
    if (!nav || !link) return;
    const left = link.offsetLeft;
    const right = left + link.offsetWidth;
    if (left < nav.scrollLeft || right > nav.scrollLeft + nav.clientWidth - 24) nav.scrollLeft = Math.max(0, left - (nav.clientWidth - link.offsetWidth) / 2);
  }, [active]);
  if (tabs.length === 0) return null;
  const all = [{ id: "overview", label: "Overview" }, ...tabs];
  return (
    <nav className="tab-bar" aria-label="Datastore sections" ref={bar}>
      {all.map((t) => (
        <Link
          key={t.id}
          href={t.id === "overview" ? `/catalog/${datastore.id}` : `/catalog/${datastore.id}?tab=${t.id}`}
          className="tab-bar-link"
          aria-current={t.id === active ? "page" : undefined}
          data-testid={`tab-${t.id}`}
          scroll={false}
        >
          {t.label}
        </Link>
      ))}
    </nav>
  );
}

/** The open tab's panel, or null for the overview (an unknown tab id falls back to it). */
export function activeTab(datastore: DatastoreDetailDto, id: string | null): DatastoreTab | null {
  return DATASTORE_TABS.find((t) => t.id === id && (t.shown?.(datastore) ?? true)) ?? null;
}
