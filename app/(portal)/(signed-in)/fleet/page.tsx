import type { Metadata } from "next";
import { FleetPage } from "@/components/fleet/fleet-page";
import { FACET_NAMES } from "@/lib/schemas/fleet";
import type { FleetFilters } from "@/lib/query/fleet";
import { Prefetched } from "../prefetch";
import { requireActor } from "../require-actor";

export const metadata: Metadata = { title: "Fleet" };

export default async function FleetInventoryPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  // The facets a link may preselect (?pendingEvents=true from the dashboard); the API validates them.
  const initial = Object.fromEntries(FACET_NAMES.flatMap((f) => (typeof params[f] === "string" && params[f] ? [[f, params[f]]] : []))) as FleetFilters;
  const query = new URLSearchParams(initial as Record<string, string>).toString();
  const actor = await requireActor(query ? `/fleet?${query}` : "/fleet");
  return (
    <Prefetched actor={actor}>
      <div className="page">
        <div className="page-head">
          <h1>Fleet</h1>
          <p className="lead">
            Every node of every datastore you may see: its shape, image and engine, its health, and the events the cloud has scheduled on it.
          </p>
        </div>
        <FleetPage initial={initial} />
      </div>
    </Prefetched>
  );
}
