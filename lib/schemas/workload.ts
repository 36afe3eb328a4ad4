import { z } from "zod";
import { isKnownRegion } from "../catalog/regions";

/**
 * Physical ceilings of a workload (docs/planner.md, "Input bounds"). Past them a number is a typo or a test of the
 * API, not a workload any region could run: 10⁹ operations a second is ~100× the largest published Cassandra and
 * EVCache fleets, and 10 PiB per region is beyond what any family here plans (Cassandra tops out at 64 nodes per
 * zone × ~1.3 TiB). Past them the API answers 422 naming the field and the bound.
 */
export const WORKLOAD_LIMITS = {
  opsPerSecond: 1e9,
  /** 10 PiB, in GiB. */
  dataGiB: 10 * 1024 ** 2,
  itemCount: 1e14,
  minLatencyMs: 0.01,
} as const;

const fmt = (n: number) => n.toLocaleString("en-US");
const OPS_MAX = `must be at most ${fmt(WORKLOAD_LIMITS.opsPerSecond)} per second (10⁹/s, the physical ceiling the portal plans for)`;
const DATA_MAX = `must be at most ${fmt(WORKLOAD_LIMITS.dataGiB)} GiB (10 PiB per region, the physical ceiling the portal plans for)`;

/** A quantity the team is unsure of: low ≤ mid ≤ high, each within `max` when one is given. */
function rangeSchema(max?: { value: number; message: string }) {
  const base = z.number({ error: "must be a number" }).nonnegative("must be 0 or more");
  const n = max ? base.max(max.value, max.message) : base;
  return z.strictObject({ low: n, mid: n, high: n }).superRefine((r, ctx) => {
    if (r.low > r.mid) ctx.addIssue({ code: "custom", path: ["mid"], message: "mid must be ≥ low" });
    if (r.mid > r.high) ctx.addIssue({ code: "custom", path: ["high"], message: "high must be ≥ mid" });
  });
}
export const RangeSchema = rangeSchema();
export type Range = z.infer<typeof RangeSchema>;

// Messages name the allowed range, so a person (or an API client) knows what to type instead.
const ITEM_BYTES = "must be more than 0 and at most 67,108,864 bytes (64 MiB)";
const HORIZON = "must be a whole number of months from 1 to 120";
const LATENCY = "must be more than 0 and at most 60,000 ms";
const MS_1000 = "must be more than 0 and at most 1,000 ms";
const RETENTION = "must be a whole number of days from 0 to 365";

/** A non-negative number, or a {low, mid, high} range. */
export const QuantitySchema = z.union([z.number({ error: "must be a number" }).nonnegative("must be 0 or more"), RangeSchema], {
  error: "must be a number, 0 or more, or a {low, mid, high} range",
});
export type Quantity = z.infer<typeof QuantitySchema>;

function boundedQuantity(max: number, message: string) {
  return z.union([z.number({ error: "must be a number" }).nonnegative("must be 0 or more").max(max, message), rangeSchema({ value: max, message })], {
    error: "must be a number, 0 or more, or a {low, mid, high} range",
  });
}

export const TIERS = [0, 1, 2, 3] as const;
export const ACCESS_PATTERNS = ["key-value", "time-series", "search", "graph", "queue"] as const;
export const CONSISTENCY_LEVELS = ["best-effort", "eventual", "read-your-writes", "linearizable"] as const;
export const DURABILITY_LEVELS = ["rebuildable", "durable"] as const;
export const FEATURES = ["full-text", "aggregations", "secondary-indexes", "traversals", "delayed-delivery", "priorities", "ttl"] as const;
export const STORAGE_PREFERENCES = ["local", "attached", "any"] as const;

export type AccessPattern = (typeof ACCESS_PATTERNS)[number];
export type Consistency = (typeof CONSISTENCY_LEVELS)[number];
export type Durability = (typeof DURABILITY_LEVELS)[number];
export type Feature = (typeof FEATURES)[number];

/** An AWS region code the portal knows (shared by workloads and the catalogue API). */
export const RegionCodeSchema = z
  .string()
  .max(32, "must be an AWS region code such as us-east-1")
  .regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, "must be an AWS region code such as us-east-1")
  .refine(isKnownRegion, "is not a known AWS region");

