"use client";
// A campaign target's benchmark evidence: the baseline run (on the current version) against the validation run
// (against the canary), percentile by percentile for reads and writes, as the benchmark comparison reports them;
// while only the baseline has run, its own percentiles. Synthetic runs (the simulation's model, no load sent) say so.
// Each run links to its page on the datastore's Benchmarks tab (slice B's), the table to the whole comparison there.
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { PERCENTILES, PERCENTILE_VALUES } from "@/lib/bench/result";
import type { BenchComparison, BenchRun } from "@/lib/schemas/bench-run";
import { errorMessage } from "@/lib/query/api";
import { benchmarkQuery } from "@/lib/query/benchmarks";
import { benchComparisonQuery } from "@/lib/query/campaigns";
import { TableScroll } from "@/components/ui/table-scroll";

const ms = (v: number) => `${v < 10 ? v.toFixed(2) : v.toFixed(1)} ms`;
const pct = (v: number | null) => (v === null ? "—" : `${v > 0 ? "+" : ""}${v.toFixed(1)}%`);

export function BenchEvidence({ baselineRunId, validationRunId }: { baselineRunId: string; validationRunId: string | null }) {
  // Polled until the run's operation has ended (its result is written a moment before its status is).
  const baseline = useQuery(benchmarkQuery(baselineRunId));
  const validation = useQuery({ ...benchmarkQuery(validationRunId ?? ""), enabled: !!validationRunId });
  const bothDone = baseline.data?.result && validation.data?.result;
  const comparison = useQuery({ ...benchComparisonQuery(baselineRunId, validationRunId ?? ""), enabled: !!bothDone });
  return (
    <div className="bench-evidence" data-testid="bench-evidence">
      <h4>Benchmarks</h4>
      <ul className="fleet-list small">
        <RunLine what="Baseline" run={baseline.data} error={baseline.isError ? errorMessage(baseline.error) : null} />
        {validationRunId ? <RunLine what="Validation" run={validation.data} error={validation.isError ? errorMessage(validation.error) : null} /> : null}
      </ul>
      {comparison.data ? (
        <>
          <ComparisonTable comparison={comparison.data} />
          {baseline.data ? (
            <p className="small">
              <Link
                prefetch={false}
                href={`/catalog/${baseline.data.datastoreId}/benchmarks/compare?baseline=${encodeURIComponent(baselineRunId)}&candidate=${encodeURIComponent(validationRunId ?? "")}`}
              >
                The whole comparison
              </Link>
            </p>
          ) : null}
        </>
      ) : baseline.data?.result ? (
        <SingleRunTable run={baseline.data} />
      ) : comparison.isError ? (
        <p className="field-error">{errorMessage(comparison.error)}</p>
      ) : null}
    </div>
  );
}

function RunLine({ what, run, error }: { what: string; run: BenchRun | undefined; error: string | null }) {
  if (error) return <li className="field-error">{`${what}: ${error}`}</li>;
  if (!run) return <li className="muted">{what}: loading…</li>;
  return (
    <li data-testid="bench-run" data-purpose={run.purpose} data-status={run.status} data-target={run.target}>
      <Link href={`/catalog/${run.datastoreId}/benchmarks/${run.id}`} prefetch={false}>
        <strong>{what}</strong>
      </Link>{" "}
      on {run.engineVersion} · {run.region} {run.role} · {run.status}
      {run.synthetic ? (
        <>
          {" "}
          <span className="status status--info" title="The simulation's labelled model: no load was sent">
            synthetic
          </span>
        </>
      ) : (
        ` · measured (${run.target === "local-server" ? "a local server the simulation started" : "the cluster's endpoint"})`
      )}
      {run.result ? ` · ${Math.round(run.result.throughput.achievedPerSecond)} req/s` : ""}
      {run.error ? <span className="field-error"> {run.error}</span> : null}
    </li>
  );
}

function ComparisonTable({ comparison }: { comparison: BenchComparison }) {
  const ops = [
    ["Reads", comparison.comparison.reads],
    ["Writes", comparison.comparison.writes],
  ] as const;
  return (
    <TableScroll label="Baseline against validation, per percentile">
      <table className="table" data-testid="bench-comparison" data-verdict={comparison.verdict}>
        <thead>
          <tr>
            <th scope="col">Operation</th>
            <th scope="col">Percentile</th>
            <th scope="col">Baseline</th>
            <th scope="col">Validation</th>
            <th scope="col">Change</th>
          </tr>
        </thead>
        <tbody>
          {ops.flatMap(([label, op]) =>
            op
              ? PERCENTILES.map((p, i) => (
                  <tr key={`${label}-${p}`} data-testid="bench-percentile" data-op={label} data-percentile={p}>
                    {i === 0 ? (
                      <th scope="rowgroup" rowSpan={PERCENTILES.length}>
                        {label}
                      </th>
                    ) : null}
                    <td>{PERCENTILE_VALUES[p].label}</td>
                    <td>{ms(op.percentiles[p].baselineMs)}</td>
                    <td>{ms(op.percentiles[p].candidateMs)}</td>
                    <td>{pct(op.percentiles[p].deltaPct)}</td>
                  </tr>
                ))
              : [],
          )}
        </tbody>
      </table>
    </TableScroll>
  );
}

function SingleRunTable({ run }: { run: BenchRun }) {
  const result = run.result;
  if (!result) return null;
  const ops = [
    ["Reads", result.reads],
    ["Writes", result.writes],
  ] as const;
  return (
    <TableScroll label="Baseline percentiles">
      <table className="table" data-testid="bench-baseline">
        <thead>
          <tr>
            <th scope="col">Operation</th>
            {PERCENTILES.map((p) => (
              <th key={p} scope="col">
                {PERCENTILE_VALUES[p].label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {ops.map(([label, op]) =>
            op ? (
              <tr key={label}>
                <th scope="row">{label}</th>
                {PERCENTILES.map((p) => (
                  <td key={p}>{ms(op.latency.percentilesMs[p])}</td>
                ))}
              </tr>
            ) : null,
          )}
        </tbody>
      </table>
    </TableScroll>
  );
}
