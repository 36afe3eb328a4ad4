// Benchmark runs: one NdBench-style run against a cluster (region × role) of a datastore, executed by the worker as
// a `benchmark` operation, and the comparison of two runs (a campaign's gate reads the same one). The profile, the
// result and the comparison's thresholds are the harness's own schemas (lib/bench): one contract for the library,
// the stored run, the API, the CLI and the UI.
import { z } from "zod";
import { CompareThresholdsSchema } from "../bench/compare-runs";
import { DeriveOptionsSchema } from "../bench/derive-profile";
import { BenchProfileSchema } from "../bench/profile";
import { BenchResultSchema, PERCENTILES, ThroughputPointSchema } from "../bench/result";
import { actionsSchema } from "./actions";
import { OperationStatusSchema } from "./operation";

export { BenchProfileSchema, BenchResultSchema, CompareThresholdsSchema, DeriveOptionsSchema, ThroughputPointSchema };

/** Why a run was made: a person asked (manual), or a campaign's gate (baseline before, validation after a canary). */
export const BENCH_PURPOSES = ["manual", "baseline", "validation"] as const;
export const BenchPurposeSchema = z.enum(BENCH_PURPOSES);
export type BenchPurpose = z.infer<typeof BenchPurposeSchema>;

/** The harness's drivers, by the family's engine. */
export const BENCH_DRIVERS = ["memcached", "redis", "cassandra", "elasticsearch"] as const;
export const BenchDriverNameSchema = z.enum(BENCH_DRIVERS);
export type BenchDriverName = z.infer<typeof BenchDriverNameSchema>;

/**
 * Where the load went: the cluster's own endpoint (real mode); a memcached or redis-server the simulation started
 * for the run (real load, real numbers); or synthetic — the simulation's model, no load sent, labelled as such
 * everywhere it is shown.
 */
export const BENCH_TARGETS = ["endpoint", "local-server", "synthetic"] as const;
export const BenchTargetSchema = z.enum(BENCH_TARGETS);
export type BenchTarget = z.infer<typeof BenchTargetSchema>;

export const BENCH_PHASES = ["starting", "prefill", "warmup", "measure", "drain"] as const;
export const BenchPhaseSchema = z.enum(BENCH_PHASES);

/** The live progress of a running benchmark (bench_runs.progress, written about once a second). */
export const BenchRunProgressSchema = z.strictObject({
  phase: BenchPhaseSchema,
  /** Seconds since the schedule started (after the prefill). */
  elapsedS: z.number().nonnegative(),
  sent: z.number().int().nonnegative(),
  answered: z.number().int().nonnegative(),
  errors: z.number().int().nonnegative(),
  /** Requests due but not yet sent (every connection busy): the queue a stalled server builds. */
  backlog: z.number().int().nonnegative(),
  /** Every whole measured second so far, oldest first: throughput and p99 for the live chart. */
  series: z.array(ThroughputPointSchema),
});
export type BenchRunProgress = z.infer<typeof BenchRunProgressSchema>;

export const BenchRunSchema = z.strictObject({
  id: z.string(),
  datastoreId: z.string(),
  operationId: z.string(),
  /** The benchmark operation's status: queued → running → succeeded | failed | cancelled | interrupted. */
  status: OperationStatusSchema,
  purpose: BenchPurposeSchema,
  /** A person's name for the run; the purpose when none was given. */
  label: z.string(),
  region: z.string(),
  role: z.string(),
  driver: BenchDriverNameSchema,
  target: BenchTargetSchema,
  /** true when target is "synthetic": the figures are the simulation's model, not measurements. */
  synthetic: z.boolean(),
  /** The engine version of the nodes under test when it ran. */
  engineVersion: z.string(),
  /** The profile it ran (defaults applied). */
  profile: BenchProfileSchema,
  /** How the profile was derived from the workload (each assumption and cap), when it was; null for a given one. */
  profileNotes: z.array(z.string()).nullable(),
  progress: BenchRunProgressSchema.nullable(),
  /** Null until it finished (a failed run has none; a cancelled one has the figures up to the cancel). */
  result: BenchResultSchema.nullable(),
  /** Why it failed, when it did (the operation's error message). */
  error: z.string().nullable(),
  /** The campaign target whose gate ordered it, if any. */
  campaignTargetId: z.string().nullable(),
  /** "user:<email>", "token:<name>" or "campaign:<id>". */
  createdBy: z.string(),
  createdAt: z.iso.datetime(),
  finishedAt: z.iso.datetime().nullable(),
  actions: actionsSchema(["cancel"]),
});
export type BenchRun = z.infer<typeof BenchRunSchema>;

export const BenchRunListSchema = z.strictObject({
  runs: z.array(BenchRunSchema),
  /** May the caller start a run on this datastore (and if not, why). */
  actions: actionsSchema(["start"]),
});
export type BenchRunList = z.infer<typeof BenchRunListSchema>;

const name = (max: number) => z.string("must be a string").trim().min(1, "must not be empty").max(max, `must be at most ${max} characters`);

