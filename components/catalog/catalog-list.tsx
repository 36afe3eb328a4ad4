"use client";
// The catalog: every datastore the caller may see, searchable by name and filtered by team, family, tier, region and
// status, a page at a time ("Load more" follows the API's cursor).
import Link from "next/link";
import { useDeferredValue, useId, useState, type ReactNode } from "react";
import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { FAMILIES, FAMILY_TITLES } from "@/lib/schemas";
import { DATASTORE_STATUSES } from "@/lib/schemas/datastore";
import { errorMessage, isApiProblem } from "@/lib/query/api";
import { datastoresQuery, type DatastoreFilters } from "@/lib/query/datastores";
import { LoadMore } from "@/components/ui/load-more";
import { EmptyState, ErrorState, Loading } from "@/components/ui/query-state";
import { DatastoreTable } from "./datastore-table";

export function CatalogList({ initial }: { initial: DatastoreFilters }) {
  const [filters, setFilters] = useState<DatastoreFilters>(initial);
  // Typing in the search box re-queries once React has caught up, not on every keystroke's render.
  const deferred = useDeferredValue(filters);
  const query = useInfiniteQuery({ ...datastoresQuery(clean(deferred)), placeholderData: keepPreviousData });
  const set = (key: keyof DatastoreFilters) => (e: { target: { value: string } }) => setFilters((f) => ({ ...f, [key]: e.target.value }));
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  const fieldError = (name: string) => (isApiProblem(query.error) ? query.error.fieldErrors.find((e) => e.field === name)?.message : undefined);
  const filtered = Object.values(clean(filters)).length > 0;

  return (
    <section className="card" aria-label="Datastores" data-testid="catalog">
      <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <FilterField label="Search" error={fieldError("q")}>
          {(p) => <input {...p} className="input" type="search" placeholder="Name contains…" value={filters.q ?? ""} onChange={set("q")} />}
        </FilterField>
        <FilterField label="Team" error={fieldError("team")}>
          {(p) => <input {...p} className="input" placeholder="slug" value={filters.team ?? ""} onChange={set("team")} />}
        </FilterField>
        <FilterField label="Family">
          {(p) => (
            <select {...p} className="input" value={filters.family ?? ""} onChange={set("family")}>
              <option value="">Any</option>
              {FAMILIES.map((f) => (
                <option key={f} value={f}>
                  {FAMILY_TITLES[f]}
                </option>
              ))}
            </select>
          )}
        </FilterField>
        <FilterField label="Tier">
          {(p) => (
            <select {...p} className="input" value={filters.tier ?? ""} onChange={set("tier")}>
              <option value="">Any</option>
              {["0", "1", "2", "3"].map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </select>
          )}
        </FilterField>
        <FilterField label="Region" error={fieldError("region")}>
          {(p) => <input {...p} className="input" placeholder="us-east-1" value={filters.region ?? ""} onChange={set("region")} />}
        </FilterField>
        <FilterField label="Status">
          {(p) => (
            <select {...p} className="input" value={filters.status ?? ""} onChange={set("status")}>
              <option value="">Any</option>
              {DATASTORE_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          )}
        </FilterField>
      </form>
      {query.isPending ? (
        <Loading rows={5} />
      ) : query.isError && items.length === 0 ? (
        <ErrorState title="Could not search the catalog." message={errorMessage(query.error)} onRetry={() => void query.refetch()} />
      ) : items.length === 0 ? (
        filtered ? (
          <EmptyState
            title="No datastore matches these filters."
            action={
              <button type="button" className="button" onClick={() => setFilters({})}>
                Clear filters
              </button>
            }
          />
        ) : (
          <EmptyState
            title="The catalog is empty."
            action={
              <Link className="button button--primary" href="/requests/new">
                Request a data store
              </Link>
            }
          >
            Datastores appear here when a reviewer approves a request.
          </EmptyState>
        )
      ) : (
        <div className={query.isPlaceholderData ? "stale" : undefined}>
          <DatastoreTable datastores={items} />
          <LoadMore shown={items.length} hasMore={query.hasNextPage} loading={query.isFetchingNextPage} onMore={() => void query.fetchNextPage()} />
        </div>
      )}
    </section>
  );
}

/**
 * A filter's label and control, tied by id rather than by wrapping: a <label> around a <select> would make the
 * selected option part of the control's accessible name ("Family Any"), so it would change with every choice.
 */
function FilterField({
  label,
  error,
  children,
}: {
  label: string;
  error?: string;
  children: (props: { id: string; "aria-describedby"?: string; "aria-invalid"?: true }) => ReactNode;
}) {
  const id = useId();
  const errorId = `${id}-error`;
  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      {children({ id, ...(error ? { "aria-describedby": errorId, "aria-invalid": true as const } : {}) })}
      {error ? (
        <span className="field-error" id={errorId}>
          {error}
        </span>
      ) : null}
    </div>
  );
}

function clean(f: DatastoreFilters): DatastoreFilters {
  return Object.fromEntries(
    Object.entries(f)
      .filter(([, v]) => typeof v === "string" && v.trim() !== "")
      .map(([k, v]) => [k, (v as string).trim()]),
  );
}
