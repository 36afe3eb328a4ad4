import { z } from "zod";
import type { BenchProfile } from "./profile";
import { PERCENTILE_VALUES, PERCENTILES, type BenchResult, type OpStats, type PercentileKey } from "./result";

const positiveMs = z.number({ error: "must be a number" }).gt(0, "must be more than 0 ms").max(60_000, "must be at most 60,000 ms");

/** What a candidate run must meet: the datastore's p99 thresholds and a bound on regression against its baseline. */
export const CompareThresholdsSchema = z.strictObject({
  p99ReadMs: positiveMs.optional(),
  p99WriteMs: positiveMs.optional(),
  /** A gated percentile may grow by at most this much against the baseline. */
  maxRegressionPct: z.number({ error: "must be a number" }).min(0, "must be from 0 to 1,000 %").max(1000, "must be from 0 to 1,000 %"),
  /** Growth smaller than this is noise, not a regression: +40 % of a 0.1 ms p50 is 40 µs. */
  minRegressionMs: z.number({ error: "must be a number" }).min(0, "must be 0 ms or more").max(1000, "must be at most 1,000 ms").default(0.25),
  /** The percentiles held to maxRegressionPct (p99.9 is reported, but rests on too few samples to gate by default). */
  gatedPercentiles: z.array(z.enum(PERCENTILES)).min(1, "needs at least one percentile").max(PERCENTILES.length).default(["p50", "p95", "p99"]),
  /** The candidate's errors (of every kind, not-sent included) as a share of its requests. */
  maxErrorRatePct: z.number({ error: "must be a number" }).min(0, "must be from 0 to 100 %").max(100, "must be from 0 to 100 %").default(1),
  /** A percentile of fewer samples than this is not trusted for a verdict. */
  minSamples: z
    .number({ error: "must be a number" })
    .int("must be a whole number")
    .min(1, "must be at least 1")
    .max(1e9, "must be at most 1,000,000,000")
    .default(100),
});
export type CompareThresholdsInput = z.input<typeof CompareThresholdsSchema>;
export type CompareThresholds = z.output<typeof CompareThresholdsSchema>;

export interface PercentileDelta {
  baselineMs: number;
  candidateMs: number;
  deltaMs: number;
  /** null when the baseline is 0 ms. */
  deltaPct: number | null;
}

export interface OpComparison {
  samples: { baseline: number; candidate: number };
  percentiles: Record<PercentileKey, PercentileDelta>;
  errorRatePct: { baseline: number; candidate: number };
}

export interface Check {
  name: string;
  /** "fail" decides the verdict; "inconclusive" when the check cannot be made honestly. */
  status: "pass" | "fail" | "inconclusive";
  detail: string;
}

export interface RunComparison {
  verdict: "pass" | "fail" | "inconclusive";
  /** Why the verdict: the failed checks, else the inconclusive ones, else a one-line summary of the passes. */
  reasons: string[];
  checks: Check[];
  reads: OpComparison | null;
  writes: OpComparison | null;
  throughput: { baselinePerSecond: number; candidatePerSecond: number; deltaPct: number | null };
}

const round = (x: number, digits = 3) => Math.round(x * 10 ** digits) / 10 ** digits;
const pct = (base: number, cand: number) => (base === 0 ? null : round(((cand - base) / base) * 100, 2));
const requests = (o: OpStats) => o.ok + o.errors;
const errorRate = (o: OpStats) => (requests(o) === 0 ? 0 : round((o.errors / requests(o)) * 100, 3));

function compareOp(base: OpStats, cand: OpStats): OpComparison {
  const percentiles = Object.fromEntries(
    PERCENTILES.map((p) => {
      const b = base.latency.percentilesMs[p];
      const c = cand.latency.percentilesMs[p];
      return [p, { baselineMs: b, candidateMs: c, deltaMs: round(c - b), deltaPct: pct(b, c) }];
    }),
  ) as Record<PercentileKey, PercentileDelta>;
  return {
    samples: { baseline: base.latency.count, candidate: cand.latency.count },
    percentiles,
    errorRatePct: { baseline: errorRate(base), candidate: errorRate(cand) },
  };
}

/** The profile fields that make two runs comparable (not the name, the seed or the duration). */
function profileDifferences(a: BenchProfile, b: BenchProfile): string[] {
  const fields: (keyof BenchProfile)[] = ["mix", "keySpace", "valueSize", "rate", "connections"];
  return fields.filter((f) => JSON.stringify(a[f]) !== JSON.stringify(b[f])).map((f) => `${f} ${JSON.stringify(a[f])} vs ${JSON.stringify(b[f])}`);
}

/**
 * Compares a candidate run with its baseline: deltas per percentile for reads and writes, and a verdict — "fail"
 * when the candidate breaks a p99 threshold, regresses a gated percentile by more than maxRegressionPct (and more
 * than minRegressionMs), errs more than maxErrorRatePct, or (closed loop) loses more than maxRegressionPct of its
 * throughput; "inconclusive" when the runs cannot be compared honestly (cancelled, different profiles or drivers,
 * too few samples); "pass" otherwise.
 */
