import type { PointDesires } from "@/lib/planner/model";

/** Point desires for model tests: a mid-sized tier-1 key-value workload unless overridden. */
export function desires(overrides: Partial<PointDesires> = {}): PointDesires {
  return {
    tier: 1,
    accessPattern: "key-value",
    readsPerSecond: 20_000,
    writesPerSecond: 5_000,
    readItemBytes: 1024,
    writeItemBytes: 256,
    datasetGiB: 500,
    consistency: "read-your-writes",
    durability: "durable",
    regionCount: 1,
    crossRegionReplication: false,
    features: [],
    traversalDepth: 2,
    fanout: 10,
    storage: "any",
    ...overrides,
  };
}
