"use client";
// Two runs side by side: the gate's verdict and its reasons first, then each percentile's change for reads and writes
// (baseline → candidate, in ms and %), throughput, every check the verdict rests on, and the thresholds used with
// where each came from (the datastore's SLA, the portal's default, or the figure typed here).
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { PERCENTILE_VALUES, PERCENTILES } from "@/lib/bench/result";
import { errorMessage, isApiProblem } from "@/lib/query/api";
import { benchmarkCompareQuery, benchmarkQuery, type BenchComparison } from "@/lib/query/benchmarks";
import { formatMetric } from "@/lib/metric-format";
import { formatDateTime } from "@/components/ui/dates";
import { ErrorState, Loading } from "@/components/ui/query-state";
import { TableScroll } from "@/components/ui/table-scroll";
import { BenchTargetBadge } from "./bench-target-badge";

type OpComparison = NonNullable<BenchComparison["comparison"]["reads"]>;

const ms = (v: number) => formatMetric(v, "ms");
const signed = (v: number | null, unit: string) => (v === null ? "n/a" : `${v > 0 ? "+" : ""}${v}${unit}`);
const CHECK_TONE = { pass: "ok", fail: "danger", inconclusive: "warn" } as const;

function RunHeading({ id, role }: { id: string; role: "Baseline" | "Candidate" }) {
  const q = useQuery(benchmarkQuery(id));
  return (
    <div className="bench-compare-run" data-testid={`compare-${role.toLowerCase()}`}>
      <div className="muted small">{role}</div>
      {q.data ? (
        <>
          <Link href={`/catalog/${q.data.datastoreId}/benchmarks/${id}`} className="wrap-anywhere">
            {q.data.label}
          </Link>{" "}
          <BenchTargetBadge target={q.data.target} driver={q.data.driver} />
          <div className="muted small">
            {q.data.region} · {q.data.role} · {q.data.engineVersion} · {formatDateTime(q.data.createdAt)}
          </div>
        </>
      ) : (
        <code className="wrap-anywhere">{id}</code>
      )}
    </div>
  );
}

