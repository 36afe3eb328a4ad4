// Helpers shared by the store-model tests.
import fc from "fast-check";
import { regionHardware, type RegionHardware } from "@/lib/catalog";
import type { PointDesires, RegionCandidate, RegionPlan, StoreModel } from "@/lib/planner";

export const usEast1 = regionHardware("us-east-1");

export function shapeNamed(name: string, hw: RegionHardware = usEast1) {
  const s = hw.instances.find((i) => i.name === name);
  if (!s) throw new Error(`no ${name} in the catalogue`);
  return s;
}

/** The best candidate of a plan; fails the test with the rejections when there is none. */
export function bestOf(p: RegionPlan): RegionCandidate {
  const c = p.candidates[0];
  if (!c)
    throw new Error(
      `no candidate: ${p.rejected
        .map((r) => `${r.instanceType}: ${r.reason}`)
        .slice(0, 5)
        .join("; ")} ${p.warnings.join(" ")}`,
    );
  return c;
}

export function clusterOfRole(c: RegionCandidate, role: string) {
  const cluster = c.clusters.find((k) => k.role === role);
  if (!cluster) throw new Error(`no ${role} cluster`);
  return cluster;
}

export const totalCost = (c: RegionCandidate) => c.clusters.reduce((s, k) => s + k.computeCost + k.driveCost, 0) + c.networkTransferCost + c.backupCost;

/** The model sized on exactly one instance type: its candidate and primary cluster. */
export function onlyOn(model: StoreModel, d: PointDesires, type: string, hw: RegionHardware = usEast1) {
  const p = model.planRegion(d, hw, { maxCandidates: 5, instanceTypes: [type] });
  const candidate = p.candidates[0];
  if (!candidate) throw new Error(`${type} was rejected: ${p.rejected.map((r) => r.reason).join("; ")}`);
  const cluster = candidate.clusters[0];
  if (!cluster) throw new Error("candidate without a cluster");
  return { candidate, cluster };
}

/** Growth of one load field: `grow(d, g)` multiplies it by `factor` and adds `add`, so it never shrinks. */
export const growthArb = fc.record({
  field: fc.constantFrom("readsPerSecond", "writesPerSecond", "datasetGiB") as fc.Arbitrary<"readsPerSecond" | "writesPerSecond" | "datasetGiB">,
  factor: fc.double({ min: 1, max: 10, noNaN: true }),
  add: fc.double({ min: 0, max: 5000, noNaN: true }),
});

export function grow(d: PointDesires, g: { field: "readsPerSecond" | "writesPerSecond" | "datasetGiB"; factor: number; add: number }): PointDesires {
  return { ...d, [g.field]: d[g.field] * g.factor + g.add };
}
