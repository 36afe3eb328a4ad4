// Presets for the planner form. The five canonical use cases live with the planner (its acceptance tests
// and benchmark use the same workloads), so the page offers exactly what the planner is tested against.
import { CANONICAL_USE_CASES, type CanonicalUseCase } from "@/lib/planner/examples";
import type { WorkloadInput } from "@/lib/schemas";

export type Preset = CanonicalUseCase;
export const PRESETS: readonly Preset[] = CANONICAL_USE_CASES;

/** What a new form starts with: a modest key-value service, valid so a plan shows straight away. */
export const STARTER_WORKLOAD: WorkloadInput = {
  name: "my-service",
  tier: 2,
  accessPattern: "key-value",
  readsPerSecond: 2_000,
  writesPerSecond: 500,
  readItemBytes: 1_024,
  writeItemBytes: 1_024,
  datasetGiB: 100,
  horizonMonths: 12,
  consistency: "eventual",
  durability: "durable",
  regions: ["us-east-1"],
};
