// Turns a validated workload into the point desires the models size for.
import { isRange, midOf, type Quantity, type Workload } from "../schemas/workload";
import type { PointDesires } from "./model";
import { GRAPH_DEFAULTS } from "./models/graph";

/** The point desires of a workload, with each ranged quantity replaced by `pick` (the mid by default). */
export function pointDesires(w: Workload, pick: (field: RangedField, q: Quantity) => number = (_f, q) => midOf(q)): PointDesires {
  const dataset = pick("datasetGiB", w.datasetGiB) + (w.growthGiBPerMonth ?? 0) * w.horizonMonths;
  const a = w.advanced;
  return {
    tier: w.tier,
    accessPattern: w.accessPattern,
    readsPerSecond: pick("readsPerSecond", w.readsPerSecond),
    writesPerSecond: pick("writesPerSecond", w.writesPerSecond),
    readItemBytes: w.readItemBytes,
    writeItemBytes: w.writeItemBytes,
    datasetGiB: dataset,
    ...(w.itemCount !== undefined ? { itemCount: w.itemCount } : {}),
    ...(w.readLatencyP99Ms !== undefined ? { readLatencyP99Ms: w.readLatencyP99Ms } : {}),
    ...(w.writeLatencyP99Ms !== undefined ? { writeLatencyP99Ms: w.writeLatencyP99Ms } : {}),
    consistency: w.consistency,
    durability: w.durability,
    regionCount: w.regions.length,
    // Several regions replicate unless the team says each region keeps its own data.
    crossRegionReplication: w.crossRegionReplication ?? w.regions.length > 1,
    features: w.features ?? [],
    traversalDepth: w.traversalDepth ?? GRAPH_DEFAULTS.traversalDepth,
    fanout: w.fanout ?? GRAPH_DEFAULTS.fanout,
    ...(a?.readCpuMs !== undefined ? { readCpuMs: a.readCpuMs } : {}),
    ...(a?.writeCpuMs !== undefined ? { writeCpuMs: a.writeCpuMs } : {}),
    ...(a?.compressionRatio !== undefined ? { compressionRatio: a.compressionRatio } : {}),
    ...(a?.backupRetentionDays !== undefined ? { backupRetentionDays: a.backupRetentionDays } : {}),
    storage: a?.storage ?? "any",
    ...(a?.instanceFamilies ? { instanceFamilies: a.instanceFamilies } : {}),
  };
}

export const RANGED_FIELDS = ["readsPerSecond", "writesPerSecond", "datasetGiB"] as const;
export type RangedField = (typeof RANGED_FIELDS)[number];

export function rangedFields(w: Workload): RangedField[] {
  return RANGED_FIELDS.filter((f) => isRange(w[f]));
}
