import { describe, expect, it } from "vitest";
import { planWorkload } from "@/lib/planner";
import { drawWorlds } from "@/lib/planner/uncertainty";
import { CANONICAL_USE_CASES } from "@/lib/planner/examples";
import { PlanRequestSchema, WorkloadSchema } from "@/lib/schemas";

const viewing = CANONICAL_USE_CASES.find((c) => c.id === "viewing-history")!.workload;
const ranged = WorkloadSchema.parse({
  ...viewing,
  readsPerSecond: { low: 10_000, mid: 20_000, high: 60_000 },
  datasetGiB: { low: 3000, mid: 5000, high: 9000 },
});

describe("planning under uncertainty", () => {
  it("is reproducible: the same ranged workload gives the same plans", () => {
    const a = planWorkload(PlanRequestSchema.parse({ workload: ranged }));
    const b = planWorkload(PlanRequestSchema.parse({ workload: ranged }));
    expect(a).toEqual(b);
    expect(a.uncertainty?.simulations).toBeGreaterThan(10);
  });

  it("draws worlds whose median is near the mid and whose 90% span is near low…high", () => {
    const worlds = drawWorlds(ranged, 400, 7)
      .map((d) => d.readsPerSecond)
      .sort((x, y) => x - y);
    const q = (p: number) => worlds[Math.floor(p * (worlds.length - 1))]!;
    expect(q(0.5)).toBeGreaterThan(17_000);
    expect(q(0.5)).toBeLessThan(23_000);
    expect(q(0.05)).toBeGreaterThan(7_000);
    expect(q(0.95)).toBeLessThan(75_000);
  });

  it("shows the spread of cost, ordered p5 ≤ p50 ≤ p95", () => {
    const r = planWorkload(PlanRequestSchema.parse({ workload: ranged }));
    const s = r.uncertainty!.annualCost;
    expect(s.p5).toBeGreaterThan(0);
    expect(s.p5).toBeLessThanOrEqual(s.p50);
    expect(s.p50).toBeLessThanOrEqual(s.p95);
    expect(s.p95).toBeGreaterThan(s.p5);
  });

  it("never plans a smaller cluster for a range than for its mid alone (under-provisioning is regretted more)", () => {
    const point = planWorkload(PlanRequestSchema.parse({ workload: { ...viewing } }));
    const r = planWorkload(PlanRequestSchema.parse({ workload: ranged }));
    const homeCost = (p: (typeof r.plans)[number]) => p.clusters.filter((c) => c.region === "us-east-1").reduce((s, c) => s + c.annualCost, 0);
    expect(homeCost(r.plans[0]!)).toBeGreaterThanOrEqual(homeCost(point.plans[0]!) * 0.999);
  });

  it("takes the fast deterministic path for point values (no uncertainty block)", () => {
    expect(planWorkload(PlanRequestSchema.parse({ workload: viewing })).uncertainty).toBeUndefined();
  });
});

describe("regret counts what the topology costs, not the world's traffic", () => {
  it("does not choose fewer nodes than the mid values need when transfer dominates the bill (viewing history, ×0.5–×2 ranges)", () => {
    const spread = (v: number) => ({ low: v * 0.5, mid: v, high: v * 2 });
    const w = { ...viewing, readsPerSecond: spread(20_000), writesPerSecond: spread(100_000), datasetGiB: spread(5000) };
    const r = planWorkload(PlanRequestSchema.parse({ workload: w }));
    const [, nodes, type] = /Least regret: (\d+) × (\S+) per zone/.exec(r.uncertainty!.explanation.join(" "))!;
    const mid = planWorkload(PlanRequestSchema.parse({ workload: { ...viewing, advanced: { instanceFamilies: [type!.split(".")[0]!] } } })).plans[0]!;
    const midNodes = mid.clusters.find((c) => c.instanceType === type)?.nodesPerZone ?? 0;
    expect(Number(nodes)).toBeGreaterThanOrEqual(midNodes);
  });
});
