import { describe, expect, it } from "vitest";
import { planWorkload, recommend, PlannerError } from "@/lib/planner";
import { CANONICAL_USE_CASES } from "@/lib/planner/examples";
import { FAMILIES, PlanRequestSchema, WorkloadSchema, type WorkloadInput } from "@/lib/schemas";

const byId = (id: string) => CANONICAL_USE_CASES.find((c) => c.id === id)!.workload;
const parse = (w: WorkloadInput) => WorkloadSchema.parse(w);

describe("the five canonical Netflix use cases (DESIGN.md §1)", () => {
  it.each(CANONICAL_USE_CASES.map((c) => [c.title, c] as const))("%s → the family shown, with reasons", (_t, c) => {
    const r = recommend(parse(c.workload));
    expect(r.recommendations[0]?.family).toBe(c.expected);
    expect(r.recommendations[0]?.reasons.length).toBeGreaterThan(0);
  });

  it.each(CANONICAL_USE_CASES.map((c) => [c.title, c] as const))("%s → explains why not every other family", (_t, c) => {
    const r = recommend(parse(c.workload));
    const others = FAMILIES.filter((f) => f !== c.expected);
    for (const f of others) {
      const rejected = r.rejected.find((x) => x.family === f);
      const ranked = r.recommendations.find((x) => x.family === f);
      expect(rejected?.reasons.length ?? ranked?.warnings.length ?? 0, `${f} needs a reason against`).toBeGreaterThan(0);
    }
  });

  it.each(CANONICAL_USE_CASES.map((c) => [c.title, c] as const))("%s → a costed plan for the recommended family", (_t, c) => {
    const p = planWorkload(PlanRequestSchema.parse({ workload: c.workload }));
    expect(p.family).toBe(c.expected);
    expect(p.recommended).toBe(true);
    expect(p.plans[0]?.annualCost).toBeGreaterThan(0);
    expect(p.plans[0]?.monthlyCost).toBeCloseTo(p.plans[0]!.annualCost / 12, 1);
    expect(p.plans[0]?.thresholds.length).toBeGreaterThan(0);
  });

  it("adds an Elasticsearch index beside the graph for searchable digital assets", () => {
    const r = recommend(parse(byId("digital-assets")));
    expect(r.recommendations[0]?.companions.map((c) => [c.family, c.role])).toContainEqual(["elasticsearch", "index"]);
    const plan = planWorkload(PlanRequestSchema.parse({ workload: byId("digital-assets") })).plans[0]!;
    expect(plan.clusters.some((c) => c.family === "elasticsearch" && c.role.startsWith("index"))).toBe(true);
  });
});

