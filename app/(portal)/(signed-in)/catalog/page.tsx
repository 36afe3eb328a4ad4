import type { Metadata } from "next";
import { CatalogList } from "@/components/catalog/catalog-list";
import { Prefetched } from "../prefetch";
import { prefetchDatastores } from "../prefetch-fills";
import { requireActor } from "../require-actor";

export const metadata: Metadata = { title: "Catalog" };

export default async function CatalogPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const team = typeof params.team === "string" && params.team ? params.team : undefined;
  const actor = await requireActor(team ? `/catalog?team=${encodeURIComponent(team)}` : "/catalog");
  const initial = team ? { team } : {};
  return (
    <Prefetched actor={actor} fills={[prefetchDatastores(initial)]}>
      <div className="page">
        <div className="page-head">
          <h1>Datastore catalog</h1>
          <p className="lead">Every approved datastore with its owner, topology, cost and SLA thresholds.</p>
        </div>
        <CatalogList initial={initial} />
      </div>
    </Prefetched>
  );
}