/** An EC2 instance family such as m6id (the part of an instance type before the dot). */
export const InstanceFamilySchema = z
  .string()
  .max(32, "must be at most 32 characters")
  .regex(/^[a-z][a-z0-9-]*$/, "must be an instance family such as m6id");

export const AdvancedSchema = z.strictObject({
  /** Mean on-CPU milliseconds per read / write (not a latency SLO); overrides the model's default. */
  readCpuMs: z.number({ error: "must be a number" }).positive(MS_1000).max(1000, MS_1000).optional(),
  writeCpuMs: z.number({ error: "must be a number" }).positive(MS_1000).max(1000, MS_1000).optional(),
  /** Forward ratio: 3 means the data takes a third of its logical size on disk. */
  compressionRatio: z.number({ error: "must be a number" }).min(1, "must be from 1 to 20").max(20, "must be from 1 to 20").optional(),
  /** Days a durable store keeps its incremental backups (default 14; 0 prices no backups). */
  backupRetentionDays: z.number({ error: "must be a number" }).int(RETENTION).min(0, RETENTION).max(365, RETENTION).optional(),
  storage: z.enum(STORAGE_PREFERENCES).optional(),
  /** Restrict the planner to these instance families (e.g. ["i4i", "m6id"]). */
  instanceFamilies: z.array(InstanceFamilySchema).min(1).max(40).optional(),
});

const RATE_NOTE =
  "Rates are what each region's cluster handles at peak (the planner sizes every region for them). Transfer is priced on the same terms: every write crosses to the zones of its other replicas in its region, and with cross-region replication each region originates 1/n of the writes and sends them to the n − 1 other regions.";

/** The workload's fields. `bounded` adds the physical ceilings (input); stored rows are read without them. */
function workloadObject(bounded: boolean) {
  const ops = bounded ? boundedQuantity(WORKLOAD_LIMITS.opsPerSecond, OPS_MAX) : QuantitySchema;
  const data = bounded ? boundedQuantity(WORKLOAD_LIMITS.dataGiB, DATA_MAX) : QuantitySchema;
  const growth = bounded
    ? z
        .number({ error: "must be a number" })
        .nonnegative("must be 0 or more GiB a month")
        .max(WORKLOAD_LIMITS.dataGiB, `${DATA_MAX.replace("GiB (", "GiB a month (")}`)
    : z.number().nonnegative();
  const items = bounded
    ? z
        .number({ error: "must be a number" })
        .int("must be a whole number, 0 or more")
        .nonnegative("must be a whole number, 0 or more")
        .max(WORKLOAD_LIMITS.itemCount, `must be at most ${fmt(WORKLOAD_LIMITS.itemCount)} items (10¹⁴, the physical ceiling the portal plans for)`)
    : z.number().int().nonnegative();
  const latency = (what: string) =>
    bounded
      ? z
          .number({ error: "must be a number" })
          .min(WORKLOAD_LIMITS.minLatencyMs, `must be at least ${WORKLOAD_LIMITS.minLatencyMs} ms: ${what} faster than 10 µs is below a network round trip`)
          .max(60_000, LATENCY)
      : z.number().positive().max(60_000);
  return z.strictObject({
    name: z
      .string()
      .min(3, "must be at least 3 characters")
      .max(40, "must be at most 40 characters")
      .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "must be lowercase kebab-case (a-z, 0-9 and single dashes)"),
    tier: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)], { error: "must be 0, 1, 2 or 3" }),
    accessPattern: z.enum(ACCESS_PATTERNS),
    readsPerSecond: ops.describe(`Peak reads per second, per region: each region's cluster serves this many. ${RATE_NOTE}`),
    writesPerSecond: ops.describe(
      `Peak writes per second each region's cluster applies. With cross-region replication every region applies every write, so this is the deployment's total write rate; without it, each region's own writes. ${RATE_NOTE}`,
    ),
    readItemBytes: z
      .number({ error: "must be a number of bytes" })
      .positive(ITEM_BYTES)
      .max(64 * 1024 * 1024, ITEM_BYTES),
    writeItemBytes: z
      .number({ error: "must be a number of bytes" })
      .positive(ITEM_BYTES)
      .max(64 * 1024 * 1024, ITEM_BYTES),
    datasetGiB: data.describe("Logical data per region today (before replication and compression)."),
    itemCount: items.optional(),
    growthGiBPerMonth: growth.optional(),
    horizonMonths: z.number({ error: "must be a number" }).int(HORIZON).min(1, HORIZON).max(120, HORIZON).default(12),
    readLatencyP99Ms: latency("a read").optional(),
    writeLatencyP99Ms: latency("a write").optional(),
    consistency: z.enum(CONSISTENCY_LEVELS),
    durability: z.enum(DURABILITY_LEVELS),
    regions: z
      .array(RegionCodeSchema)
      .min(1, "needs at least one region")
      .max(8, "at most 8 regions")
      .refine((r) => new Set(r).size === r.length, "must not repeat a region"),
    crossRegionReplication: z.boolean().optional(),
    features: z
      .array(z.enum(FEATURES))
      .max(FEATURES.length)
      .refine((f) => new Set(f).size === f.length, "must not repeat a feature")
      .optional(),
    traversalDepth: z
      .number({ error: "must be a number" })
      .int("must be a whole number of hops from 1 to 10")
      .min(1, "must be a whole number of hops from 1 to 10")
      .max(10, "must be a whole number of hops from 1 to 10")
      .optional(),
    fanout: z
      .number({ error: "must be a number" })
      .positive("must be more than 0 and at most 10,000")
      .max(10_000, "must be more than 0 and at most 10,000")
      .optional(),
    advanced: AdvancedSchema.optional(),
  });
}

