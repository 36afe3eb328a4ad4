import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { PointDesires, RegionPlan } from "../../../../lib/planner/model";
import { elasticsearch, esHeapGib, esIoPerRead, sizeElasticsearchData, ELASTICSEARCH } from "../../../../lib/planner/models/elasticsearch";
import { WorkloadSchema, type WorkloadInput } from "../../../../lib/schemas/workload";
import { desires as baseDesires } from "../../../support/desires";
import { bestOf as best, clusterOfRole as role, shapeNamed as shape, totalCost, usEast1 as hw } from "../../../support/models";

const desires = (over: Partial<PointDesires> = {}): PointDesires =>
  baseDesires({
    accessPattern: "search",
    readsPerSecond: 2000,
    writesPerSecond: 5000,
    readItemBytes: 4096,
    writeItemBytes: 2048,
    datasetGiB: 1024,
    consistency: "eventual",
    features: ["full-text"],
    ...over,
  });

function workload(over: Partial<WorkloadInput> = {}) {
  return WorkloadSchema.parse({
    name: "incident-search",
    tier: 1,
    accessPattern: "search",
    readsPerSecond: 2000,
    writesPerSecond: 5000,
    readItemBytes: 4096,
    writeItemBytes: 2048,
    datasetGiB: 1024,
    consistency: "eventual",
    durability: "rebuildable",
    regions: ["us-east-1"],
    features: ["full-text", "aggregations"],
    ...over,
  });
}

const plan = (d: PointDesires, instanceTypes?: string[], minNodesPerZone?: number): RegionPlan =>
  elasticsearch.planRegion(d, hw, { maxCandidates: 4, ...(instanceTypes ? { instanceTypes } : {}), ...(minNodesPerZone ? { minNodesPerZone } : {}) });

describe("elasticsearch reference check", () => {
  it("sizes 2k searches/s, 5k documents/s and 1 TiB exactly as the reference formulas do by hand", () => {
    const c = best(plan(desires({ compressionRatio: 2 }), ["i4i.4xlarge"]));
    const data = role(c, "data");
    // CPU: a = (2000 × 8 ms + 5000 × 1 ms) / 1000 = 21; sqrt staffing at tier 1: ceil(21 + 1.761 × √21) = ceil(29.07) = 30.
    //      × 1.5 merge headroom = 45 reference cores; ÷ 3 zones = 15; on i4i (3.5 GHz × 1.15 IPC): ceil(15 × 2.3 / 4.025) = 9.
    expect(data.requirements.cpuCores).toBe(9);
    // Disk: ceil(1024 GiB ÷ 2 × 3 copies) = 1536; ÷ 3 zones = 512; × 1.33 = 680.96 GiB per zone.
    expect(data.requirements.diskGib).toBeCloseTo(680.96, 2);
    // Network: ceil((2000 × 4096 + 5000 × 2048) / 125000) = ceil(147.456) = 148; × 2 = 296 Mbps.
    expect(data.requirements.networkMbps).toBe(296);
    // Memory: NVMe p90 (0.165 ms) is far inside the 1/10/100 ms SLO → 1% working set × 512 GiB = 5.12 GiB,
    //         plus heap for 2 s of traffic: 296 × 1.2 / 8 / 1024 × 2 ÷ 3 zones = 0.029 GiB → 5.15 GiB.
    expect(data.requirements.memoryGib).toBeCloseTo(5.15, 2);
  });

  it("builds three node groups (data, master, search), each one autoscaling group in each of the 3 zones: 9 zonal groups", () => {
    const c = best(plan(desires()));
    expect(c.clusters.map((k) => k.role)).toEqual(["data", "master", "search"]);
    expect(c.clusters.every((k) => k.zones === 3 && k.family === "elasticsearch")).toBe(true);
    expect(c.clusters.reduce((n, k) => n + k.zones, 0)).toBe(9);
  });
});

