// What the plan display needs from the planner (issue 9 items 6–8): the real sizing driver, floors named; IOPS
// utilisation; and for ranged plans how often each topology falls short across the simulated worlds.
import { describe, expect, it } from "vitest";
import { planWorkload } from "@/lib/planner";
import { CANONICAL_USE_CASES } from "@/lib/planner/examples";
import { PlanRequestSchema, type WorkloadInput } from "@/lib/schemas";

const byId = (id: string) => CANONICAL_USE_CASES.find((c) => c.id === id)!.workload;
const plan = (w: WorkloadInput, alternatives = 4) => planWorkload(PlanRequestSchema.parse({ workload: w, alternatives }));
const tiny: WorkloadInput = {
  ...byId("viewing-history"),
  readsPerSecond: 10,
  writesPerSecond: 10,
  datasetGiB: 1,
  growthGiBPerMonth: 0,
  regions: ["us-east-1"],
};

describe("the sizing driver", () => {
  it("names a tier floor as the floor, not as a resource", () => {
    const p = plan(tiny).plans[0]!;
    expect(p.bottleneck).toBe("minimum");
    expect(p.driver).toEqual({ resource: "minimum", text: "the tier-1 floor of 2 nodes per zone" });
    expect(p.clusters[0]!.driver).toEqual(p.driver);
  });

  it("names the resource when a resource set the size, and agrees with the bottleneck", () => {
    for (const c of CANONICAL_USE_CASES) {
      const p = plan(c.workload).plans[0]!;
      expect(p.driver, c.id).toBeDefined();
      expect(p.driver!.resource).toBe(p.bottleneck);
      if (p.bottleneck !== "minimum") expect(p.driver!.text.length).toBeGreaterThan(2);
    }
  });

  it("names the least-regret size of a ranged plan instead of calling it the minimum cluster size", () => {
    const w = {
      ...byId("viewing-history"),
      readsPerSecond: { low: 10_000, mid: 20_000, high: 40_000 },
      writesPerSecond: { low: 50_000, mid: 100_000, high: 200_000 },
      datasetGiB: { low: 2500, mid: 5000, high: 10_000 },
    };
    const top = plan(w).plans[0]!;
    expect(top.bottleneck).toBe("minimum");
    expect(top.driver!.text).toBe(`the least-regret size across 48 simulated worlds (${top.clusters[0]!.nodesPerZone} per zone)`);
    // The explanation says the same, not "the N nodes per zone asked for".
    expect(top.explanation[0]).toContain(`${top.driver!.text} decides the size`);
    expect(top.explanation.join(" ")).not.toMatch(/asked for/);
  });
});

describe("IOPS utilisation", () => {
  it("is reported for clusters with data disks, and absent for an in-memory cache", () => {
    const cassandra = plan(byId("viewing-history")).plans[0]!;
    expect(cassandra.utilisation.iops).toBeGreaterThan(0);
    expect(cassandra.utilisation.iops).toBeLessThanOrEqual(1);
    const cache = plan({ ...byId("cdn-url"), advanced: { storage: "attached" } }).plans[0]!;
    expect(cache.utilisation.iops).toBeUndefined();
  });
});

describe("ranged plans: how often each plan falls short", () => {
  const ranged: WorkloadInput = {
    ...byId("viewing-history"),
    regions: ["us-east-1"],
    readsPerSecond: { low: 10_000, mid: 20_000, high: 80_000 },
    writesPerSecond: { low: 50_000, mid: 100_000, high: 200_000 },
  };

  it("counts, for every plan, the simulated worlds in which it has too few nodes", () => {
    const r = plan(ranged);
    expect(r.plans.length).toBeGreaterThan(1);
    for (const p of r.plans) {
      expect(p.simulations?.worlds).toBe(r.uncertainty!.simulations);
      expect(p.simulations!.underProvisioned).toBeGreaterThanOrEqual(0);
      expect(p.simulations!.underProvisioned).toBeLessThanOrEqual(p.simulations!.worlds);
    }
  });

  it("says why a cheaper plan ranks below #1: it falls short in more worlds", () => {
    const spread = (v: number) => ({ low: v * 0.5, mid: v, high: v * 2 });
    const queues = byId("delayed-queues");
    const r = plan({ ...queues, readsPerSecond: spread(30_000), writesPerSecond: spread(10_000), datasetGiB: spread(20) });
    const top = r.plans[0]!;
    const cheaper = r.plans.filter((p) => p.annualCost < top.annualCost);
    expect(cheaper.length).toBeGreaterThan(0);
    for (const p of cheaper) expect(p.simulations!.underProvisioned).toBeGreaterThan(top.simulations!.underProvisioned);
    expect(r.uncertainty!.explanation.join(" ")).toMatch(
      new RegExp(`#${cheaper[0]!.rank} is \\$[\\d,]+ cheaper but has too few nodes in ${cheaper[0]!.simulations!.underProvisioned} of 48 worlds`),
    );
  });

  it("point plans carry no simulation counts", () => {
    expect(plan(byId("viewing-history")).plans[0]!.simulations).toBeUndefined();
  });
});
