"use client";
// One benchmark run's page: what it runs (cluster, driver, target — synthetic said so —, the profile and how it was
// derived), its live progress while it runs (phase, requests sent and answered, the backlog a stalled server builds,
// the per-second throughput and p99 chart, read every second), cancel while the server allows it, and the result
// once it finished (percentiles of reads and writes, response against service time, errors by kind).
import Link from "next/link";
import { useState } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { BenchProfile } from "@/lib/bench/profile";
import { errorMessage } from "@/lib/query/api";
import { benchmarkKeys, benchmarkQuery, cancelBenchmark, isLive, type BenchRun } from "@/lib/query/benchmarks";
import { datastoreQuery } from "@/lib/query/datastores";
import { formatMetric } from "@/lib/metric-format";
import { formatDateTime } from "@/components/ui/dates";
import { ErrorState, Loading } from "@/components/ui/query-state";
import { OperationStatusBadge } from "@/components/provisioning/operation-status-badge";
import { BenchResultView } from "./bench-result";
import { BenchSeriesCharts } from "./bench-series-chart";
import { BenchTargetBadge } from "./bench-target-badge";

const PHASE_TEXT = {
  starting: "Starting",
  prefill: "Writing every key once (not measured)",
  warmup: "Warming up (not measured)",
  measure: "Measuring",
  drain: "Waiting for the last answers",
} as const satisfies Record<NonNullable<BenchRun["progress"]>["phase"], string>;

const count = (n: number) => n.toLocaleString("en-US");

function describeValues(p: BenchProfile): string {
  const v = p.valueSize;
  if (v.kind === "fixed") return `${count(v.bytes)} bytes`;
  if (v.kind === "uniform") return `${count(v.minBytes)}–${count(v.maxBytes)} bytes`;
  return v.sizes.map((s) => `${count(s.bytes)} bytes`).join(" or ");
}