type WorkloadShape = z.output<ReturnType<typeof workloadObject>>;

function graphOnly(w: Pick<WorkloadShape, "traversalDepth" | "fanout" | "accessPattern">, ctx: z.RefinementCtx) {
  if ((w.traversalDepth !== undefined || w.fanout !== undefined) && w.accessPattern !== "graph") {
    const field = w.traversalDepth !== undefined ? "traversalDepth" : "fanout";
    ctx.addIssue({ code: "custom", path: [field], message: "only applies to the graph access pattern" });
  }
}

/**
 * The workload a team describes. One schema for the API body, the planner form, OpenAPI and (later) the
 * Pulumi stack config. Strict: unknown keys are an error. Rates are per region (each region serves them).
 */
export const WorkloadSchema = workloadObject(true).superRefine(boundedRules);

/**
 * A workload whose name is given elsewhere (a datastore file's `metadata.name`): the same fields, bounds and rules
 * without `name`.
 */
export const UnnamedWorkloadSchema = workloadObject(true).omit({ name: true }).superRefine(boundedRules);

function boundedRules(w: Omit<WorkloadShape, "name">, ctx: z.RefinementCtx): void {
  graphOnly(w, ctx);
  // The data the plan is sized for is the data at the horizon: it must stay within the ceiling too.
  const high = isRange(w.datasetGiB) ? w.datasetGiB.high : w.datasetGiB;
  const atHorizon = high + (w.growthGiBPerMonth ?? 0) * w.horizonMonths;
  if (
    w.growthGiBPerMonth !== undefined &&
    w.growthGiBPerMonth <= WORKLOAD_LIMITS.dataGiB &&
    high <= WORKLOAD_LIMITS.dataGiB &&
    atHorizon > WORKLOAD_LIMITS.dataGiB
  ) {
    ctx.addIssue({
      code: "custom",
      path: ["growthGiBPerMonth"],
      message: `takes the data to ${fmt(Math.round(atHorizon))} GiB at the ${w.horizonMonths}-month horizon, beyond 10 PiB (${fmt(WORKLOAD_LIMITS.dataGiB)} GiB) per region, the physical ceiling the portal plans for`,
    });
  }
}

/**
 * A workload as stored by earlier versions: the same contract without the physical ceilings, so rows saved before
 * them (a draft with growth 1e308) still read, show and can be edited. Submitting re-checks with WorkloadSchema.
 */
export const StoredWorkloadSchema = workloadObject(false).superRefine(graphOnly);

/** A workload as given (before defaults): what a form holds and a client sends. */
export type WorkloadInput = z.input<typeof WorkloadSchema>;
/** A validated workload, defaults applied. */
export type Workload = z.output<typeof WorkloadSchema>;

/** Point value of a quantity: the mid of a range. */
export function midOf(q: Quantity): number {
  return typeof q === "number" ? q : q.mid;
}

export function isRange(q: Quantity): q is Range {
  return typeof q !== "number";
}

export function hasRanges(w: Workload): boolean {
  return isRange(w.readsPerSecond) || isRange(w.writesPerSecond) || isRange(w.datasetGiB);
}
