import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { PointDesires, RegionPlan } from "../../../../lib/planner/model";
import { cassandraServiceCosts, sizeCassandra } from "../../../../lib/planner/models/cassandra";
import { graph, graphDataGib, graphStorageDesires, sizeGraphServers, traversalAmplification } from "../../../../lib/planner/models/graph";
import { WorkloadSchema, type WorkloadInput } from "../../../../lib/schemas/workload";
import { desires as baseDesires } from "../../../support/desires";
import { bestOf as best, clusterOfRole as role, shapeNamed as shape, totalCost, usEast1 as hw } from "../../../support/models";

const desires = (over: Partial<PointDesires> = {}): PointDesires =>
  baseDesires({
    accessPattern: "graph",
    readsPerSecond: 1000,
    writesPerSecond: 500,
    readItemBytes: 2048,
    writeItemBytes: 512,
    datasetGiB: 200,
    features: ["traversals"],
    ...over,
  });

function workload(over: Partial<WorkloadInput> = {}) {
  return WorkloadSchema.parse({
    name: "asset-graph",
    tier: 1,
    accessPattern: "graph",
    readsPerSecond: 1000,
    writesPerSecond: 500,
    readItemBytes: 2048,
    writeItemBytes: 512,
    datasetGiB: 200,
    consistency: "read-your-writes",
    durability: "durable",
    regions: ["us-east-1"],
    features: ["traversals", "full-text"],
    traversalDepth: 2,
    fanout: 10,
    ...over,
  });
}

const plan = (d: PointDesires, instanceTypes?: string[], minNodesPerZone?: number): RegionPlan =>
  graph.planRegion(d, hw, { maxCandidates: 4, ...(instanceTypes ? { instanceTypes } : {}), ...(minNodesPerZone ? { minNodesPerZone } : {}) });

describe("graph traversal amplification", () => {
  it("reads 1.4 × 111 vertices for fan-out 10 at depth 3 (1 + 10 + 100 frontier vertices)", () => {
    const a = traversalAmplification(10, 3);
    expect(a.expansions).toBe(111);
    expect(a.factor).toBeCloseTo(1.4 * 111, 10);
    expect(a.cutOff).toBe(false);
  });

  it("reads 1.4 per traversal at depth 1 whatever the fan-out", () => {
    for (const fanout of [0, 0.1, 1, 10, 1000, 10_000]) expect(traversalAmplification(fanout, 1).factor).toBeCloseTo(1.4, 10);
  });

  it("stops expanding after the hop that walks 100k edges", () => {
    // Fan-out 1000: hop 1 walks 1000 edges, hop 2 walks 1 000 000 → hop 2 is the last: 1 + 1000 vertices.
    const wide = traversalAmplification(1000, 3);
    expect(wide).toMatchObject({ expansions: 1001, hops: 2, cutOff: true });
    expect(wide.factor).toBeCloseTo(1.4 * 1001, 10);
    // Fan-out 100, depth 10: hops walk 100, 10 000, 1 000 000 edges → stops after hop 3.
    expect(traversalAmplification(100, 10)).toMatchObject({ expansions: 10_101, hops: 3, cutOff: true });
    // Deeper traversals past the cut-off cost no more.
    expect(traversalAmplification(100, 10).factor).toBe(traversalAmplification(100, 4).factor);
  });

  it("never decreases with depth", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 10_000, noNaN: true }), fc.integer({ min: 1, max: 9 }), (fanout, depth) => {
        expect(traversalAmplification(fanout, depth + 1).factor).toBeGreaterThanOrEqual(traversalAmplification(fanout, depth).factor);
      }),
    );
  });
});

describe("graph storage tier", () => {
  it("sends the amplified reads and 1.5 mutations per write to Cassandra", () => {
    const s = graphStorageDesires(desires({ traversalDepth: 3, fanout: 10 }));
    expect(s.readsPerSecond).toBeCloseTo(1000 * 1.4 * 111, 6);
    expect(s.writesPerSecond).toBe(750);
    expect(s.readCpuMs).toBeUndefined();
  });

  it("stores the data set, or items × 1.5 records × 256 B when that is larger", () => {
    expect(graphDataGib({ datasetGiB: 200 })).toBe(200);
    const items = 2_000_000_000; // 2e9 × 1.5 × 256 B = 715.26 GiB
    expect(graphDataGib({ datasetGiB: 200, itemCount: items })).toBeCloseTo((items * 1.5 * 256) / 1024 ** 3, 6);
    expect(graphDataGib({ datasetGiB: 2000, itemCount: items })).toBe(2000);
  });

  it("is exactly the Cassandra model sized for the graph's desires", () => {
    const d = desires();
    const c = best(plan(d));
    const storage = role(c, "storage");
    const direct = sizeCassandra(graphStorageDesires(d), hw, storage.instance, "storage");
    expect(direct.ok && direct.cluster).toEqual(storage);
    expect(storage.family).toBe("cassandra");
  });

  it("puts storage on the cheapest shape that fits", () => {
    const d = desires();
    const chosen = role(best(plan(d)), "storage");
    const sd = graphStorageDesires(d);
    for (const s of hw.instances.filter((i) => i.lifecycle === "stable" || i.lifecycle === "beta")) {
      const r = sizeCassandra(sd, hw, s, "storage");
      if (r.ok) expect(chosen.computeCost + chosen.driveCost).toBeLessThanOrEqual(r.cluster.computeCost + r.cluster.driveCost);
    }
  });

  it("charges the storage cluster's Cassandra transfer and backup costs", () => {
    const d = desires({ regionCount: 2, crossRegionReplication: true });
    const c = best(plan(d));
    const services = cassandraServiceCosts(graphStorageDesires(d), hw);
    expect(c.networkTransferCost).toBe(services.networkTransfer);
    expect(c.backupCost).toBe(services.backup);
    expect(c.backupCost).toBeGreaterThan(0);
  });
});

