"use client";
// The datastore's Capacity tab: planned → observed → re-planned. Per region and role, the months its disks have left
// before their threshold (and whether that is measured or the workload's declared growth); per region, the observed
// peaks against the planned ones; the re-plan the server proposes when they depart from the plan, with its cost delta
// and one click to the day-2 change prefilled with the observed workload; and the same for previous-generation
// shapes (modernise). The server decides what is proposed and whether the caller may ask for a change.
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import type { DatastoreDetailDto } from "@/lib/query/types";
import type { ShapeCost } from "@/lib/schemas/runway";
import { modernisationQuery, runwayQuery, type ModernisationDto, type RunwayDto } from "@/lib/query/capacity";
import { errorMessage } from "@/lib/query/api";
import { formatInteger, formatUsd } from "@/components/ui/format";
import { ErrorState, Loading } from "@/components/ui/query-state";
import { TableScroll } from "@/components/ui/table-scroll";

const one = new Intl.NumberFormat("en-US", { maximumFractionDigits: 1 });

function months(m: number | null): string {
  if (m === null) return "never";
  if (m === 0) return "past its threshold";
  return m >= 120 ? "more than 10 years" : `${one.format(m)} months`;
}

const signed = (n: number) => `${n > 0 ? "+" : n < 0 ? "−" : ""}${formatUsd(Math.abs(n))}`;

const BASIS = {
  observed: "observed",
  declared: "declared",
  none: "unknown",
} as const;

function CostDelta({
  current,
  proposed,
  delta,
  testId,
}: {
  current: ShapeCost;
  proposed: ShapeCost | null;
  delta: { monthly: number; annual: number } | null;
  testId: string;
}) {
  return (
    <div className="summary-grid" data-testid={testId}>
      <div className="stat">
        <span className="stat-label">Now</span>
        <span className="stat-value">{formatUsd(current.monthlyCost)}</span>
        <span className="stat-sub">
          a month · {current.nodes} × <code>{current.instanceType}</code>
        </span>
      </div>
      {proposed ? (
        <div className="stat">
          <span className="stat-label">Re-planned</span>
          <span className="stat-value">{formatUsd(proposed.monthlyCost)}</span>
          <span className="stat-sub">
            a month · {proposed.nodes} × <code>{proposed.instanceType}</code>
          </span>
        </div>
      ) : null}
      {delta ? (
        <div className="stat stat--primary">
          <span className="stat-label">Cost delta</span>
          <span className="stat-value" data-testid={`${testId}-monthly`}>
            {signed(delta.monthly)}
          </span>
          <span className="stat-sub">a month · {signed(delta.annual)} a year</span>
        </div>
      ) : null}
    </div>
  );
}

/** The link to the day-2 change, or why the caller cannot ask for one (the server's `actions.change`). */
function ChangeLink({ d, from, label }: { d: DatastoreDetailDto; from: "replan" | "modernise"; label: string }) {
  const change = d.actions.change;
  if (!change?.allowed) return <p className="small muted">{change?.reason ?? "A workload change is not one of this datastore's next steps."}</p>;
  return (
    <div className="actions">
      <Link className="button button--primary" href={`/catalog/${d.id}/change?from=${from}`} data-testid={`open-${from}`}>
        {label}
      </Link>
      <span className="small muted">The change page opens prefilled; sending it for review is the usual day-2 change.</span>
    </div>
  );
}

