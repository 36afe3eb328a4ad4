// Helpers for the reference suite: Netflix's service-capacity-modeling (SCM, Apache-2.0) tests, ported. Facts and
// figures come from the upstream tests named in each case; the code here is ours. SCM's `zonal[0].count` is nodes per
// zone (our `nodesPerZone`); `instance.cpu` is vCPU; `plan_certain` for one model is our model's `planRegion` in
// us-east-1.
import { expect } from "vitest";
import type { PricedInstance } from "@/lib/catalog";
import type { SizedCluster } from "@/lib/planner";
import { shapeNamed } from "../../../support/models";

export const UPSTREAM = "Netflix-Skunkworks/service-capacity-modeling";

/** "tests/netflix/test_cassandra.py › TestCassandraThroughput::test_high_write_throughput" */
export const upstream = (file: string, test: string) => `${file} › ${test}`;

/** SCM's normalize_cores: cores of `actual` expressed in cores of `expected` (faster clock × IPC needs fewer). */
export function normalisedCores(actual: PricedInstance, actualCount: number, expected: PricedInstance): number {
  return Math.max(1, Math.ceil((actual.vcpu * actualCount * actual.ghz * actual.ipcScale) / (expected.ghz * expected.ipcScale)));
}

/**
 * SCM's assert_similar_compute: the actual cluster's normalised cores and its annual cost (compute and drives)
 * within `rel` (20% by default) of `count` × `expected`.
 */
export function expectSimilarCompute(
  expectedName: string,
  expectedCount: number,
  actual: SizedCluster,
  opts: { rel?: number; expectedDriveCostPerNode?: number } = {},
) {
  const rel = opts.rel ?? 0.2;
  const expected = shapeNamed(expectedName);
  const cores = normalisedCores(actual.instance, actual.nodesPerZone, expected);
  const expectedCores = expected.vcpu * expectedCount;
  expect(cores, `normalised cores of ${actual.nodesPerZone} × ${actual.instance.name} against ${expectedCount} × ${expectedName}`).toBeGreaterThanOrEqual(
    expectedCores * (1 - rel),
  );
  expect(cores).toBeLessThanOrEqual(expectedCores * (1 + rel));
  const perZone = (actual.computeCost + actual.driveCost) / actual.zones;
  const expectedCost = (expected.annualCost + (opts.expectedDriveCostPerNode ?? 0)) * expectedCount;
  expect(perZone, `cost per zone of ${actual.nodesPerZone} × ${actual.instance.name}`).toBeGreaterThanOrEqual(expectedCost * (1 - rel));
  expect(perZone).toBeLessThanOrEqual(expectedCost * (1 + rel));
}

/** Storage of a zone: nodes × (local drive, or the attached volume). SCM's get_total_storage_gib. */
export function zoneStorageGib(c: SizedCluster): number {
  return c.nodesPerZone * (c.drive?.sizeGib ?? 0);
}
