"use client";
// The fleet: every node of every datastore the caller may see, filtered by team, instance family, region, generation,
// image, engine version and pending events — each filter offering its values with how many nodes each would show —
// a page at a time. Previous-generation shapes are flagged; the simulated cloud is labelled as such; an administrator
// of the simulated cloud injects events from here.
import { useState } from "react";
import { keepPreviousData, useInfiniteQuery, useQueryClient } from "@tanstack/react-query";
import { FACET_NAMES, type FacetName, type FacetValue } from "@/lib/schemas/fleet";
import { errorMessage, isApiProblem } from "@/lib/query/api";
import { fleetKeys, fleetNodesQuery, refreshFleet, type FleetFilters } from "@/lib/query/fleet";
import { formatDateTime } from "@/components/ui/dates";
import { LoadMore } from "@/components/ui/load-more";
import { EmptyState, ErrorState, Loading } from "@/components/ui/query-state";
import { InjectEventForm } from "./inject-event-form";
import { NodeTable } from "./node-table";

const FACET_LABELS: Record<FacetName, string> = {
  team: "Team",
  family: "Instance family",
  region: "Region",
  generation: "Generation",
  image: "Image",
  engineVersion: "Engine version",
  pendingEvents: "Pending events",
};

export function FleetPage({ initial }: { initial: FleetFilters }) {
  const [filters, setFilters] = useState<FleetFilters>(initial);
  const [injectInto, setInjectInto] = useState("");
  const [refreshNote, setRefreshNote] = useState<string | null>(null);
  const queryClient = useQueryClient();
  const query = useInfiniteQuery({ ...fleetNodesQuery(filters), placeholderData: keepPreviousData });
  const first = query.data?.pages[0];
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  const fieldError = (name: string) => (isApiProblem(query.error) ? query.error.fieldErrors.find((e) => e.field === name)?.message : undefined);
  const filtered = Object.keys(filters).length > 0;

  const set = (facet: FacetName, value: string) =>
    setFilters((f) => {
      const next: Record<string, string> = { ...(f as Record<string, string>) };
      if (value === "") delete next[facet];
      else next[facet] = value;
      return next as FleetFilters;
    });

  async function refresh() {
    setRefreshNote(null);
    try {
      const job = await refreshFleet();
      setRefreshNote(`Refresh queued (${job.status}); the worker reads the cloud in a moment.`);
      setTimeout(() => void queryClient.invalidateQueries({ queryKey: fleetKeys.all }), 2000);
    } catch (err) {
      setRefreshNote(errorMessage(err));
    }
  }

  return (
    <div className="stack">
      <section className="card" aria-label="Nodes" data-testid="fleet">
        <div className="fleet-head">
          <p className="muted small" data-testid="fleet-summary">
            {first ? `${first.total} node${first.total === 1 ? "" : "s"}` : "…"}
            {first?.lastRefresh
              ? ` · last refresh ${formatDateTime(first.lastRefresh.finishedAt)} (${first.lastRefresh.status})`
              : first
                ? " · not refreshed yet"
                : ""}
            {first?.simulated ? (
              <>
                {" "}
                <span className="status status--info" data-testid="simulated-badge">
                  simulated
                </span>
              </>
            ) : null}
          </p>
          {first?.actions.refresh ? (
            <button type="button" className="button" onClick={() => void refresh()} data-testid="fleet-refresh">
              Refresh now
            </button>
          ) : null}
        </div>
        {refreshNote ? (
          <p className="muted small" role="status">
            {refreshNote}
          </p>
        ) : null}
        <form className="filters fleet-filters" role="search" aria-label="Filter nodes" onSubmit={(e) => e.preventDefault()}>
          {FACET_NAMES.map((facet) => (
            <FacetSelect
              key={facet}
              facet={facet}
              values={first?.facets[facet] ?? []}
              selected={(filters as Record<string, string | undefined>)[facet] ?? ""}
              error={fieldError(facet)}
              onChange={(v) => set(facet, v)}
            />
          ))}
        </form>
        {query.isPending ? (
          <Loading rows={5} />
        ) : query.isError && items.length === 0 ? (
          <ErrorState title="Could not read the fleet." message={errorMessage(query.error)} onRetry={() => void query.refetch()} />
        ) : items.length === 0 ? (
          filtered ? (
            <EmptyState
              title="No node matches these filters."
              action={
                <button type="button" className="button" onClick={() => setFilters({})}>
                  Clear filters
                </button>
              }
            />
          ) : (
            <EmptyState title="No nodes yet.">Nodes appear here once a datastore is provisioned and the inventory has been refreshed.</EmptyState>
          )
        ) : (
          <div className={query.isPlaceholderData ? "stale" : undefined}>
            <NodeTable nodes={items} {...(first?.actions.injectEvents ? { onInject: (id: string) => setInjectInto(id) } : {})} />
            <LoadMore
              shown={items.length}
              total={first?.total}
              hasMore={query.hasNextPage}
              loading={query.isFetchingNextPage}
              onMore={() => void query.fetchNextPage()}
            />
          </div>
        )}
      </section>
      {first?.actions.injectEvents ? <InjectEventForm instanceId={injectInto} onInstanceId={setInjectInto} /> : null}
    </div>
  );
}

function FacetSelect({
  facet,
  values,
  selected,
  error,
  onChange,
}: {
  facet: FacetName;
  values: readonly FacetValue[];
  selected: string;
  error: string | undefined;
  onChange: (value: string) => void;
}) {
  const id = `facet-${facet}`;
  // The chosen value stays offered even when no node has it any more (its count is then 0).
  const options = selected && !values.some((v) => v.value === selected) ? [...values, { value: selected, label: selected, count: 0 }] : values;
  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>
        {FACET_LABELS[facet]}
      </label>
      <select
        id={id}
        className="input"
        value={selected}
        onChange={(e) => onChange(e.target.value)}
        data-testid={id}
        {...(error ? { "aria-invalid": true, "aria-describedby": `${id}-error` } : {})}
      >
        <option value="">Any</option>
        {options.map((v) => (
          <option key={v.value} value={v.value}>
            {v.label} ({v.count})
          </option>
        ))}
      </select>
      {error ? (
        <span className="field-error" id={`${id}-error`}>
          {error}
        </span>
      ) : null}
    </div>
  );
}
