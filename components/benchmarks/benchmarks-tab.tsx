"use client";
// The datastore's Benchmarks tab: its runs, newest first (status, label, target — a synthetic run says so —, the
// p99s, when), the start form (prefilled with the profile derived from the workload; only for those the server
// allows), and a picker of two finished runs to compare.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { errorMessage } from "@/lib/query/api";
import { datastoreBenchmarksQuery, type BenchRun } from "@/lib/query/benchmarks";
import type { DatastoreDetailDto } from "@/lib/query/types";
import { formatMetric } from "@/lib/metric-format";
import { formatDateTime } from "@/components/ui/dates";
import { ErrorState, Loading } from "@/components/ui/query-state";
import { TableScroll } from "@/components/ui/table-scroll";
import { OperationStatusBadge } from "@/components/provisioning/operation-status-badge";
import { StartBenchmarkForm } from "./start-benchmark-form";
import { BenchTargetBadge } from "./bench-target-badge";

const p99 = (run: BenchRun, op: "reads" | "writes") => {
  const stats = run.result?.[op];
  if (!stats || stats.ok === 0) return <span className="muted">—</span>;
  return formatMetric(stats.latency.percentilesMs.p99, "ms");
};

/** "label (when)" for the compare picker. */
const runName = (r: BenchRun) => `${r.label} · ${r.region} ${r.role} · ${formatDateTime(r.createdAt)}${r.synthetic ? " · synthetic" : ""}`;

export function BenchmarksTab({ datastore }: { datastore: DatastoreDetailDto }) {
  const q = useQuery(datastoreBenchmarksQuery(datastore.id));
  const [starting, setStarting] = useState(false);
  if (q.isPending) return <Loading label="Loading benchmark runs…" />;
  if (q.isError)
    return <ErrorState title="Could not load the benchmark runs." message={errorMessage(q.error)} error={q.error} onRetry={() => void q.refetch()} />;
  const { runs, actions } = q.data;
  const finished = runs.filter((r) => r.result !== null);

  return (
    <div className="stack" data-testid="benchmarks-tab">
      <section className="card" aria-labelledby="bench-start-title">
        <div className="card-head card-head--row">
          <div>
            <h2 id="bench-start-title">Benchmark</h2>
            <p className="muted">
              An NdBench-style run against one cluster: a read/write mix over a key space at a target rate, latency in HDR histograms measured from when each
              request was due. Runs are operations: they queue, show live progress and can be cancelled.
            </p>
          </div>
          {!starting ? (
            <button
              type="button"
              className="button button--primary bench-new"
              onClick={() => setStarting(true)}
              disabled={!actions.start.allowed}
              title={actions.start.reason}
              data-testid="bench-new"
            >
              Start a benchmark
            </button>
          ) : null}
        </div>
        {!actions.start.allowed && actions.start.reason ? <p className="muted small">{actions.start.reason}</p> : null}
        {starting ? <StartBenchmarkForm datastoreId={datastore.id} onCancel={() => setStarting(false)} /> : null}
      </section>

      <section className="card" aria-labelledby="bench-runs-title">
        <div className="card-head">
          <h2 id="bench-runs-title">Runs</h2>
        </div>
        {runs.length === 0 ? (
          <p className="muted" data-testid="bench-no-runs">
            No runs yet.
          </p>
        ) : (
          <TableScroll label="Benchmark runs">
            <table className="table bench-runs">
              <thead>
                <tr>
                  <th scope="col">Run</th>
                  <th scope="col">Status</th>
                  <th scope="col">Target</th>
                  <th scope="col" className="num">
                    p99 read
                  </th>
                  <th scope="col" className="num">
                    p99 write
                  </th>
                  <th scope="col" className="num">
                    Achieved
                  </th>
                  <th scope="col">Started</th>
                </tr>
              </thead>
              <tbody>
                {runs.map((r) => (
                  <tr key={r.id} data-testid="bench-run-row" data-run-id={r.id} data-status={r.status} data-target={r.target}>
                    <td>
                      <Link href={`/catalog/${datastore.id}/benchmarks/${r.id}`}>{r.label}</Link>
                      <div className="muted small">
                        {r.region} · {r.role} · {r.purpose} · {r.engineVersion}
                      </div>
                    </td>
                    <td>
                      <OperationStatusBadge status={r.status} />
                    </td>
                    <td>
                      <BenchTargetBadge target={r.target} driver={r.driver} />
                    </td>
                    <td className="num">{p99(r, "reads")}</td>
                    <td className="num">{p99(r, "writes")}</td>
                    <td className="num">{r.result ? formatMetric(r.result.throughput.achievedPerSecond, "per-second") : <span className="muted">—</span>}</td>
                    <td>{formatDateTime(r.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </section>

      <ComparePicker datastoreId={datastore.id} runs={finished} />
    </div>
  );
}

function ComparePicker({ datastoreId, runs }: { datastoreId: string; runs: BenchRun[] }) {
  const router = useRouter();
  // Default: the two newest runs that completed (a cancelled run compares inconclusively), the older as the baseline.
  const completed = runs.filter((r) => r.result?.outcome === "completed");
  const [baseline, setBaseline] = useState("");
  const [candidate, setCandidate] = useState("");
  const base = baseline || (completed[1] ?? runs[1])?.id || "";
  const cand = candidate || (completed[0] ?? runs[0])?.id || "";
  return (
    <section className="card" aria-labelledby="bench-compare-title" data-testid="bench-compare-picker">
      <div className="card-head">
        <h2 id="bench-compare-title">Compare two runs</h2>
      </div>
      {runs.length < 2 ? (
        <p className="muted">Two finished runs are needed: the comparison shows each percentile&apos;s change and a verdict against the thresholds.</p>
      ) : (
        <form
          className="bench-compare-form"
          aria-label="Compare two runs"
          onSubmit={(e) => {
            e.preventDefault();
            router.push(`/catalog/${datastoreId}/benchmarks/compare?baseline=${encodeURIComponent(base)}&candidate=${encodeURIComponent(cand)}`);
          }}
        >
          <div className="field">
            <label className="field-label" htmlFor="bench-baseline">
              Baseline
            </label>
            <select id="bench-baseline" className="input" value={base} onChange={(e) => setBaseline(e.target.value)}>
              {runs.map((r) => (
                <option key={r.id} value={r.id}>
                  {runName(r)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label className="field-label" htmlFor="bench-candidate">
              Candidate
            </label>
            <select id="bench-candidate" className="input" value={cand} onChange={(e) => setCandidate(e.target.value)}>
              {runs.map((r) => (
                <option key={r.id} value={r.id}>
                  {runName(r)}
                </option>
              ))}
            </select>
          </div>
          <div className="actions">
            <button type="submit" className="button" disabled={base === cand} title={base === cand ? "Pick two different runs" : undefined}>
              Compare
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