describe("elasticsearch data nodes", () => {
  it("rejects shapes with less than 24 GiB RAM, naming the RAM", () => {
    const r = sizeElasticsearchData(desires(), hw, shape("m6id.xlarge"));
    expect(r).toMatchObject({ ok: false, code: "too-small" });
    expect(!r.ok && r.reason).toContain("15.26 GiB RAM");
  });

  it("rejects EBS-only shapes: data lives on local NVMe only", () => {
    const r = sizeElasticsearchData(desires(), hw, shape("r6a.2xlarge"));
    expect(r).toMatchObject({ ok: false, code: "no-local-disk" });
  });

  it("never recommends a data shape without local NVMe or below 24 GiB RAM", () => {
    for (const c of plan(desires()).candidates) {
      const data = role(c, "data");
      expect(data.instance.localDrive).toBeDefined();
      expect(data.instance.ramGib).toBeGreaterThanOrEqual(24);
    }
  });

  it("gives the JVM half of RAM, capped below 32 GiB for compressed oops", () => {
    expect(esHeapGib(30.52)).toBeCloseTo(15.26);
    expect(esHeapGib(488.28)).toBe(ELASTICSEARCH.maxHeapGib);
    expect(ELASTICSEARCH.maxHeapGib).toBeLessThan(32);
    const data = role(best(plan(desires(), ["i4i.16xlarge"])), "data");
    expect(data.params["elasticsearch.heap.gib"]).toBe(30.5);
  });

  it("keeps 3 copies for durable data and 2 for a rebuildable index, halving nothing else", () => {
    const durable = role(best(plan(desires(), ["i4i.4xlarge"])), "data");
    const rebuildable = role(best(plan(desires({ durability: "rebuildable" }), ["i4i.4xlarge"])), "data");
    expect(durable.params["elasticsearch.copies"]).toBe(3);
    expect(rebuildable.params["elasticsearch.copies"]).toBe(2);
    expect(rebuildable.requirements.diskGib / durable.requirements.diskGib).toBeCloseTo(2 / 3, 2);
  });

  it("holds at most ~8 TiB (× 1.33 buffer) per node even on a 55 TiB drive", () => {
    const d = desires({ datasetGiB: 60_000, readsPerSecond: 10, writesPerSecond: 10 });
    const data = role(best(plan(d, ["i3en.24xlarge"])), "data");
    expect(data.bottleneck).toBe("disk");
    expect(data.nodesPerZone).toBe(Math.ceil(data.requirements.diskGib / (8192 * 1.33)));
  });

  it("rejects a shape that would need more than 40 data nodes per zone (120 per region), naming the limit", () => {
    const r = sizeElasticsearchData(desires({ datasetGiB: 400_000 }), hw, shape("i4i.xlarge"));
    expect(r).toMatchObject({ ok: false, code: "too-many-nodes" });
    expect(!r.ok && r.reason).toMatch(/limit of 40/);
  });

  it("uses 8 ms per full-text search, 20 ms per aggregation and the team's own CPU time when given", () => {
    const cores = (d: PointDesires) => role(best(plan(d, ["i4i.4xlarge"])), "data").requirements.cpuCores;
    const search = cores(desires({ readsPerSecond: 20_000 }));
    const aggregations = cores(desires({ readsPerSecond: 20_000, features: ["full-text", "aggregations"] }));
    const given = cores(desires({ readsPerSecond: 20_000, readCpuMs: 40 }));
    expect(aggregations).toBeGreaterThan(search);
    expect(given).toBeGreaterThan(aggregations);
  });

  it("honours a minimum number of data nodes per zone", () => {
    const data = role(best(plan(desires({ readsPerSecond: 10, writesPerSecond: 10, datasetGiB: 10 }), ["i4i.4xlarge"], 5)), "data");
    expect(data.nodesPerZone).toBe(5);
    expect(data.bottleneck).toBe("minimum");
  });

  it("explains what decided the size in words", () => {
    const [first] = role(best(plan(desires())), "data").explanation;
    expect(first).toMatch(/data nodes per zone × 3 zones .* decides the size\./);
  });
});

describe("elasticsearch masters and search nodes", () => {
  it("runs one dedicated master per zone on the cheapest shape with more than 24 GiB RAM and 2 vCPU", () => {
    const master = role(best(plan(desires())), "master");
    const cheapest = hw.instances
      .filter((s) => (s.lifecycle === "stable" || s.lifecycle === "beta") && s.ramGib > 24 && s.vcpu > 2)
      .sort((a, b) => a.annualCost - b.annualCost)[0];
    expect(master.nodesPerZone).toBe(1);
    expect(master.instance.annualCost).toBe(cheapest?.annualCost);
  });

  it("keeps one search node per zone at low traffic and adds more as searches grow", () => {
    const low = role(best(plan(desires({ readsPerSecond: 100, writesPerSecond: 100 }))), "search");
    const high = role(best(plan(desires({ readsPerSecond: 200_000 }))), "search");
    expect(low.nodesPerZone).toBe(1);
    expect(high.nodesPerZone * high.instance.vcpu).toBeGreaterThan(low.nodesPerZone * low.instance.vcpu);
    expect(high.utilisation.cpu).toBeLessThanOrEqual(1);
  });
});

