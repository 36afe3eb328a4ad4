import { z } from "zod";

/**
 * A benchmark profile in NdBench's terms: what mix of reads and writes to send, over which keys, with which values,
 * at what rate, on how many connections, for how long. One schema for the library, a stored run and (later) the API
 * body, so every bound below is the one a person is told about.
 */
export const BENCH_LIMITS = {
  /** Distinct keys; 10⁸ keeps a prefill or a zipfian table within what one machine can hold. */
  maxKeys: 100_000_000,
  /** 8 MiB: past memcached's and Redis's comfortable item sizes; a bigger value is a different benchmark. */
  maxValueBytes: 8 * 1024 * 1024,
  maxRatePerSecond: 1_000_000,
  maxConnections: 1024,
  maxDurationS: 3600,
  maxWarmupS: 600,
  maxRequestTimeoutMs: 60_000,
} as const;

const fmt = (n: number) => n.toLocaleString("en-US");
const num = z.number({ error: "must be a number" });
const fraction = num.min(0, "must be from 0 to 1").max(1, "must be from 0 to 1");
const VALUE_BYTES = `must be a whole number of bytes from 1 to ${fmt(BENCH_LIMITS.maxValueBytes)} (8 MiB)`;
const valueBytes = num.int(VALUE_BYTES).min(1, VALUE_BYTES).max(BENCH_LIMITS.maxValueBytes, VALUE_BYTES);

export const KEY_DISTRIBUTIONS = ["uniform", "zipfian"] as const;
export type KeyDistribution = (typeof KEY_DISTRIBUTIONS)[number];

const KEYS = `must be a whole number from 1 to ${fmt(BENCH_LIMITS.maxKeys)}`;
const ZIPF = "must be more than 0 and at most 5 (YCSB's default is 0.99)";
export const KeySpaceSchema = z.strictObject({
  /** Keys are `${prefix}${index}` for index 0 … count − 1. */
  count: num.int(KEYS).min(1, KEYS).max(BENCH_LIMITS.maxKeys, KEYS),
  distribution: z.enum(KEY_DISTRIBUTIONS, { error: "must be uniform or zipfian" }),
  /** Zipf exponent: rank k is drawn with probability ∝ 1/k^s. Only read for the zipfian distribution. */
  zipfExponent: num.gt(0, ZIPF).max(5, ZIPF).default(0.99),
  prefix: z
    .string()
    .max(32, "must be at most 32 characters")
    .regex(/^[A-Za-z0-9:_.-]*$/, "may hold only letters, digits and : _ . -")
    .default("bench:"),
});
export type KeySpace = z.output<typeof KeySpaceSchema>;

/** Bytes of each value written: fixed, uniform between two sizes, or a weighted set of sizes. */
export const ValueSizeSchema = z.discriminatedUnion(
  "kind",
  [
    z.strictObject({ kind: z.literal("fixed"), bytes: valueBytes }),
    z
      .strictObject({ kind: z.literal("uniform"), minBytes: valueBytes, maxBytes: valueBytes })
      .refine((v) => v.minBytes <= v.maxBytes, { path: ["maxBytes"], message: "must be at least minBytes" }),
    z.strictObject({
      kind: z.literal("weighted"),
      sizes: z
        .array(z.strictObject({ bytes: valueBytes, weight: num.gt(0, "must be more than 0").max(1e9, "must be at most 1,000,000,000") }))
        .min(1, "needs at least one size")
        .max(32, "at most 32 sizes"),
    }),
  ],
  { error: "must be {kind: fixed, bytes}, {kind: uniform, minBytes, maxBytes} or {kind: weighted, sizes}" },
);
export type ValueSize = z.infer<typeof ValueSizeSchema>;

const RATE = `must be a number of requests per second from 1 to ${fmt(BENCH_LIMITS.maxRatePerSecond)}, or "unbounded"`;
const CONNECTIONS = `must be a whole number from 1 to ${fmt(BENCH_LIMITS.maxConnections)}`;
const DURATION = `must be a whole number of seconds from 1 to ${fmt(BENCH_LIMITS.maxDurationS)}`;
const WARMUP = `must be a whole number of seconds from 0 to ${BENCH_LIMITS.maxWarmupS}`;
const TIMEOUT = `must be a whole number of milliseconds from 1 to ${fmt(BENCH_LIMITS.maxRequestTimeoutMs)}`;