function Runway({ d, r }: { d: DatastoreDetailDto; r: RunwayDto }) {
  const p = r.proposal;
  return (
    <>
      <section className="card" aria-labelledby="runway-title" data-testid="capacity-runway">
        <div className="card-head">
          <h2 id="runway-title">Disk runway {r.source === "simulated" ? <span className="badge">simulated</span> : null}</h2>
          <p className="muted">
            Months until each disk reaches its critical threshold, from growth observed over whole days of the last week (two are needed), else the
            workload&apos;s declared growth. The planning horizon is {r.horizonMonths} months.
          </p>
        </div>
        {r.rooms.length === 0 ? (
          <p className="muted">No role of this datastore has a data disk with a disk threshold: it keeps its data in memory.</p>
        ) : (
          <TableScroll label="Disk runway">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Region</th>
                  <th scope="col">Role</th>
                  <th scope="col" className="num">
                    Used now
                  </th>
                  <th scope="col" className="num">
                    Growth a month
                  </th>
                  <th scope="col">Basis</th>
                  <th scope="col" className="num">
                    Threshold
                  </th>
                  <th scope="col" className="num">
                    Runway
                  </th>
                </tr>
              </thead>
              <tbody>
                {r.rooms.map((room) => (
                  <tr key={`${room.region}-${room.role}`} data-testid="runway-row" data-basis={room.basis} data-short={room.short}>
                    <td>
                      <code>{room.region}</code>
                    </td>
                    <td>
                      <span className="badge">{room.role}</span>
                    </td>
                    <td className="num">{room.usedPercent === null ? "—" : `${one.format(room.usedPercent)}%`}</td>
                    <td className="num">{room.growthPointsPerMonth === null ? "—" : `${one.format(room.growthPointsPerMonth)} pts`}</td>
                    <td>{BASIS[room.basis]}</td>
                    <td className="num">{room.thresholdPercent}%</td>
                    <td className="num">{room.short ? <span className="badge badge--danger">{months(room.months)}</span> : months(room.months)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </section>

      <section className="card" aria-labelledby="peaks-title" data-testid="capacity-peaks">
        <div className="card-head">
          <h2 id="peaks-title">Observed peaks against the plan</h2>
          <p className="muted">
            The {r.traffic[0]?.role ?? "primary"} role&apos;s busiest period since {new Date(r.window.from).toUTCString().slice(5, 22)} UTC; more than 25%
            either way departs from the plan.
          </p>
        </div>
        <TableScroll label="Observed peaks">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Region</th>
                <th scope="col">Traffic</th>
                <th scope="col" className="num">
                  Planned
                </th>
                <th scope="col" className="num">
                  Observed peak
                </th>
                <th scope="col" className="num">
                  Departure
                </th>
              </tr>
            </thead>
            <tbody>
              {r.traffic.map((t) => (
                <tr key={`${t.region}-${t.metric}`} data-testid="peak-row" data-metric={t.metric} data-departs={t.departs}>
                  <td>
                    <code>{t.region}</code>
                  </td>
                  <td>{t.metric === "reads-per-second" ? "Reads/s" : "Writes/s"}</td>
                  <td className="num">{formatInteger(t.planned)}</td>
                  <td className="num" data-testid="observed-peak">
                    {t.observedPeak === null ? "no data yet" : formatInteger(t.observedPeak)}
                  </td>
                  <td className="num">
                    {t.departure === null ? (
                      "—"
                    ) : t.departs ? (
                      <span className="badge badge--danger">{`${t.departure > 0 ? "+" : ""}${Math.round(t.departure * 100)}%`}</span>
                    ) : (
                      `${t.departure > 0 ? "+" : ""}${Math.round(t.departure * 100)}%`
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </section>

      <section className="card" aria-labelledby="replan-title" data-testid="replan">
        <div className="card-head">
          <h2 id="replan-title">Re-plan</h2>
          <p className="muted">
            {p
              ? "The observed workload — peaks, data now and its growth — planned on the shape the datastore runs."
              : `Nothing calls for a re-plan: the load is within 25% of the plan and every disk has room past the ${r.horizonMonths}-month horizon.`}
          </p>
        </div>
        {p ? (
          <>
            <ul className="reasons" data-testid="replan-reasons">
              {p.reasons.map((reason) => (
                <li key={reason}>{reason}</li>
              ))}
            </ul>
            {p.planError ? (
              <div className="callout callout--warning" role="status">
                The observed workload cannot be planned for this family: {p.planError}
              </div>
            ) : null}
            <CostDelta current={p.current} proposed={p.proposed} delta={p.costDelta} testId="replan-cost" />
            {p.proposed ? <ChangeLink d={d} from="replan" label="Open the re-plan as a day-2 change" /> : null}
          </>
        ) : null}
      </section>
    </>
  );
}

function Modernise({ d, m }: { d: DatastoreDetailDto; m: ModernisationDto }) {
  const p = m.proposal;
  return (
    <section className="card" aria-labelledby="modernise-title" data-testid="modernise">
      <div className="card-head">
        <h2 id="modernise-title">Modernise</h2>
        <p className="muted">{p ? "Previous-generation shapes, re-planned on current families for the same workload." : m.note}</p>
      </div>
      {p ? (
        <>
          <ul className="reasons">
            {p.reasons.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
          <CostDelta current={p.current} proposed={p.proposed} delta={p.costDelta} testId="modernise-cost" />
          {p.proposed ? <ChangeLink d={d} from="modernise" label={`Move to ${p.instanceType} as a day-2 change`} /> : null}
        </>
      ) : null}
    </section>
  );
}

export function DatastoreCapacity({ datastore: d }: { datastore: DatastoreDetailDto }) {
  const runway = useQuery(runwayQuery(d.id));
  const modern = useQuery(modernisationQuery(d.id));
  return (
    <div className="stack" data-testid="capacity">
      {runway.isPending ? (
        <Loading label="Reading the datastore's metrics…" rows={4} />
      ) : runway.isError ? (
        <ErrorState title="Could not read the capacity runway." message={errorMessage(runway.error)} onRetry={() => void runway.refetch()} />
      ) : (
        <Runway d={d} r={runway.data} />
      )}
      {modern.isPending ? null : modern.isError ? (
        <ErrorState title="Could not check the instance generations." message={errorMessage(modern.error)} onRetry={() => void modern.refetch()} />
      ) : (
        <Modernise d={d} m={modern.data} />
      )}
    </div>
  );
}