function DeltaTable({ name, op }: { name: string; op: OpComparison }) {
  return (
    <TableScroll label={`${name} percentiles`}>
      <table className="table bench-deltas" data-testid={`compare-${name.toLowerCase()}`}>
        <caption>
          {name}{" "}
          <span className="muted small">
            ({op.samples.baseline.toLocaleString("en-US")} → {op.samples.candidate.toLocaleString("en-US")} samples · errors {op.errorRatePct.baseline} % →{" "}
            {op.errorRatePct.candidate} %)
          </span>
        </caption>
        <thead>
          <tr>
            <th scope="col">Percentile</th>
            <th scope="col" className="num">
              Baseline
            </th>
            <th scope="col" className="num">
              Candidate
            </th>
            <th scope="col" className="num">
              Change
            </th>
            <th scope="col" className="num">
              Change %
            </th>
          </tr>
        </thead>
        <tbody>
          {PERCENTILES.map((p) => {
            const d = op.percentiles[p];
            return (
              <tr key={p} data-testid="compare-delta" data-percentile={p} data-delta-pct={d.deltaPct ?? ""}>
                <th scope="row">{PERCENTILE_VALUES[p].label}</th>
                <td className="num">{ms(d.baselineMs)}</td>
                <td className="num">{ms(d.candidateMs)}</td>
                <td className={`num${d.deltaMs > 0 ? " bench-worse" : d.deltaMs < 0 ? " bench-better" : ""}`}>{signed(d.deltaMs, " ms")}</td>
                <td className="num">{signed(d.deltaPct, " %")}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableScroll>
  );
}

export function BenchmarkCompareView({
  datastoreId,
  baseline,
  candidate,
  maxRegressionPct,
}: {
  datastoreId: string;
  baseline: string;
  candidate: string;
  maxRegressionPct?: number;
}) {
  const router = useRouter();
  const q = useQuery(benchmarkCompareQuery(baseline, candidate, maxRegressionPct));
  const [draft, setDraft] = useState<string | null>(null);
  const back = { href: `/catalog/${datastoreId}?tab=benchmarks`, label: "Back to the benchmarks" };
  const fieldError = q.isError && isApiProblem(q.error) ? q.error.fieldErrors.find((e) => e.field === "maxRegressionPct")?.message : undefined;

  return (
    <div className="page stack" data-testid="bench-compare">
      <p className="muted small">
        <Link href={back.href}>← Benchmarks</Link>
      </p>
      <div className="page-head">
        <h1>Compare two runs</h1>
      </div>
      <div className="bench-compare-runs">
        <RunHeading id={baseline} role="Baseline" />
        <span aria-hidden="true" className="bench-compare-arrow">
          →
        </span>
        <RunHeading id={candidate} role="Candidate" />
      </div>
      <form
        className="bench-compare-form bench-compare-form--inline"
        aria-label="Regression allowed"
        onSubmit={(e) => {
          e.preventDefault();
          const value = (draft ?? "").trim();
          const qs = new URLSearchParams({ baseline, candidate, ...(value ? { maxRegressionPct: value } : {}) });
          router.replace(`/catalog/${datastoreId}/benchmarks/compare?${qs.toString()}`);
        }}
      >
        <div className="field">
          <label className="field-label" htmlFor="bench-max-regression">
            Regression allowed (%)
          </label>
          <input
            id="bench-max-regression"
            className="input"
            type="number"
            step="any"
            value={draft ?? (q.data ? String(q.data.thresholds.maxRegressionPct) : (maxRegressionPct?.toString() ?? ""))}
            onChange={(e) => setDraft(e.target.value)}
            aria-invalid={fieldError ? true : undefined}
            aria-describedby={fieldError ? "bench-max-regression-error" : undefined}
          />
          {fieldError ? (
            <span className="field-error" id="bench-max-regression-error">
              {fieldError}
            </span>
          ) : null}
        </div>
        <div className="actions">
          <button type="submit" className="button">
            Recompare
          </button>
        </div>
      </form>
      {q.isPending ? (
        <Loading label="Comparing…" />
      ) : q.isError ? (
        <ErrorState title="Could not compare these runs." message={errorMessage(q.error)} error={q.error} back={back} onRetry={() => void q.refetch()} />
      ) : (
        <ComparisonResult c={q.data} />
      )}
    </div>
  );
}

function ComparisonResult({ c }: { c: BenchComparison }) {
  const cmp = c.comparison;
  const t = cmp.throughput;
  return (
    <>
      <section
        className={`card bench-verdict bench-verdict--${c.verdict}`}
        aria-labelledby="bench-verdict-title"
        data-testid="compare-verdict"
        data-verdict={c.verdict}
      >
        <h2 id="bench-verdict-title">
          Verdict: <span className={`status status--${c.verdict === "pass" ? "ok" : "danger"}`}>{c.verdict}</span>
          {cmp.verdict === "inconclusive" ? (
            <span className="muted small"> (the comparison was inconclusive: a gate never passes what it could not measure)</span>
          ) : null}
        </h2>
        <ul data-testid="compare-reasons">
          {c.reasons.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
        {c.synthetic ? (
          <p className="callout callout--info" role="note" data-testid="compare-synthetic">
            <span className="status status--warn">synthetic</span> At least one of these runs is the simulation&apos;s model, not a measurement.
          </p>
        ) : null}
      </section>
      <section className="card" aria-labelledby="bench-deltas-title">
        <div className="card-head">
          <h2 id="bench-deltas-title">Percentiles</h2>
        </div>
        <p data-testid="compare-throughput">
          Throughput {formatMetric(t.baselinePerSecond, "per-second")} → {formatMetric(t.candidatePerSecond, "per-second")} ({signed(t.deltaPct, " %")})
        </p>
        <div className="bench-delta-tables">
          {cmp.reads ? <DeltaTable name="Reads" op={cmp.reads} /> : null}
          {cmp.writes ? <DeltaTable name="Writes" op={cmp.writes} /> : null}
        </div>
      </section>
      <section className="card" aria-labelledby="bench-checks-title">
        <div className="card-head">
          <h2 id="bench-checks-title">Checks</h2>
        </div>
        <ul className="bench-checks" data-testid="compare-checks">
          {cmp.checks.map((k, i) => (
            <li key={`${k.name}-${i}`} data-status={k.status}>
              <span className={`status status--${CHECK_TONE[k.status]}`}>{k.status}</span> <strong>{k.name}</strong>: {k.detail}
            </li>
          ))}
        </ul>
        <h3>Thresholds</h3>
        <dl className="meta" data-testid="compare-thresholds">
          {Object.entries(c.thresholds).map(([name, value]) => (
            <div key={name} className="bench-threshold">
              <dt>{name}</dt>
              <dd>
                {Array.isArray(value) ? value.join(", ") : String(value)} <span className="muted small">({c.thresholdSources[name] ?? "default"})</span>
              </dd>
            </div>
          ))}
        </dl>
      </section>
    </>
  );
}