export const BenchProfileSchema = z
  .strictObject({
    name: z
      .string()
      .min(1, "must not be empty")
      .max(60, "must be at most 60 characters")
      .regex(/^[A-Za-z0-9][A-Za-z0-9 _.:-]*$/, "must start with a letter or digit and hold only letters, digits, spaces and _ . : -")
      .default("benchmark"),
    /** Fractions of requests that read and write; they sum to 1. */
    mix: z.strictObject({ read: fraction, write: fraction }),
    keySpace: KeySpaceSchema,
    valueSize: ValueSizeSchema,
    /**
     * Requests per second across all connections, scheduled open-loop (each request has a due time and its latency
     * counts from then), or "unbounded": every connection sends its next request as soon as the last one answered
     * (closed loop — throughput, not latency, is what such a run measures).
     */
    rate: z.union([num.min(1, RATE).max(BENCH_LIMITS.maxRatePerSecond, RATE), z.literal("unbounded")], { error: RATE }),
    /** Client connections; each carries one request at a time (no pipelining). */
    connections: num.int(CONNECTIONS).min(1, CONNECTIONS).max(BENCH_LIMITS.maxConnections, CONNECTIONS),
    durationS: num.int(DURATION).min(1, DURATION).max(BENCH_LIMITS.maxDurationS, DURATION),
    /** Sent like the rest but left out of every figure: caches and connection pools settle first. */
    warmupS: num.int(WARMUP).min(0, WARMUP).max(BENCH_LIMITS.maxWarmupS, WARMUP).default(0),
    /** Each driver's client gives up on a request after this long (an error of kind "timeout"). */
    requestTimeoutMs: num.int(TIMEOUT).min(1, TIMEOUT).max(BENCH_LIMITS.maxRequestTimeoutMs, TIMEOUT).default(2000),
    /** Write every key once before the warm-up (not measured), so reads find values. */
    prefill: z.boolean({ error: "must be true or false" }).default(false),
    /** Seeds the key, operation and value choices: the same profile sends the same sequence. */
    seed: num
      .int("must be a whole number from 0 to 4,294,967,295")
      .min(0, "must be a whole number from 0 to 4,294,967,295")
      .max(0xffffffff, "must be a whole number from 0 to 4,294,967,295")
      .default(1),
  })
  .superRefine((p, ctx) => {
    if (Math.abs(p.mix.read + p.mix.write - 1) > 1e-9) {
      ctx.addIssue({
        code: "custom",
        path: ["mix"],
        message: `read and write must sum to 1 (they sum to ${Math.round((p.mix.read + p.mix.write) * 1e6) / 1e6})`,
      });
    }
    if (p.prefill && p.keySpace.count > 10_000_000) {
      ctx.addIssue({ code: "custom", path: ["prefill"], message: `cannot prefill more than 10,000,000 keys (keySpace.count is ${fmt(p.keySpace.count)})` });
    }
  });

/** A profile as given (defaults not yet applied). */
export type BenchProfileInput = z.input<typeof BenchProfileSchema>;
/** A validated profile, defaults applied. */
export type BenchProfile = z.output<typeof BenchProfileSchema>;

export type FieldError = { field: string; message: string };

/** Validation that names the field: `keySpace.count: must be a whole number from 1 to …`. */
export function parseBenchProfile(input: unknown): { ok: true; profile: BenchProfile } | { ok: false; errors: FieldError[] } {
  const parsed = BenchProfileSchema.safeParse(input);
  if (parsed.success) return { ok: true, profile: parsed.data };
  return { ok: false, errors: parsed.error.issues.map((i) => ({ field: i.path.map(String).join(".") || "(profile)", message: i.message })) };
}

/** Thrown by runBenchmark for a profile that does not validate; the message lists every field. */
export class BenchProfileError extends Error {
  constructor(readonly errors: FieldError[]) {
    super(`invalid benchmark profile: ${errors.map((e) => `${e.field}: ${e.message}`).join("; ")}`);
    this.name = "BenchProfileError";
  }
}

/** Largest value a profile can write: the harness allocates one buffer of this size and slices it. */
export function maxValueBytes(v: ValueSize): number {
  switch (v.kind) {
    case "fixed":
      return v.bytes;
    case "uniform":
      return v.maxBytes;
    case "weighted":
      return Math.max(...v.sizes.map((s) => s.bytes));
  }
}
