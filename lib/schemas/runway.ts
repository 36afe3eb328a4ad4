// Capacity runway and re-plan proposals as the API returns them (GET /api/v1/datastores/{id}/runway and
// …/modernisation): planned → observed → re-planned, with what each proposal would cost.
import { z } from "zod";
import { StoredWorkloadSchema } from "./workload";

export const GrowthBasisSchema = z.enum(["observed", "declared", "none"]);

/** One role's room in one region: how full its disks are, how fast they fill, and the months left. */
export const RoomRunwaySchema = z.strictObject({
  region: z.string(),
  role: z.string(),
  metric: z.literal("disk-used"),
  /** The critical disk-used threshold the runway runs to, percent. */
  thresholdPercent: z.number(),
  usedPercent: z.number().nullable(),
  growthPointsPerMonth: z.number().nullable(),
  /** observed: fitted through whole days of observations; declared: the workload's growth; none: neither. */
  basis: GrowthBasisSchema,
  /** Months until the threshold; 0 when already there; null when never (flat, shrinking, or no growth known). */
  months: z.number().nullable(),
  /** Whether the runway is shorter than the planning horizon. */
  short: z.boolean(),
});
export type RoomRunwayDto = z.infer<typeof RoomRunwaySchema>;

/** Observed peak traffic of the primary role in one region against the plan. */
export const TrafficComparisonSchema = z.strictObject({
  region: z.string(),
  role: z.string(),
  metric: z.enum(["reads-per-second", "writes-per-second"]),
  planned: z.number(),
  /** The highest observation in the window (null: no data yet). */
  observedPeak: z.number().nullable(),
  /** (observed − planned) / planned; null when nothing was planned or observed. */
  departure: z.number().nullable(),
  departs: z.boolean(),
});
export type TrafficComparisonDto = z.infer<typeof TrafficComparisonSchema>;

/** A datastore's shape and cost, now or after a proposal. */
export const ShapeCostSchema = z.strictObject({
  instanceType: z.string(),
  nodes: z.number().int().nonnegative(),
  monthlyCost: z.number().nonnegative(),
  annualCost: z.number().nonnegative(),
});

export type ShapeCost = z.infer<typeof ShapeCostSchema>;

export const CostDeltaSchema = z.strictObject({ monthly: z.number(), annual: z.number() });

/** What a proposal would do: the workload the day-2 change sends, the plan it makes, and its cost against now. */
const ProposalBase = z.strictObject({
  /** Why it is proposed, one sentence each. */
  reasons: z.array(z.string()).min(1),
  /** The workload to send as the day-2 change's (the change page opens with it). */
  workload: StoredWorkloadSchema,
  current: ShapeCostSchema,
  /** The re-planned shape; null when the planner cannot plan the workload for this family (planError says why). */
  proposed: ShapeCostSchema.nullable(),
  costDelta: CostDeltaSchema.nullable(),
  planError: z.string().nullable(),
});

export const ReplanProposalSchema = ProposalBase.extend({
  /** The observed figures the workload carries, and the basis of its growth. */
  observed: z.strictObject({
    readsPerSecond: z.number().nullable(),
    writesPerSecond: z.number().nullable(),
    datasetGiB: z.number().nullable(),
    growthGiBPerMonth: z.number().nullable(),
    growthBasis: GrowthBasisSchema,
  }),
});
export type ReplanProposalDto = z.infer<typeof ReplanProposalSchema>;

export const RunwaySchema = z.strictObject({
  datastoreId: z.string(),
  /** Where the figures come from: CloudWatch, or the simulation (PROVISIONER=simulated). */
  source: z.enum(["aws", "simulated"]),
  window: z.strictObject({ from: z.iso.datetime(), to: z.iso.datetime(), periodSeconds: z.number().int().positive() }),
  horizonMonths: z.number().int().positive(),
  rooms: z.array(RoomRunwaySchema),
  traffic: z.array(TrafficComparisonSchema),
  /** Set when observed load departs from the plan by more than 25% or a runway is shorter than the horizon. */
  proposal: ReplanProposalSchema.nullable(),
});
export type RunwayDto = z.infer<typeof RunwaySchema>;

export const InstanceGenerationSchema = z.enum(["current", "previous"]);

export const ModernisationProposalSchema = ProposalBase.extend({
  /** The current-generation primary instance type the change moves to. */
  instanceType: z.string(),
});
export type ModernisationProposalDto = z.infer<typeof ModernisationProposalSchema>;

export const ModernisationSchema = z.strictObject({
  datastoreId: z.string(),
  /** Every cluster's instance type and its generation (lib/catalog/instance-generation.ts). */
  clusters: z.array(z.strictObject({ region: z.string(), role: z.string(), instanceType: z.string(), generation: InstanceGenerationSchema })),
  /** Set when a cluster runs a previous-generation shape and a current one can serve the same workload. */
  proposal: ModernisationProposalSchema.nullable(),
  /** Why there is no proposal (every shape current, or no current shape serves the workload). */
  note: z.string().nullable(),
});
export type ModernisationDto = z.infer<typeof ModernisationSchema>;
