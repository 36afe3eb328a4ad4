import { z } from "zod";
import { isKnownRegion } from "../catalog/regions";

/** A quantity the team is unsure of: low ≤ mid ≤ high. */
export const RangeSchema = z
  .strictObject({
    low: z.number().nonnegative(),
    mid: z.number().nonnegative(),
    high: z.number().nonnegative(),
  })
  .superRefine((r, ctx) => {
    if (r.low > r.mid) ctx.addIssue({ code: "custom", path: ["mid"], message: "mid must be ≥ low" });
    if (r.mid > r.high) ctx.addIssue({ code: "custom", path: ["high"], message: "high must be ≥ mid" });
  });
export type Range = z.infer<typeof RangeSchema>;

/** A non-negative number, or a {low, mid, high} range. */
export const QuantitySchema = z.union([z.number().nonnegative(), RangeSchema]);
export type Quantity = z.infer<typeof QuantitySchema>;

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
  .regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, "must be an AWS region code such as us-east-1")
  .refine(isKnownRegion, "is not a known AWS region");

/** An EC2 instance family such as m6id (the part of an instance type before the dot). */
export const InstanceFamilySchema = z.string().regex(/^[a-z][a-z0-9-]*$/, "must be an instance family such as m6id");

export const AdvancedSchema = z.strictObject({
  /** Mean on-CPU milliseconds per read / write (not a latency SLO); overrides the model's default. */
  readCpuMs: z.number().positive().max(1000).optional(),
  writeCpuMs: z.number().positive().max(1000).optional(),
  /** Forward ratio: 3 means the data takes a third of its logical size on disk. */
  compressionRatio: z.number().min(1).max(20).optional(),
  /** Days a durable store keeps its incremental backups (default 14; 0 prices no backups). */
  backupRetentionDays: z.number().int().min(0).max(365).optional(),
  storage: z.enum(STORAGE_PREFERENCES).optional(),
  /** Restrict the planner to these instance families (e.g. ["i4i", "m6id"]). */
  instanceFamilies: z.array(InstanceFamilySchema).min(1).max(40).optional(),
});

/**
 * The workload a team describes. One schema for the API body, the planner form, OpenAPI and (later) the
 * Pulumi stack config. Strict: unknown keys are an error. Rates are per region (each region serves them).
 */
export const WorkloadSchema = z
  .strictObject({
    name: z
      .string()
      .min(3, "must be at least 3 characters")
      .max(40, "must be at most 40 characters")
      .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "must be lowercase kebab-case (a-z, 0-9 and single dashes)"),
    tier: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)], { error: "must be 0, 1, 2 or 3" }),
    accessPattern: z.enum(ACCESS_PATTERNS),
    readsPerSecond: QuantitySchema,
    writesPerSecond: QuantitySchema,
    readItemBytes: z.number().positive().max(64 * 1024 * 1024),
    writeItemBytes: z.number().positive().max(64 * 1024 * 1024),
    datasetGiB: QuantitySchema,
    itemCount: z.number().int().nonnegative().optional(),
    growthGiBPerMonth: z.number().nonnegative().optional(),
    horizonMonths: z.number().int().min(1).max(120).default(12),
    readLatencyP99Ms: z.number().positive().max(60_000).optional(),
    writeLatencyP99Ms: z.number().positive().max(60_000).optional(),
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
    traversalDepth: z.number().int().min(1).max(10).optional(),
    fanout: z.number().positive().max(10_000).optional(),
    advanced: AdvancedSchema.optional(),
  })
  .superRefine((w, ctx) => {
    if ((w.traversalDepth !== undefined || w.fanout !== undefined) && w.accessPattern !== "graph") {
      const field = w.traversalDepth !== undefined ? "traversalDepth" : "fanout";
      ctx.addIssue({ code: "custom", path: [field], message: "only applies to the graph access pattern" });
    }
  });

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