describe("elasticsearch costs", () => {
  it("charges cross-region replication only when it is asked for across several regions", () => {
    const one = best(plan(desires({ regionCount: 2, crossRegionReplication: false })));
    const ccr = best(plan(desires({ regionCount: 2, crossRegionReplication: true })));
    const single = best(plan(desires({ regionCount: 1, crossRegionReplication: true })));
    expect(ccr.networkTransferCost).toBeGreaterThan(one.networkTransferCost);
    expect(single.networkTransferCost).toBe(one.networkTransferCost);
  });

  it("snapshots durable indices to S3 and not rebuildable ones", () => {
    expect(best(plan(desires())).backupCost).toBeGreaterThan(0);
    expect(best(plan(desires({ durability: "rebuildable" }))).backupCost).toBe(0);
  });

  it("ranks by total annual cost, cheapest first", () => {
    const { candidates } = plan(desires());
    expect(candidates.length).toBeGreaterThan(1);
    for (const c of candidates) expect(c.rank).toBeCloseTo(totalCost(c), 1);
    for (let i = 1; i < candidates.length; i++) expect(candidates[i]!.rank).toBeGreaterThanOrEqual(candidates[i - 1]!.rank);
  });
});

describe("elasticsearch assessment", () => {
  it("fits search with full-text and aggregations (incident tooling, dashboards)", () => {
    const a = elasticsearch.assess(workload());
    expect(a.admissible).toBe(true);
    expect(a.score).toBeGreaterThanOrEqual(80);
  });

  it("is inadmissible for read-your-writes and linearizable as the primary store", () => {
    expect(elasticsearch.assess(workload({ consistency: "read-your-writes" })).admissible).toBe(false);
    expect(elasticsearch.assess(workload({ consistency: "linearizable" })).admissible).toBe(false);
    expect(elasticsearch.assess(workload({ consistency: "eventual" })).admissible).toBe(true);
  });

  it("says it is weaker as the system of record for durable data", () => {
    const a = elasticsearch.assess(workload({ durability: "durable" }));
    expect(a.against.join(" ")).toMatch(/system of record/);
    expect(a.score).toBeLessThan(elasticsearch.assess(workload()).score);
  });

  it("scores a key-value workload low", () => {
    expect(elasticsearch.assess(workload({ accessPattern: "key-value", features: [] })).score).toBeLessThan(30);
  });
});

describe("elasticsearch thresholds", () => {
  const thresholds = elasticsearch.thresholds(desires(), best(plan(desires())).clusters);
  const find = (metric: string) => thresholds.find((t) => t.metric === metric);

  it("alerts on disk at the watermarks: warn 75%, critical 85%", () => {
    expect(find("disk-used")).toMatchObject({ warning: 75, critical: 85, unit: "percent" });
  });

  it("alerts on JVM heap at 75% and 85%", () => {
    expect(find("jvm-heap-used")).toMatchObject({ warning: 75, critical: 85 });
  });

  it("is critical whenever the cluster is not green (status 1 = yellow or worse)", () => {
    const status = find("cluster-status");
    expect(status).toMatchObject({ unit: "status", critical: 1, comparison: "above" });
    expect(status?.description).toMatch(/0 = green, 1 = yellow.*2 = red/);
  });

  it("uses the team's latency SLOs for search and indexing", () => {
    const t = elasticsearch.thresholds(desires({ readLatencyP99Ms: 200, writeLatencyP99Ms: 500 }), []);
    expect(t.find((x) => x.metric === "read-latency-p99")).toMatchObject({ critical: 200, role: "search" });
    expect(t.find((x) => x.metric === "write-latency-p99")).toMatchObject({ critical: 500, role: "data" });
    expect(find("cpu-utilisation")?.critical).toBeLessThanOrEqual(100);
  });
});