export function compareRuns(baseline: BenchResult, candidate: BenchResult, thresholdsInput: CompareThresholdsInput): RunComparison {
  const t = CompareThresholdsSchema.parse(thresholdsInput);
  const checks: Check[] = [];
  const check = (name: string, status: Check["status"], detail: string) => checks.push({ name, status, detail });

  for (const [which, run] of [
    ["baseline", baseline],
    ["candidate", candidate],
  ] as const) {
    if (run.outcome !== "completed") check(`${which} completed`, "inconclusive", `the ${which} run was ${run.outcome}`);
  }
  const differences = profileDifferences(baseline.profile, candidate.profile);
  const comparable = differences.length === 0 && baseline.driver === candidate.driver;
  if (baseline.driver !== candidate.driver) check("same driver", "inconclusive", `the runs used different drivers (${baseline.driver} vs ${candidate.driver})`);
  if (differences.length > 0) check("same profile", "inconclusive", `the runs' profiles differ: ${differences.join("; ")}`);

  const ops = [
    { key: "reads" as const, label: "reads", limit: t.p99ReadMs, base: baseline.reads, cand: candidate.reads },
    { key: "writes" as const, label: "writes", limit: t.p99WriteMs, base: baseline.writes, cand: candidate.writes },
  ];
  const result: Pick<RunComparison, "reads" | "writes"> = { reads: null, writes: null };
  for (const op of ops) {
    if (requests(op.base) === 0 && requests(op.cand) === 0) {
      if (op.limit !== undefined) check(`${op.label} p99 threshold`, "pass", `no ${op.label} in either run (the profile sends none)`);
      continue;
    }
    const cmp = compareOp(op.base, op.cand);
    result[op.key] = cmp;
    const candEnough = cmp.samples.candidate >= t.minSamples;
    if (op.limit !== undefined) {
      const p99 = cmp.percentiles.p99.candidateMs;
      if (!candEnough)
        check(
          `${op.label} p99 threshold`,
          "inconclusive",
          `${op.label}: ${cmp.samples.candidate} answered in the candidate, fewer than the ${t.minSamples} a p99 needs`,
        );
      else if (p99 > op.limit) check(`${op.label} p99 threshold`, "fail", `${op.label} p99 ${p99} ms is above the ${op.limit} ms threshold`);
      else check(`${op.label} p99 threshold`, "pass", `${op.label} p99 ${p99} ms is within the ${op.limit} ms threshold`);
    }
    if (!comparable) continue;
    if (cmp.samples.baseline < t.minSamples || !candEnough) {
      check(
        `${op.label} regression`,
        "inconclusive",
        `${op.label}: ${cmp.samples.baseline} samples in the baseline and ${cmp.samples.candidate} in the candidate; ${t.minSamples} each are needed`,
      );
      continue;
    }
    for (const p of t.gatedPercentiles) {
      const d = cmp.percentiles[p];
      const label = `${op.label} ${PERCENTILE_VALUES[p].label}`;
      const grewPct = d.deltaPct === null ? (d.deltaMs > 0 ? Infinity : 0) : d.deltaPct;
      if (grewPct > t.maxRegressionPct && d.deltaMs > t.minRegressionMs) {
        check(
          `${label} regression`,
          "fail",
          `${label} rose from ${d.baselineMs} ms to ${d.candidateMs} ms (${d.deltaPct === null ? "from 0" : `+${d.deltaPct} %`}), more than the ${t.maxRegressionPct} % allowed`,
        );
      } else {
        check(
          `${label} regression`,
          "pass",
          `${label} ${d.baselineMs} → ${d.candidateMs} ms (${d.deltaPct === null ? "n/a" : `${d.deltaPct >= 0 ? "+" : ""}${d.deltaPct} %`})`,
        );
      }
    }
  }

  const totalErrors = candidate.errors.reduce((n, e) => n + e.count, 0);
  const totalRequests = candidate.reads.ok + candidate.writes.ok + totalErrors;
  const errorPct = totalRequests === 0 ? 0 : round((totalErrors / totalRequests) * 100, 3);
  if (totalRequests === 0) check("error rate", "inconclusive", "the candidate measured no requests");
  else if (errorPct > t.maxErrorRatePct) {
    const kinds = candidate.errors.map((e) => `${e.kind} ×${e.count}`).join(", ");
    check("error rate", "fail", `${errorPct} % of the candidate's requests failed (${kinds}), more than the ${t.maxErrorRatePct} % allowed`);
  } else check("error rate", "pass", `${errorPct} % of the candidate's requests failed (at most ${t.maxErrorRatePct} %)`);

  const throughput = {
    baselinePerSecond: baseline.throughput.achievedPerSecond,
    candidatePerSecond: candidate.throughput.achievedPerSecond,
    deltaPct: pct(baseline.throughput.achievedPerSecond, candidate.throughput.achievedPerSecond),
  };
  // At a target rate the schedule sets the throughput; only a closed-loop run measures what the store can do.
  if (comparable && candidate.mode === "closed-loop" && throughput.deltaPct !== null) {
    if (-throughput.deltaPct > t.maxRegressionPct)
      check(
        "throughput regression",
        "fail",
        `throughput fell from ${throughput.baselinePerSecond}/s to ${throughput.candidatePerSecond}/s (${throughput.deltaPct} %), more than the ${t.maxRegressionPct} % allowed`,
      );
    else check("throughput regression", "pass", `throughput ${throughput.baselinePerSecond}/s → ${throughput.candidatePerSecond}/s (${throughput.deltaPct} %)`);
  }

  const failed = checks.filter((c) => c.status === "fail");
  const unsure = checks.filter((c) => c.status === "inconclusive");
  const verdict = failed.length > 0 ? "fail" : unsure.length > 0 ? "inconclusive" : "pass";
  const reasons =
    failed.length > 0
      ? failed.map((c) => c.detail)
      : unsure.length > 0
        ? unsure.map((c) => c.detail)
        : [`all ${checks.length} checks passed`, ...checks.map((c) => c.detail)];
  return { verdict, reasons, checks, ...result, throughput };
}