/**
 * POST /api/v1/datastores/{id}/benchmarks body. Region and role default to the datastore's first region and its
 * first role. The profile: a full `profile`, or `derive` options for deriving one from the datastore's workload,
 * or neither — derived with the defaults of GET …/benchmarks/profile (a short run).
 */
export const StartBenchRunBodySchema = z
  .strictObject({
    region: name(40).optional(),
    role: name(40).optional(),
    label: name(120).optional(),
    profile: BenchProfileSchema.optional(),
    derive: DeriveOptionsSchema.partial().optional(),
  })
  .superRefine((b, ctx) => {
    if (b.profile !== undefined && b.derive !== undefined)
      ctx.addIssue({ code: "custom", path: ["derive"], message: "give either a profile or derive options, not both" });
  });
export type StartBenchRunBody = z.infer<typeof StartBenchRunBodySchema>;

/** GET /api/v1/datastores/{id}/benchmarks/profile: the profile a run gets by default, and how it was derived. */
export const DerivedBenchProfileSchema = z.strictObject({
  profile: BenchProfileSchema,
  notes: z.array(z.string()),
  /** The derive options used (defaults applied). */
  derive: z.strictObject({
    shareOfFleet: z.number(),
    maxKeys: z.number(),
    maxRatePerSecond: z.number(),
    durationS: z.number(),
    warmupS: z.number(),
    connections: z.number().optional(),
    distribution: z.string(),
    prefill: z.boolean(),
  }),
  /** The driver and the target a run would use now (synthetic: the figures would be the simulation's model). */
  driver: BenchDriverNameSchema,
  target: BenchTargetSchema,
  /** The clusters a run can target. */
  clusters: z.array(z.strictObject({ region: z.string(), role: z.string() })),
});
export type DerivedBenchProfile = z.infer<typeof DerivedBenchProfileSchema>;

// ── Comparison ────────────────────────────────────────────────────────────────────────────────────────────────

const PercentileDeltaSchema = z.strictObject({
  baselineMs: z.number(),
  candidateMs: z.number(),
  deltaMs: z.number(),
  deltaPct: z.number().nullable(),
});
const OpComparisonSchema = z.strictObject({
  samples: z.strictObject({ baseline: z.number(), candidate: z.number() }),
  percentiles: z.strictObject(
    Object.fromEntries(PERCENTILES.map((p) => [p, PercentileDeltaSchema])) as Record<(typeof PERCENTILES)[number], typeof PercentileDeltaSchema>,
  ),
  errorRatePct: z.strictObject({ baseline: z.number(), candidate: z.number() }),
});
export const CompareCheckSchema = z.strictObject({
  name: z.string(),
  status: z.enum(["pass", "fail", "inconclusive"]),
  detail: z.string(),
});

/** lib/bench/compare-runs.ts RunComparison, as JSON. */
export const RunComparisonSchema = z.strictObject({
  verdict: z.enum(["pass", "fail", "inconclusive"]),
  reasons: z.array(z.string()),
  checks: z.array(CompareCheckSchema),
  reads: OpComparisonSchema.nullable(),
  writes: OpComparisonSchema.nullable(),
  throughput: z.strictObject({ baselinePerSecond: z.number(), candidatePerSecond: z.number(), deltaPct: z.number().nullable() }),
});

/** Where each threshold came from: the datastore's SLA, the portal's default, or the caller. */
export const ThresholdSourceSchema = z.enum(["sla", "default", "override"]);

export const BenchComparisonSchema = z.strictObject({
  baselineRunId: z.string(),
  candidateRunId: z.string(),
  /** The thresholds the verdict was reached with (defaults applied). */
  thresholds: CompareThresholdsSchema,
  /** The source of each threshold given (p99ReadMs, p99WriteMs, maxRegressionPct, …). */
  thresholdSources: z.record(z.string(), ThresholdSourceSchema),
  comparison: RunComparisonSchema,
  /**
   * The gate's answer: pass only when the comparison passed; an inconclusive comparison fails the gate (a gate
   * never passes what it could not measure). The reasons say why.
   */
  verdict: z.enum(["pass", "fail"]),
  reasons: z.array(z.string()),
  /** Either run's figures are synthetic (the simulation's model). */
  synthetic: z.boolean(),
  /** How the thresholds were chosen where that needs saying (a local server's noise floor, an SLA not applied). */
  notes: z.array(z.string()),
});
export type BenchComparison = z.infer<typeof BenchComparisonSchema>;

/** GET /api/v1/benchmarks/compare query. */
export const CompareBenchRunsQuerySchema = z.strictObject({
  baseline: z.string("is required").min(1, "is required").max(60, "must be at most 60 characters"),
  candidate: z.string("is required").min(1, "is required").max(60, "must be at most 60 characters"),
  maxRegressionPct: z.coerce.number("must be a number").min(0, "must be from 0 to 1,000 %").max(1000, "must be from 0 to 1,000 %").optional(),
});
export type CompareBenchRunsQuery = z.infer<typeof CompareBenchRunsQuerySchema>;
