// Properties every store model must hold, checked with fast-check over random workloads.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { MODELS } from "@/lib/planner";
import type { PointDesires, RegionCandidate } from "@/lib/planner";
import { FAMILIES, type Family } from "@/lib/schemas";
import { desires } from "../../support/desires";
import { totalCost as cost, usEast1 as hw } from "../../support/models";

/** A workload each family is meant for, so the property speaks about the family's real domain. */
const domain: Record<Family, Partial<PointDesires>> = {
  evcache: { accessPattern: "key-value", consistency: "best-effort", durability: "rebuildable", readItemBytes: 512, writeItemBytes: 512 },
  cassandra: { accessPattern: "time-series", consistency: "read-your-writes", durability: "durable" },
  elasticsearch: { accessPattern: "search", consistency: "eventual", durability: "rebuildable", features: ["full-text"] },
  graph: { accessPattern: "graph", consistency: "read-your-writes", durability: "durable", features: ["traversals"], traversalDepth: 2, fanout: 5 },
  dynomite: { accessPattern: "queue", consistency: "eventual", durability: "durable", features: ["delayed-delivery", "priorities"] },
};

const load = fc.record({
  readsPerSecond: fc.integer({ min: 0, max: 60_000 }),
  writesPerSecond: fc.integer({ min: 0, max: 20_000 }),
  datasetGiB: fc.integer({ min: 1, max: 2_000 }),
  tier: fc.constantFrom(0, 1, 2, 3) as fc.Arbitrary<0 | 1 | 2 | 3>,
});
const growth = fc.record({
  field: fc.constantFrom("readsPerSecond", "writesPerSecond", "datasetGiB") as fc.Arbitrary<"readsPerSecond" | "writesPerSecond" | "datasetGiB">,
  factor: fc.double({ min: 1, max: 4, noNaN: true }),
});

/** Nodes of the primary role: the one `instanceTypes` pins (other roles may move to another shape as load grows). */
const nodes = (c: RegionCandidate) => c.clusters[0]!.nodesPerZone * c.clusters[0]!.zones;
const best = (family: Family, d: PointDesires, instanceTypes?: string[]) =>
  MODELS[family].planRegion(d, hw, { maxCandidates: 1, ...(instanceTypes ? { instanceTypes } : {}) }).candidates[0];

describe.each(FAMILIES)("%s model properties", (family) => {
  const make = (l: Partial<PointDesires>) => desires({ ...domain[family], ...l });
  const runs = { numRuns: 40, seed: 424242 };

  it("is deterministic", () => {
    fc.assert(
      fc.property(load, (l) => {
        const d = make(l);
        expect(MODELS[family].planRegion(d, hw, { maxCandidates: 3 })).toEqual(MODELS[family].planRegion(make(l), hw, { maxCandidates: 3 }));
      }),
      { ...runs, numRuns: 15 },
    );
  });

  it("always finds a plan, and it costs more than nothing", () => {
    fc.assert(
      fc.property(load, (l) => {
        const c = best(family, make(l));
        expect(c).toBeDefined();
        expect(cost(c!)).toBeGreaterThan(0);
      }),
      runs,
    );
  });

  it("never needs fewer nodes or less money on one instance type when load or data grow", () => {
    fc.assert(
      fc.property(load, growth, (l, g) => {
        const small = make(l);
        const big = make({ ...l, [g.field]: l[g.field] * g.factor });
        const base = best(family, small);
        if (!base) return;
        const type = base.clusters[0]!.instance.name;
        const grown = best(family, big, [type]);
        if (!grown) return; // the type cannot serve the larger load at all: it needs more, not less
        expect(nodes(grown)).toBeGreaterThanOrEqual(nodes(base));
        expect(cost(grown)).toBeGreaterThanOrEqual(cost(base) - 0.01);
      }),
      runs,
    );
  });

  it("never ranks the best plan cheaper when load or data grow", () => {
    fc.assert(
      fc.property(load, growth, (l, g) => {
        const a = best(family, make(l));
        const b = best(family, make({ ...l, [g.field]: l[g.field] * g.factor }));
        if (!a || !b) return;
        expect(b.rank).toBeGreaterThanOrEqual(a.rank - 0.01);
      }),
      runs,
    );
  });

  it("never builds a tier-0 cluster smaller than the tier-3 cluster on the same instance type", () => {
    fc.assert(
      fc.property(load, (l) => {
        const t3 = best(family, make({ ...l, tier: 3 }));
        if (!t3) return;
        const t0 = best(family, make({ ...l, tier: 0 }), [t3.clusters[0]!.instance.name]);
        if (!t0) return;
        expect(nodes(t0)).toBeGreaterThanOrEqual(nodes(t3));
      }),
      runs,
    );
  });

  it("meets its own requirements: no resource of any cluster planned above 100%", () => {
    fc.assert(
      fc.property(load, (l) => {
        const plan = MODELS[family].planRegion(make(l), hw, { maxCandidates: 3 });
        for (const c of plan.candidates) {
          for (const k of c.clusters) {
            for (const [resource, u] of Object.entries(k.utilisation)) {
              expect(u, `${k.role} ${k.instance.name} ${resource}`).toBeLessThanOrEqual(1);
            }
            expect(k.nodesPerZone).toBeGreaterThanOrEqual(1);
          }
        }
      }),
      runs,
    );
  });
});
