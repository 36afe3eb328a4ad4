"use client";
// A datastore's "Nodes" tab: its nodes as the last inventory refresh saw them, with their events and deadlines, and a
// refresh its team may ask for.
import { useState } from "react";
import { useInfiniteQuery, useQueryClient } from "@tanstack/react-query";
import type { DatastoreDetailDto } from "@/lib/query/types";
import { errorMessage } from "@/lib/query/api";
import { fleetKeys, fleetNodesQuery, refreshFleet } from "@/lib/query/fleet";
import { formatDateTime } from "@/components/ui/dates";
import { LoadMore } from "@/components/ui/load-more";
import { EmptyState, ErrorState, Loading } from "@/components/ui/query-state";
import { NodeTable } from "./node-table";

export function DatastoreNodesTab({ datastore }: { datastore: DatastoreDetailDto }) {
  const query = useInfiniteQuery(fleetNodesQuery({ datastore: datastore.id }));
  const queryClient = useQueryClient();
  const [note, setNote] = useState<string | null>(null);
  const first = query.data?.pages[0];
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];

  async function refresh() {
    setNote(null);
    try {
      await refreshFleet(datastore.id);
      setNote("Refresh queued; the worker reads the cloud in a moment.");
      setTimeout(() => void queryClient.invalidateQueries({ queryKey: fleetKeys.all }), 2000);
    } catch (err) {
      setNote(errorMessage(err));
    }
  }

  return (
    <section className="card" aria-labelledby="nodes-title" data-testid="datastore-nodes">
      <div className="fleet-head">
        <h2 id="nodes-title" className="fleet-title">
          Nodes{" "}
          {first?.simulated ? (
            <span className="status status--info" data-testid="simulated-badge">
              simulated
            </span>
          ) : null}
        </h2>
        <button type="button" className="button" onClick={() => void refresh()} data-testid="nodes-refresh">
          Refresh now
        </button>
      </div>
      <p className="muted small">
        {first ? `${first.total} node${first.total === 1 ? "" : "s"}` : "…"}
        {first?.lastRefresh ? ` · last refresh ${formatDateTime(first.lastRefresh.finishedAt)}` : ""}
      </p>
      {note ? (
        <p className="muted small" role="status">
          {note}
        </p>
      ) : null}
      {query.isPending ? (
        <Loading rows={4} />
      ) : query.isError ? (
        <ErrorState title="Could not read the nodes." message={errorMessage(query.error)} onRetry={() => void query.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState title="No nodes seen yet.">The inventory lists this datastore&apos;s instances after its next refresh.</EmptyState>
      ) : (
        <>
          <NodeTable nodes={items} showDatastore={false} />
          <LoadMore
            shown={items.length}
            total={first?.total}
            hasMore={query.hasNextPage}
            loading={query.isFetchingNextPage}
            onMore={() => void query.fetchNextPage()}
          />
        </>
      )}
    </section>
  );
}