describe("companions and refusals", () => {
  const kv: WorkloadInput = {
    name: "hot-keys",
    tier: 1,
    accessPattern: "key-value",
    readsPerSecond: 500_000,
    writesPerSecond: 50_000,
    readItemBytes: 1024,
    writeItemBytes: 512,
    datasetGiB: 500,
    consistency: "eventual",
    durability: "durable",
    regions: ["us-east-1"],
  };

  it("puts an EVCache tier in front of Cassandra for very read-heavy eventual key-value work, and sizes Cassandra for the misses", () => {
    const r = recommend(parse(kv));
    expect(r.recommendations[0]?.family).toBe("cassandra");
    expect(r.recommendations[0]?.companions).toContainEqual(expect.objectContaining({ family: "evcache", role: "cache" }));
    const plan = planWorkload(PlanRequestSchema.parse({ workload: kv })).plans[0]!;
    expect(plan.clusters.map((c) => c.role)).toEqual(expect.arrayContaining(["data", "cache"]));
  });

  it("prices Cassandra with and without the cache wherever a cache is allowed, and shows the cheaper design", () => {
    for (const readsPerSecond of [5_000, 50_000, 500_000]) {
      const plan = planWorkload(PlanRequestSchema.parse({ workload: { ...kv, readsPerSecond } })).plans[0]!;
      const line = plan.explanation.find((l) => l.startsWith("Priced with an EVCache cache tier in front"));
      expect(line, `${readsPerSecond} reads/s`).toBeDefined();
      const [withCache, without] = [...line!.matchAll(/\$([\d,]+)/g)].map((m) => Number(m[1]!.replace(/,/g, "")));
      expect(Math.round(plan.annualCost)).toBe(Math.min(withCache!, without!));
      expect(plan.clusters.some((c) => c.role === "cache")).toBe(withCache! < without!);
    }
    // A few reads: the cache does not pay.
    const few = planWorkload(PlanRequestSchema.parse({ workload: { ...kv, readsPerSecond: 5_000 } })).plans[0]!;
    expect(few.clusters.map((c) => c.role)).not.toContain("cache");
  });

  it("plans only the cached design when the read SLO is tighter than Cassandra serves alone, and says what misses cost", () => {
    const plan = planWorkload(PlanRequestSchema.parse({ workload: { ...kv, readsPerSecond: 5_000, readLatencyP99Ms: 0.8 }, family: "cassandra" })).plans[0]!;
    expect(plan.clusters.map((c) => c.role)).toContain("cache");
    expect(plan.explanation.join(" ")).toMatch(/0\.8 ms p99 read SLO is below what cassandra serves alone/);
  });

  it("does not add a cache when the team needs read-your-writes", () => {
    const r = recommend(parse({ ...kv, consistency: "read-your-writes" }));
    expect(r.recommendations[0]?.companions.some((c) => c.role === "cache")).toBe(false);
  });

  it("says plainly that nothing fits linearizable across regions, and planning without a family is refused", () => {
    const w = { ...kv, consistency: "linearizable" as const, regions: ["us-east-1", "eu-west-1"] };
    const r = recommend(parse(w));
    expect(r.recommendations).toEqual([]);
    expect(r.warnings.join(" ")).toMatch(/linearizable/i);
    expect(() => planWorkload(PlanRequestSchema.parse({ workload: w }))).toThrow(PlannerError);
  });

  it("still plans a family the team names, with a warning that it is not recommended", () => {
    const p = planWorkload(PlanRequestSchema.parse({ workload: byId("viewing-history"), family: "elasticsearch" }));
    expect(p.family).toBe("elasticsearch");
    expect(p.recommended).toBe(false);
    expect(p.warnings.join(" ")).toMatch(/not (the )?recommended/);
  });

  it("plans a full cluster in every region and prices replication between them", () => {
    const p = planWorkload(PlanRequestSchema.parse({ workload: byId("viewing-history") })).plans[0]!;
    expect(new Set(p.clusters.map((c) => c.region))).toEqual(new Set(["us-east-1", "eu-west-1"]));
    expect(p.costBreakdown.networkTransfer).toBeGreaterThan(0);
    expect(p.pricing).toEqual([{ region: "eu-west-1", pricedAs: "us-east-1", priceTable: "aws-3yr-reserved" }]);
    expect(p.explanation.join(" ")).toMatch(/Prices: .*eu-west-1.*us-east-1/);
    const single = planWorkload(PlanRequestSchema.parse({ workload: { ...byId("viewing-history"), regions: ["us-east-1"] } })).plans[0]!;
    expect(p.annualCost).toBeGreaterThan(single.annualCost * 1.9);
  });

  it("returns ranked alternatives on different instance families, cheapest rank first", () => {
    const p = planWorkload(PlanRequestSchema.parse({ workload: byId("viewing-history"), alternatives: 4 }));
    expect(p.plans.length).toBe(4);
    expect(p.plans.map((x) => x.rank)).toEqual([1, 2, 3, 4]);
    const families = p.plans.map((x) => x.clusters[0]!.instanceType.split(".")[0]);
    expect(new Set(families).size).toBe(4);
  });

  it("summarises rejected shapes instead of listing hundreds", () => {
    const p = planWorkload(PlanRequestSchema.parse({ workload: byId("viewing-history") }));
    expect(p.rejected.length).toBeGreaterThan(0);
    expect(p.rejected.length).toBeLessThan(120);
    expect(p.rejected.every((r) => r.reason.length > 10)).toBe(true);
  });
});