describe("elasticsearch properties", () => {
  const arbDesires = fc
    .record({
      tier: fc.constantFrom(0 as const, 1 as const, 2 as const, 3 as const),
      readsPerSecond: fc.double({ min: 0, max: 100_000, noNaN: true }),
      writesPerSecond: fc.double({ min: 0, max: 50_000, noNaN: true }),
      datasetGiB: fc.double({ min: 0, max: 50_000, noNaN: true }),
      readItemBytes: fc.integer({ min: 64, max: 65_536 }),
      writeItemBytes: fc.integer({ min: 64, max: 65_536 }),
      durability: fc.constantFrom("rebuildable" as const, "durable" as const),
      features: fc.constantFrom([] as const, ["full-text"] as const, ["aggregations"] as const),
      regionCount: fc.integer({ min: 1, max: 3 }),
      crossRegionReplication: fc.boolean(),
    })
    .map((o) => desires({ ...o, features: [...o.features] }));
  const arbType = fc.constantFrom("i4i.2xlarge", "m6id.4xlarge", "i3en.6xlarge", "r6id.2xlarge", "i7ie.12xlarge");
  const arbGrowth = fc.constantFrom("readsPerSecond" as const, "writesPerSecond" as const, "datasetGiB" as const);

  it("plans the same workload the same way every time", () => {
    fc.assert(
      fc.property(arbDesires, (d) => {
        expect(plan(d)).toEqual(plan(d));
      }),
      { numRuns: 30 },
    );
  });

  it("always costs more than nothing", () => {
    fc.assert(
      fc.property(arbDesires, (d) => {
        const c = best(plan(d));
        expect(totalCost(c)).toBeGreaterThan(0);
        expect(c.rank).toBeGreaterThan(0);
      }),
      { numRuns: 60 },
    );
  });

  it("never shrinks nodes, cost or rank on a fixed shape as reads, writes or data grow", () => {
    fc.assert(
      fc.property(arbDesires, arbType, arbGrowth, fc.double({ min: 1, max: 10, noNaN: true }), (d, type, field, factor) => {
        const more = { ...d, [field]: d[field] * factor + 1 };
        const a = plan(d, [type]).candidates[0];
        const b = plan(more, [type]).candidates[0];
        if (!a) {
          expect(b).toBeUndefined();
          return;
        }
        if (!b) return; // grew past the 40-per-zone limit: rejected, not smaller
        expect(role(b, "data").nodesPerZone).toBeGreaterThanOrEqual(role(a, "data").nodesPerZone);
        expect(role(b, "master").nodesPerZone).toBe(1);
        // Search nodes may move to a bigger shape with fewer nodes, but never to a cheaper zone.
        for (const r of ["data", "master", "search"]) expect(role(b, r).computeCost).toBeGreaterThanOrEqual(role(a, r).computeCost);
        expect(totalCost(b)).toBeGreaterThanOrEqual(totalCost(a) - 0.01);
        expect(b.rank).toBeGreaterThanOrEqual(a.rank - 0.01);
      }),
      { numRuns: 150 },
    );
  });

  it("never sizes tier 0 smaller than tier 3 on a fixed shape", () => {
    fc.assert(
      fc.property(arbDesires, arbType, (d, type) => {
        const t0 = plan({ ...d, tier: 0 }, [type]).candidates[0];
        const t3 = plan({ ...d, tier: 3 }, [type]).candidates[0];
        if (!t0 || !t3) return;
        expect(role(t0, "data").nodesPerZone).toBeGreaterThanOrEqual(role(t3, "data").nodesPerZone);
        expect(totalCost(t0)).toBeGreaterThanOrEqual(totalCost(t3));
      }),
      { numRuns: 60 },
    );
  });

  it("meets every requirement it sizes for: no resource above 100%", () => {
    fc.assert(
      fc.property(arbDesires, (d) => {
        for (const c of plan(d).candidates) {
          for (const k of c.clusters) for (const u of Object.values(k.utilisation)) expect(u).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 60 },
    );
  });

  it("reads per search grow one level per tenfold more 512 MiB segments", () => {
    expect(esIoPerRead(0.1)).toBe(1);
    expect(esIoPerRead(5)).toBe(2);
    expect(esIoPerRead(512)).toBe(5);
    fc.assert(
      fc.property(fc.double({ min: 0, max: 20_000, noNaN: true }), fc.double({ min: 0, max: 20_000, noNaN: true }), (a, b) => {
        expect(esIoPerRead(Math.max(a, b))).toBeGreaterThanOrEqual(esIoPerRead(Math.min(a, b)));
      }),
    );
  });
});
