import { z } from "zod";
import { BenchProfileSchema } from "./profile";

/**
 * What a benchmark run returns: plain JSON (no histogram objects, no Dates), so a run can be stored, sent over the
 * API and compared later. Latencies are milliseconds; the HDR histograms travel as HdrHistogram's compressed base64
 * encoding (the format every HdrHistogram implementation reads), so percentiles not summarised here can still be
 * read back, and runs merged.
 */
export const PERCENTILES = ["p50", "p95", "p99", "p99_9"] as const;
export type PercentileKey = (typeof PERCENTILES)[number];
/** The percentile each key stands for, and how a person reads it. */
export const PERCENTILE_VALUES: Record<PercentileKey, { value: number; label: string }> = {
  p50: { value: 50, label: "p50" },
  p95: { value: 95, label: "p95" },
  p99: { value: 99, label: "p99" },
  p99_9: { value: 99.9, label: "p99.9" },
};

const ms = z.number().nonnegative();
export const LatencySummarySchema = z.strictObject({
  count: z.number().int().nonnegative(),
  meanMs: ms,
  maxMs: ms,
  percentilesMs: z.strictObject({ p50: ms, p95: ms, p99: ms, p99_9: ms }),
});
export type LatencySummary = z.infer<typeof LatencySummarySchema>;

export const OpStatsSchema = z.strictObject({
  /** Measured requests of this kind that answered (errors are counted apart and not in the latencies). */
  ok: z.number().int().nonnegative(),
  errors: z.number().int().nonnegative(),
  /** Reads that found their key (writes: equal to ok). */
  hits: z.number().int().nonnegative(),
  /**
   * Response time: from when the request was due (open loop) to its answer — what a client at that rate sees,
   * queueing behind a stalled connection included. In a closed-loop run it equals the service time.
   */
  latency: LatencySummarySchema,
  /** Service time: from when the request was actually sent to its answer (what a closed-loop tool reports). */
  serviceTime: LatencySummarySchema,
  /** The response-time histogram in microseconds, HdrHistogram compressed base64. */
  histogram: z.string().max(2_000_000),
});
export type OpStats = z.infer<typeof OpStatsSchema>;

export const ThroughputPointSchema = z.strictObject({
  /** Whole seconds since the measurement began (after the warm-up). */
  second: z.number().int().nonnegative(),
  reads: z.number().int().nonnegative(),
  writes: z.number().int().nonnegative(),
  errors: z.number().int().nonnegative(),
  /** p99 response time of the requests that answered in this second (null when none did). */
  p99Ms: ms.nullable(),
});
export type ThroughputPoint = z.infer<typeof ThroughputPointSchema>;

export const ErrorKindSchema = z.strictObject({
  kind: z.string().max(40),
  count: z.number().int().positive(),
  /** The first message seen of this kind, cut to 300 characters. */
  sample: z.string().max(300),
});

export const BenchResultSchema = z.strictObject({
  schemaVersion: z.literal(1),
  driver: z.string().max(60),
  profile: BenchProfileSchema,
  /** open-loop: a target rate, latency from each request's due time; closed-loop: rate "unbounded". */
  mode: z.enum(["open-loop", "closed-loop"]),
  outcome: z.enum(["completed", "cancelled"]),
  startedAt: z.iso.datetime(),
  /** Seconds measured: the profile's duration, or less when cancelled. */
  measuredS: z.number().nonnegative(),
  reads: OpStatsSchema,
  writes: OpStatsSchema,
  throughput: z.strictObject({
    targetPerSecond: z.number().positive().nullable(),
    /** Answered requests per second over the measured window (and any drain after it). */
    achievedPerSecond: z.number().nonnegative(),
    series: z.array(ThroughputPointSchema),
  }),
  /** Measured errors by kind; "not-sent" counts requests that fell due but never went out before the run ended. */
  errors: z.array(ErrorKindSchema),
  warmup: z.strictObject({ requests: z.number().int().nonnegative(), errors: z.number().int().nonnegative() }),
  prefill: z.strictObject({ keys: z.number().int().nonnegative(), errors: z.number().int().nonnegative() }),
});
export type BenchResult = z.infer<typeof BenchResultSchema>;
