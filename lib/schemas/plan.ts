import { z } from "zod";
import { WorkloadSchema } from "./workload";

export const FAMILIES = ["evcache", "cassandra", "elasticsearch", "graph", "dynomite"] as const;
export const FamilySchema = z.enum(FAMILIES);
export type Family = z.infer<typeof FamilySchema>;

export const FAMILY_TITLES = {
  evcache: "EVCache (memcached)",
  cassandra: "Cassandra (wide-column)",
  elasticsearch: "Elasticsearch (search)",
  graph: "Graph (JanusGraph on Cassandra)",
  dynomite: "Dynomite (Redis queues)",
} as const satisfies Record<Family, string>;

// ── Recommendation ───────────────────────────────────────────────────────────────────────────────
export const CompanionSchema = z.strictObject({
  family: FamilySchema,
  /** What the companion does beside the primary store, e.g. "cache" or "index". */
  role: z.string(),
  reasons: z.array(z.string()),
  /**
   * An optional companion (the EVCache tier in front of Cassandra): the planner prices the design with and without
   * it and keeps the cheaper that meets the SLO. Absent in recommendations stored before it existed (= required).
   */
  optional: z.boolean().optional(),
});
export type Companion = z.infer<typeof CompanionSchema>;

export const RecommendationSchema = z.strictObject({
  family: FamilySchema,
  /** 0–100: how well the family fits; the list is ordered by it. */
  score: z.number().min(0).max(100),
  reasons: z.array(z.string()),
  companions: z.array(CompanionSchema),
  warnings: z.array(z.string()),
});
export type Recommendation = z.infer<typeof RecommendationSchema>;

export const RejectedFamilySchema = z.strictObject({ family: FamilySchema, reasons: z.array(z.string()).min(1) });
export type RejectedFamily = z.infer<typeof RejectedFamilySchema>;

export const RecommendationResultSchema = z.strictObject({
  recommendations: z.array(RecommendationSchema),
  rejected: z.array(RejectedFamilySchema),
  /** Set when no family fits (e.g. linearizable across regions): says so instead of pretending. */
  warnings: z.array(z.string()),
});
export type RecommendationResult = z.infer<typeof RecommendationResultSchema>;

// ── Capacity plan ────────────────────────────────────────────────────────────────────────────────
export const RESOURCES = ["cpu", "memory", "disk", "network", "iops", "minimum"] as const;
export const ResourceSchema = z.enum(RESOURCES);
export type Resource = z.infer<typeof ResourceSchema>;

/**
 * What set a cluster's node count, in words: a resource ("CPU", "disk IOPS"), or a floor (resource "minimum":
 * "the tier-1 floor of 2 nodes per zone", "the least-regret size across 48 simulated worlds"). Absent in plans
 * pinned before it existed; `bottleneck` says the resource there.
 */
export const SizingDriverSchema = z.strictObject({ resource: ResourceSchema, text: z.string() });
export type SizingDriver = z.infer<typeof SizingDriverSchema>;

/** What one zone of a cluster must provide. Cores are in the chosen shape's cores (already normalised). */
export const RequirementsSchema = z.strictObject({
  cpuCores: z.number().nonnegative(),
  memoryGib: z.number().nonnegative(),
  diskGib: z.number().nonnegative(),
  networkMbps: z.number().nonnegative(),
});
export type Requirements = z.infer<typeof RequirementsSchema>;

/** Share of what the zone provides that the requirements use (0–1); 1 − utilisation is headroom. */
export const UtilisationSchema = z.strictObject({
  cpu: z.number().nonnegative(),
  memory: z.number().nonnegative(),
  disk: z.number().nonnegative(),
  network: z.number().nonnegative(),
  /** Disk IO against what the drives give (local NVMe) or were provisioned with (EBS); absent without a data disk. */
  iops: z.number().nonnegative().optional(),
});
export type Utilisation = z.infer<typeof UtilisationSchema>;

export const DrivePlanSchema = z.strictObject({
  kind: z.enum(["local-nvme", "ebs"]),
  type: z.string(),
  sizeGib: z.number().nonnegative(),
  iops: z.number().nonnegative().optional(),
});
export type DrivePlan = z.infer<typeof DrivePlanSchema>;

export const ClusterSchema = z.strictObject({
  region: z.string(),
  /** data, cache, index, master, search, graph-server, storage, queue… */
  role: z.string(),
  family: FamilySchema,
  instanceType: z.string(),
  nodesPerZone: z.number().int().positive(),
  zones: z.number().int().positive(),
  nodes: z.number().int().positive(),
  drive: DrivePlanSchema.optional(),
  annualCost: z.number().nonnegative(),
  requirements: RequirementsSchema,
  utilisation: UtilisationSchema,
  bottleneck: ResourceSchema,
  driver: SizingDriverSchema.optional(),
  /** Provisioning hints: replication factor, heap size, engine settings. */
  params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
});
export type Cluster = z.infer<typeof ClusterSchema>;