describe("graph servers", () => {
  it("puts the graph servers first, then the storage cluster, in every zone", () => {
    const c = best(plan(desires()));
    expect(c.clusters.map((k) => k.role)).toEqual(["graph-server", "storage"]);
    expect(c.clusters.every((k) => k.zones === 3)).toBe(true);
    expect(graph.primaryRole).toBe("graph-server");
  });

  it("runs at least 2 servers per zone for tiers 0 and 1, and 1 for tier 3", () => {
    const light = { readsPerSecond: 1, writesPerSecond: 1 };
    expect(role(best(plan(desires({ ...light, tier: 0 }))), "graph-server").nodesPerZone).toBeGreaterThanOrEqual(2);
    expect(role(best(plan(desires({ ...light, tier: 1 }))), "graph-server").nodesPerZone).toBeGreaterThanOrEqual(2);
    expect(role(best(plan(desires({ ...light, tier: 3 }))), "graph-server").nodesPerZone).toBe(1);
  });

  it("needs more cores for deeper traversals", () => {
    const cores = (traversalDepth: number) => {
      const r = sizeGraphServers(desires({ traversalDepth, readsPerSecond: 5000 }), hw, shape("c7a.4xlarge"));
      return r.ok ? r.cluster.requirements.cpuCores : NaN;
    };
    expect(cores(1)).toBeLessThan(cores(2));
    expect(cores(2)).toBeLessThan(cores(3));
  });

  it("sizes servers at 40% utilisation: sqrt-staffed cores ÷ 0.4", () => {
    // 1000 traversals/s × 1.4 × 11 = 15 400 expansions/s × 0.25 ms + 750 mutations/s × 0.5 ms: a = 4.225;
    // tier 1: ceil(4.225 + 1.761 × √4.225) = ceil(7.845) = 8 cores; ÷ 0.4 = 20; ÷ 3 zones; on c7a (3.7 GHz × 1.95):
    // ceil(20 / 3 × 2.3 / 7.215) = ceil(2.125) = 3 cores per zone.
    const r = sizeGraphServers(desires(), hw, shape("c7a.2xlarge"));
    expect(r.ok && r.cluster.requirements.cpuCores).toBe(3);
  });

  it("rejects shapes below 8 GiB RAM, naming the RAM", () => {
    const r = sizeGraphServers(desires(), hw, shape("c5a.large"));
    expect(r).toMatchObject({ ok: false, code: "too-small" });
    expect(!r.ok && r.reason).toContain("3.81 GiB RAM");
  });

  it("honours a minimum number of servers per zone", () => {
    expect(role(best(plan(desires(), ["m7a.xlarge"], 6)), "graph-server").nodesPerZone).toBe(6);
  });

  it("explains the traversal cost in words", () => {
    const text = best(plan(desires({ traversalDepth: 3, fanout: 1000 }))).explanation.join("\n");
    expect(text).toMatch(/depth 3 and fan-out 1000 → 1\.4 × 1001/);
    expect(text).toMatch(/stopped after hop 2: 100,000 edges walked/);
  });
});

describe("graph limits", () => {
  it("refuses a load no storage shape can serve, saying how many reads it needs", () => {
    // Fan-out 14, depth 5: 1 + 14 + 196 + 2744 + 38 416 = 41 371 expansions (hop 5 crosses 100k edges and is the
    // last) × 1.4 × 10 000 traversals/s = 579 194 000 storage reads/s.
    const p = plan(desires({ readsPerSecond: 10_000, traversalDepth: 5, fanout: 14 }));
    expect(p.candidates).toEqual([]);
    expect(p.warnings.join(" ")).toMatch(/579,194,000 reads\/s .* more than 64 nodes per zone/);
    expect(p.rejected.every((r) => r.reason.startsWith("storage tier: "))).toBe(true);
  });
});

describe("graph assessment", () => {
  it("fits connected data with traversals (digital asset management)", () => {
    const a = graph.assess(workload());
    expect(a.admissible).toBe(true);
    expect(a.score).toBeGreaterThanOrEqual(80);
  });

  it("is inadmissible for linearizable consistency", () => {
    expect(graph.assess(workload({ consistency: "linearizable" })).admissible).toBe(false);
  });

  it("scores non-graph workloads low", () => {
    const a = graph.assess(workload({ accessPattern: "key-value", features: [], traversalDepth: undefined, fanout: undefined }));
    expect(a.score).toBeLessThan(30);
    expect(a.against.length).toBeGreaterThan(0);
  });
});

