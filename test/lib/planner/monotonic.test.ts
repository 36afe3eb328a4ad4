// More load must never cost less (issue 8 §2). Checked on whole plans — every region, companions included — as a
// person sees them: raising reads, writes or data never lowers the annual cost of the best plan, whichever shape
// is best before and after (best against best), nor of the best plan on one pinned instance family.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { planWorkload } from "@/lib/planner";
import { FAMILIES, PlanRequestSchema, type Family, type WorkloadInput } from "@/lib/schemas";

const domain: Record<Family, Partial<WorkloadInput>> = {
  evcache: { accessPattern: "key-value", consistency: "best-effort", durability: "rebuildable", readItemBytes: 512, writeItemBytes: 512 },
  // Eventual key-value: the family where an EVCache tier in front is allowed, so both designs are in play.
  cassandra: { accessPattern: "key-value", consistency: "eventual", durability: "durable", readItemBytes: 1024, writeItemBytes: 512 },
  elasticsearch: {
    accessPattern: "search",
    consistency: "eventual",
    durability: "rebuildable",
    features: ["full-text"],
    readItemBytes: 4096,
    writeItemBytes: 2048,
  },
  graph: {
    accessPattern: "graph",
    consistency: "read-your-writes",
    durability: "durable",
    features: ["traversals", "full-text"],
    traversalDepth: 2,
    fanout: 5,
    readItemBytes: 1024,
    writeItemBytes: 1024,
  },
  dynomite: {
    accessPattern: "queue",
    consistency: "eventual",
    durability: "durable",
    features: ["delayed-delivery"],
    readItemBytes: 1024,
    writeItemBytes: 1024,
  },
};

type Field = "readsPerSecond" | "writesPerSecond" | "datasetGiB";
const load = fc.record({
  readsPerSecond: fc.integer({ min: 0, max: 400_000 }),
  writesPerSecond: fc.integer({ min: 0, max: 60_000 }),
  datasetGiB: fc.integer({ min: 1, max: 4_000 }),
  tier: fc.constantFrom(0, 1, 2, 3) as fc.Arbitrary<0 | 1 | 2 | 3>,
  regions: fc.constantFrom(["us-east-1"], ["us-east-1", "eu-west-1"]),
});
const growth = fc.record({
  field: fc.constantFrom<Field>("readsPerSecond", "writesPerSecond", "datasetGiB"),
  factor: fc.double({ min: 1, max: 4, noNaN: true }),
  add: fc.integer({ min: 0, max: 50_000 }),
});

interface Load {
  readsPerSecond: number;
  writesPerSecond: number;
  datasetGiB: number;
  tier: 0 | 1 | 2 | 3;
  regions: readonly string[];
}
function workload(family: Family, l: Load, extra: Partial<WorkloadInput> = {}): WorkloadInput {
  return { name: "grow-test", ...domain[family], ...l, regions: [...l.regions], ...extra } as WorkloadInput;
}
const best = (family: Family, w: WorkloadInput) => planWorkload(PlanRequestSchema.parse({ workload: w, family, alternatives: 1 })).plans[0];

describe.each(FAMILIES)("%s: more load never costs less", (family) => {
  const runs = { numRuns: 30, seed: 8_2026 };

  it("best plan against best plan", () => {
    fc.assert(
      fc.property(load, growth, (l, g) => {
        const small = best(family, workload(family, l));
        const big = best(family, workload(family, { ...l, [g.field]: Math.round(l[g.field] * g.factor + g.add) }));
        if (!small || !big) return; // nothing serves a load: it is out of the family's reach (infinitely dear), not cheaper
        expect(big.annualCost).toBeGreaterThanOrEqual(small.annualCost - 0.01);
      }),
      runs,
    );
  });

  it("on a pinned instance family", () => {
    fc.assert(
      fc.property(load, growth, (l, g) => {
        const free = best(family, workload(family, l));
        if (!free) return;
        const pinned = { advanced: { instanceFamilies: [free.clusters[0]!.instanceType.split(".")[0]!] } };
        const small = best(family, workload(family, l, pinned));
        const big = best(family, workload(family, { ...l, [g.field]: Math.round(l[g.field] * g.factor + g.add) }, pinned));
        if (!small || !big) return; // the family cannot serve the larger load at all: it needs more, not less
        expect(big.annualCost).toBeGreaterThanOrEqual(small.annualCost - 0.01);
      }),
      runs,
    );
  });
});

describe("cassandra with an EVCache tier allowed", () => {
  const kv: WorkloadInput = {
    name: "kv-grow",
    tier: 1,
    accessPattern: "key-value",
    readsPerSecond: 100_000,
    writesPerSecond: 10_000,
    readItemBytes: 1024,
    writeItemBytes: 512,
    datasetGiB: 1000,
    consistency: "eventual",
    durability: "durable",
    regions: ["us-east-1"],
  };
  it.each([undefined, "attached"] as const)("costs more at 200k reads/s than at 100k (storage %s)", (storage) => {
    const adv = storage ? { advanced: { storage } } : {};
    const at100k = best("cassandra", { ...kv, ...adv })!;
    const at200k = best("cassandra", { ...kv, ...adv, readsPerSecond: 200_000 })!;
    expect(at200k.annualCost).toBeGreaterThanOrEqual(at100k.annualCost);
  });
});