export const CostBreakdownSchema = z.strictObject({
  compute: z.number().nonnegative(),
  drives: z.number().nonnegative(),
  networkTransfer: z.number().nonnegative(),
  backup: z.number().nonnegative(),
});
export type CostBreakdown = z.infer<typeof CostBreakdownSchema>;

export const THRESHOLD_METRICS = [
  "read-latency-p99",
  "write-latency-p99",
  "cpu-utilisation",
  "disk-used",
  "memory-used",
  "evictions",
  "jvm-heap-used",
  "cluster-status",
  "queue-depth",
  "queue-oldest-age",
  "replication-lag",
] as const;
export const ThresholdSchema = z.strictObject({
  metric: z.enum(THRESHOLD_METRICS),
  role: z.string(),
  family: FamilySchema,
  comparison: z.enum(["above", "below"]),
  warning: z.number({ error: "must be a number" }).nonnegative("must be 0 or more").optional(),
  critical: z.number({ error: "must be a number" }).nonnegative("must be 0 or more"),
  unit: z.enum(["ms", "percent", "count", "per-second", "seconds", "status"]),
  /** Minutes the condition must hold before the alarm fires. */
  forMinutes: z
    .number({ error: "must be a number" })
    .int("must be a whole number of minutes, 1 or more")
    .positive("must be a whole number of minutes, 1 or more"),
  description: z.string(),
});
export type Threshold = z.infer<typeof ThresholdSchema>;

export const CostSpreadSchema = z.strictObject({ p5: z.number(), p50: z.number(), p95: z.number() });

export const PlanSchema = z.strictObject({
  /** 1 is the recommended plan. */
  rank: z.number().int().positive(),
  family: FamilySchema,
  annualCost: z.number().nonnegative(),
  monthlyCost: z.number().nonnegative(),
  costBreakdown: CostBreakdownSchema,
  /** One entry per role per region; companions included. */
  clusters: z.array(ClusterSchema).min(1),
  /** Per zone, for the primary role in the home region. */
  requirements: RequirementsSchema,
  bottleneck: ResourceSchema,
  /** What set the primary role's node count (absent in plans pinned before it existed). */
  driver: SizingDriverSchema.optional(),
  utilisation: UtilisationSchema,
  /**
   * Ranged workloads: in how many of the simulated worlds this topology has fewer nodes than the world needs
   * (or cannot serve it at all). Absent for point workloads and in plans pinned before it existed.
   */
  simulations: z.strictObject({ worlds: z.number().int().positive(), underProvisioned: z.number().int().nonnegative() }).optional(),
  explanation: z.array(z.string()),
  thresholds: z.array(ThresholdSchema),
  /** Regions whose prices were borrowed: e.g. {region: "eu-west-1", pricedAs: "us-east-1"}. */
  pricing: z.array(z.strictObject({ region: z.string(), pricedAs: z.string(), priceTable: z.string() })),
});
export type Plan = z.infer<typeof PlanSchema>;

export const RejectedShapeSchema = z.strictObject({
  instanceType: z.string(),
  reason: z.string(),
  /** Other sizes of the same instance family rejected for the same reason. */
  similar: z.array(z.string()),
});
export type RejectedShape = z.infer<typeof RejectedShapeSchema>;

export const PlanRequestSchema = z.strictObject({
  workload: WorkloadSchema,
  /** Defaults to the recommended family. */
  family: FamilySchema.optional(),
  /** How many ranked plans to return (the pick plus alternatives). */
  alternatives: z.number().int().min(1).max(10).default(4),
});
export type PlanRequestInput = z.input<typeof PlanRequestSchema>;
export type PlanRequest = z.output<typeof PlanRequestSchema>;

export const UncertaintySchema = z.strictObject({
  simulations: z.number().int().positive(),
  seed: z.number().int(),
  /** Spread of the sample-optimal annual cost across the simulated worlds. */
  annualCost: CostSpreadSchema,
  explanation: z.array(z.string()),
});

export const PlanResultSchema = z.strictObject({
  family: FamilySchema,
  recommended: z.boolean(),
  plans: z.array(PlanSchema),
  rejected: z.array(RejectedShapeSchema),
  warnings: z.array(z.string()),
  /** Present when the workload gave ranges. */
  uncertainty: UncertaintySchema.optional(),
});
export type PlanResult = z.infer<typeof PlanResultSchema>;