describe("graph thresholds", () => {
  const c = best(plan(desires()));
  const t = graph.thresholds(desires({ readLatencyP99Ms: 80 }), c.clusters);

  it("alerts on traversal latency, write latency and CPU of the graph servers", () => {
    expect(t.find((x) => x.role === "graph-server" && x.metric === "read-latency-p99")).toMatchObject({ critical: 80 });
    expect(t.find((x) => x.role === "graph-server" && x.metric === "write-latency-p99")).toBeDefined();
    expect(t.find((x) => x.role === "graph-server" && x.metric === "cpu-utilisation")).toBeDefined();
  });

  it("alerts on storage disk at 55% used and on storage latency", () => {
    expect(t.find((x) => x.role === "storage" && x.metric === "disk-used")).toMatchObject({ critical: 55, family: "cassandra" });
    expect(t.find((x) => x.role === "storage" && x.metric === "read-latency-p99")).toBeDefined();
  });
});

describe("graph properties", () => {
  const arbDesires = fc
    .record({
      tier: fc.constantFrom(0 as const, 1 as const, 2 as const, 3 as const),
      // Bounded so the amplified storage reads (≤ 2000 × 1.4 × 421 ≈ 1.2M/s) stay within what Cassandra can serve.
      readsPerSecond: fc.double({ min: 0, max: 2_000, noNaN: true }),
      writesPerSecond: fc.double({ min: 0, max: 20_000, noNaN: true }),
      datasetGiB: fc.double({ min: 0, max: 5_000, noNaN: true }),
      readItemBytes: fc.integer({ min: 64, max: 16_384 }),
      writeItemBytes: fc.integer({ min: 64, max: 16_384 }),
      durability: fc.constantFrom("rebuildable" as const, "durable" as const),
      consistency: fc.constantFrom("eventual" as const, "read-your-writes" as const),
      traversalDepth: fc.integer({ min: 1, max: 3 }),
      fanout: fc.double({ min: 0.5, max: 20, noNaN: true }),
      regionCount: fc.integer({ min: 1, max: 3 }),
      crossRegionReplication: fc.boolean(),
    })
    .map((o) => desires(o));
  const arbType = fc.constantFrom("c7a.2xlarge", "m6i.4xlarge", "r7a.xlarge", "c8a.8xlarge");
  const arbGrowth = fc.constantFrom("readsPerSecond" as const, "writesPerSecond" as const, "datasetGiB" as const);

  it("plans the same workload the same way every time", () => {
    fc.assert(
      fc.property(arbDesires, (d) => {
        expect(plan(d)).toEqual(plan(d));
      }),
      { numRuns: 15 },
    );
  });

  it("always costs more than nothing", () => {
    fc.assert(
      fc.property(arbDesires, (d) => {
        expect(totalCost(best(plan(d)))).toBeGreaterThan(0);
      }),
      { numRuns: 30 },
    );
  });

  it("never shrinks servers, cost or rank on a fixed server shape as reads, writes or data grow", () => {
    fc.assert(
      fc.property(arbDesires, arbType, arbGrowth, fc.double({ min: 1, max: 10, noNaN: true }), (d, type, field, factor) => {
        const a = plan(d, [type]).candidates[0];
        const b = plan({ ...d, [field]: d[field] * factor + 1 }, [type]).candidates[0];
        if (!a) {
          expect(b).toBeUndefined();
          return;
        }
        if (!b) return;
        expect(role(b, "graph-server").nodesPerZone).toBeGreaterThanOrEqual(role(a, "graph-server").nodesPerZone);
        expect(totalCost(b)).toBeGreaterThanOrEqual(totalCost(a) - 0.01);
        expect(b.rank).toBeGreaterThanOrEqual(a.rank - 0.01);
      }),
      { numRuns: 60 },
    );
  });

  it("never sizes tier 0 smaller than tier 3 on a fixed server shape", () => {
    fc.assert(
      fc.property(arbDesires, arbType, (d, type) => {
        const t0 = plan({ ...d, tier: 0 }, [type]).candidates[0];
        const t3 = plan({ ...d, tier: 3 }, [type]).candidates[0];
        if (!t0 || !t3) return;
        expect(role(t0, "graph-server").nodesPerZone).toBeGreaterThanOrEqual(role(t3, "graph-server").nodesPerZone);
        expect(totalCost(t0)).toBeGreaterThanOrEqual(totalCost(t3));
      }),
      { numRuns: 30 },
    );
  });

  it("meets every requirement it sizes for: no resource above 100%", () => {
    fc.assert(
      fc.property(arbDesires, (d) => {
        for (const c of plan(d).candidates) for (const k of c.clusters) for (const u of Object.values(k.utilisation)) expect(u).toBeLessThanOrEqual(1);
      }),
      { numRuns: 30 },
    );
  });
});