function ProfileFacts({ profile: p, notes }: { profile: BenchProfile; notes: string[] | null }) {
  return (
    <>
      <dl className="bench-facts" data-testid="bench-profile">
        <div>
          <dt>Mix</dt>
          <dd>
            {Math.round(p.mix.read * 1000) / 10} % reads · {Math.round(p.mix.write * 1000) / 10} % writes
          </dd>
        </div>
        <div>
          <dt>Keys</dt>
          <dd>
            {count(p.keySpace.count)} {p.keySpace.distribution}
          </dd>
        </div>
        <div>
          <dt>Values</dt>
          <dd>{describeValues(p)}</dd>
        </div>
        <div>
          <dt>Rate</dt>
          <dd>{p.rate === "unbounded" ? "as fast as it goes" : formatMetric(p.rate, "per-second")}</dd>
        </div>
        <div>
          <dt>Connections</dt>
          <dd>{p.connections}</dd>
        </div>
        <div>
          <dt>Duration</dt>
          <dd>
            {p.durationS} s{p.warmupS > 0 ? ` after a ${p.warmupS} s warm-up` : ""}
            {p.prefill ? ", keys prefilled" : ""}
          </dd>
        </div>
      </dl>
      {notes && notes.length > 0 ? (
        <details className="bench-notes">
          <summary>How the profile was derived from the workload</summary>
          <ul>
            {notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        </details>
      ) : null}
    </>
  );
}

function LiveProgress({ run }: { run: BenchRun }) {
  const p = run.progress;
  const total = run.profile.warmupS + run.profile.durationS;
  const elapsed = p ? Math.min(total, p.elapsedS) : 0;
  return (
    <div className="bench-live" data-testid="bench-progress" data-phase={p?.phase ?? "queued"}>
      <p aria-live="polite">
        {run.status === "queued" ? "Queued: the worker starts it shortly." : p ? `${PHASE_TEXT[p.phase]} · ${Math.floor(elapsed)} of ${total} s` : "Starting…"}
      </p>
      <div
        className="op-progress-track"
        role="progressbar"
        aria-label="Benchmark progress"
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={Math.floor(elapsed)}
        aria-valuetext={`${Math.floor(elapsed)} of ${total} seconds`}
      >
        <span className="op-progress-fill op-progress-fill--running" style={{ width: `${Math.round((elapsed / Math.max(1, total)) * 100)}%` }} />
      </div>
      {p ? (
        <dl className="bench-facts bench-facts--live">
          <div>
            <dt>Sent</dt>
            <dd data-testid="progress-sent">{count(p.sent)}</dd>
          </div>
          <div>
            <dt>Answered</dt>
            <dd data-testid="progress-answered">{count(p.answered)}</dd>
          </div>
          <div>
            <dt>Errors</dt>
            <dd>{count(p.errors)}</dd>
          </div>
          <div>
            <dt>Backlog</dt>
            <dd title="Requests due but not yet sent: every connection was busy">{count(p.backlog)}</dd>
          </div>
        </dl>
      ) : null}
    </div>
  );
}

export function BenchmarkRunView({ datastoreId, runId }: { datastoreId: string; runId: string }) {
  const q = useQuery(benchmarkQuery(runId));
  const datastore = useQuery(datastoreQuery(datastoreId));
  const queryClient = useQueryClient();
  const [cancelling, setCancelling] = useState(false);
  const [note, setNote] = useState<{ text: string; ok: boolean } | null>(null);
  const back = { href: `/catalog/${datastoreId}?tab=benchmarks`, label: "Back to the benchmarks" };

  if (q.isPending) return <Loading label="Loading the run…" rows={6} />;
  if (q.isError)
    return <ErrorState title="Could not load this run." message={errorMessage(q.error)} error={q.error} back={back} onRetry={() => void q.refetch()} />;
  const run = q.data;
  const live = isLive(run);
  const threshold =
    datastore.data?.data.thresholds.find((t) => t.role === run.role && t.metric === "read-latency-p99") ??
    datastore.data?.data.thresholds.find((t) => t.role === run.role && t.metric === "write-latency-p99");
  const series = run.result?.throughput.series ?? run.progress?.series ?? [];

  const cancel = async () => {
    setCancelling(true);
    setNote(null);
    try {
      await cancelBenchmark(run.id);
      await queryClient.invalidateQueries({ queryKey: benchmarkKeys.one(run.id) });
      setNote({ text: "Cancelling: the run stops and keeps the figures measured so far.", ok: true });
    } catch (error) {
      setNote({ text: errorMessage(error), ok: false });
    } finally {
      setCancelling(false);
    }
  };

  return (
    <div className="page stack" data-testid="bench-run" data-run-id={run.id} data-status={run.status}>
      <p className="muted small">
        <Link href={back.href}>← {datastore.data?.data.name ?? "The datastore"}&apos;s benchmarks</Link>
      </p>
      <div className="page-head">
        <h1 className="wrap-anywhere">
          {run.label} <OperationStatusBadge status={run.status} />
        </h1>
        <p className="lead">
          <BenchTargetBadge target={run.target} driver={run.driver} /> · {run.region} · {run.role} · {run.engineVersion} · {run.purpose} · started{" "}
          {formatDateTime(run.createdAt)} by {run.createdBy}
          {run.finishedAt ? ` · finished ${formatDateTime(run.finishedAt)}` : ""}
        </p>
      </div>
      {run.synthetic ? (
        <p className="callout callout--info" role="note" data-testid="bench-synthetic-note">
          These figures are synthetic: the simulation&apos;s model of the plan and the profile. No load was sent.
        </p>
      ) : null}

      <section className="card" aria-labelledby="bench-live-title">
        <div className="card-head card-head--row">
          <h2 id="bench-live-title">{live ? "Progress" : "Throughput and p99 per second"}</h2>
          {run.actions.cancel.allowed ? (
            <button type="button" className="button" onClick={() => void cancel()} disabled={cancelling} data-testid="bench-cancel">
              {cancelling ? "Cancelling…" : "Cancel the run"}
            </button>
          ) : null}
        </div>
        {note ? (
          <p className={`callout ${note.ok ? "callout--info" : "callout--danger"}`} role={note.ok ? "status" : "alert"}>
            {note.text}
          </p>
        ) : null}
        {live ? <LiveProgress run={run} /> : null}
        {run.error ? (
          <p className="callout callout--danger" role="alert" data-testid="bench-error">
            {run.error}
          </p>
        ) : null}
        <BenchSeriesCharts
          series={series}
          spanS={run.profile.durationS}
          targetPerSecond={run.profile.rate === "unbounded" ? null : run.profile.rate}
          p99ThresholdMs={threshold && threshold.unit === "ms" ? threshold.critical : null}
        />
      </section>

      {run.result ? (
        <section className="card" aria-labelledby="bench-result-title">
          <div className="card-head">
            <h2 id="bench-result-title">Result</h2>
          </div>
          <BenchResultView result={run.result} />
        </section>
      ) : null}

      <section className="card" aria-labelledby="bench-profile-title">
        <div className="card-head">
          <h2 id="bench-profile-title">Profile</h2>
        </div>
        <ProfileFacts profile={run.profile} notes={run.profileNotes} />
      </section>
    </div>
  );
}
