import { describe, expect, it } from "vitest";
import fc from "fast-check";
import type { RegionHardware } from "@/lib/catalog";
import type { PointDesires, RegionPlan } from "@/lib/planner/model";
import { EVCACHE, EVCACHE_DEFAULTS, evcache, evcacheReadCpuMs, evcacheStorage, evcacheTransferCost } from "@/lib/planner/models/evcache";
import { gibPerYear } from "@/lib/planner/kernel/staffing";
import { WorkloadSchema, type WorkloadInput } from "@/lib/schemas/workload";
import { desires as baseDesires } from "../../../support/desires";
import { grow, growthArb, onlyOn, shapeNamed as shape, usEast1 as hw } from "../../../support/models";

/** A tier-1 key-value cache workload: 100k reads/s, 10k writes/s, 10 GiB of 1 KiB items, unless overridden. */
const desires = (overrides: Partial<PointDesires> = {}): PointDesires =>
  baseDesires({
    readsPerSecond: 100_000,
    writesPerSecond: 10_000,
    writeItemBytes: 512,
    datasetGiB: 10,
    consistency: "best-effort",
    durability: "rebuildable",
    traversalDepth: 1,
    fanout: 1,
    ...overrides,
  });

function plan(d: PointDesires, instanceTypes?: string[], h: RegionHardware = hw): RegionPlan {
  return evcache.planRegion(d, h, { maxCandidates: 5, ...(instanceTypes ? { instanceTypes } : {}) });
}

const only = (d: PointDesires, type: string, h: RegionHardware = hw) => onlyOn(evcache, d, type, h);

function workload(overrides: Partial<WorkloadInput> = {}) {
  return WorkloadSchema.parse({
    name: "cdn-urls",
    tier: 1,
    accessPattern: "key-value",
    readsPerSecond: 500_000,
    writesPerSecond: 5_000,
    readItemBytes: 300,
    writeItemBytes: 300,
    datasetGiB: 50,
    readLatencyP99Ms: 1,
    consistency: "best-effort",
    durability: "rebuildable",
    regions: ["us-east-1"],
    ...overrides,
  });
}

describe("evcache worked example (reference §7.2)", () => {
  const example = desires({ readCpuMs: 1 });

  it("reproduces 13 × m8i.xlarge per zone × 3 zones = $28,550.73/yr for 100k reads/s at 1 ms and 10k writes/s", () => {
    const { candidate, cluster } = only(example, "m8i.xlarge");
    expect(cluster.requirements.cpuCores).toBe(50);
    expect(cluster.nodesPerZone).toBe(13);
    expect(cluster.zones).toBe(3);
    expect(cluster.computeCost).toBe(28550.73);
    expect(cluster.bottleneck).toBe("cpu");
    // Rank is the cost: compute plus the cross-zone transfer of the sets (which the reference does not price).
    expect(candidate.networkTransferCost).toBeGreaterThan(0);
    expect(candidate.rank).toBeCloseTo(28550.73 + candidate.networkTransferCost, 2);
    expect(cluster.explanation[1]).toContain("118 reference cores");
  });

  it("finds an unrestricted best plan no more expensive than the worked example", () => {
    const best = plan(example).candidates[0];
    expect(best).toBeDefined();
    expect(best!.rank - best!.networkTransferCost).toBeLessThanOrEqual(28550.73);
    expect(best!.clusters[0]!.computeCost).toBeLessThanOrEqual(28550.73);
  });
});

describe("evcache sizing", () => {
  it("sizes every zone for the full regional read rate instead of dividing it by zones", () => {
    const oneZone: RegionHardware = { ...hw, zones: 1 };
    const three = only(desires({ readCpuMs: 1 }), "m8i.xlarge").cluster;
    const one = only(desires({ readCpuMs: 1 }), "m8i.xlarge", oneZone).cluster;
    expect(three.nodesPerZone).toBe(one.nodesPerZone);
    expect(three.requirements).toEqual(one.requirements);
    expect(three.computeCost).toBeCloseTo(one.computeCost * 3, 2);
  });

  it("defaults read CPU time to the reference's logistic curve of read size", () => {
    const points: [number, number][] = [
      [32, 0.012],
      [200, 0.038],
      [1024, 0.067],
      [24 * 1024, 0.139],
      [40 * 1024, 0.153],
    ];
    for (const [bytes, ms] of points) expect(Math.abs(evcacheReadCpuMs(bytes) - ms) / ms).toBeLessThan(0.03);
    for (let b = 1; b < 1 << 22; b *= 2) expect(evcacheReadCpuMs(b * 2)).toBeGreaterThanOrEqual(evcacheReadCpuMs(b));
    expect(evcacheReadCpuMs(1)).toBeGreaterThanOrEqual(EVCACHE_DEFAULTS.writeCpuMs);
  });

  it("charges 0.01 ms per write by default and lets the team override read and write CPU time", () => {
    const base = only(desires({ readsPerSecond: 0, writesPerSecond: 1_000_000 }), "m8i.xlarge").cluster;
    expect(base.explanation[1]).toContain("× 0.01 ms");
    const heavier = only(desires({ readsPerSecond: 0, writesPerSecond: 1_000_000, writeCpuMs: 0.05 }), "m8i.xlarge").cluster;
    expect(heavier.nodesPerZone).toBeGreaterThan(base.nodesPerZone);
    const cheapReads = only(desires({ readCpuMs: 0.001 }), "m8i.xlarge").cluster;
    expect(cheapReads.nodesPerZone).toBeLessThan(13);
  });

  it("keeps a small data set of items over 200 B entirely in RAM, even on a shape with local NVMe", () => {
    const s = evcacheStorage(desires({ datasetGiB: 100, readItemBytes: 1024 }), shape("i4i.xlarge"));
    expect(s).toMatchObject({ mode: "memory", memoryGib: 100, diskGib: 0 });
    const { cluster } = only(desires({ datasetGiB: 100 }), "i4i.xlarge");
    expect(cluster.drive).toBeUndefined();
    expect(cluster.params["evcache.storage"]).toBe("memory");
  });

  it("puts a large data set on extstore (local NVMe) and keeps only the hot share in RAM", () => {
    const s = evcacheStorage(desires({ datasetGiB: 5000 }), shape("i4i.xlarge"));
    expect(s.mode).toBe("extstore");
    expect(s.diskGib).toBe(5000);
    expect(s.workingSet).toBeGreaterThan(0);
    expect(s.workingSet).toBeLessThan(0.1);
    expect(s.memoryGib).toBeCloseTo(5000 * s.workingSet, 6);
    const { cluster } = only(desires({ datasetGiB: 5000 }), "i4i.xlarge");
    expect(cluster.drive?.kind).toBe("local-nvme");
    expect(cluster.explanation[2]).toMatch(/extstore/);
  });

  it("uses extstore for small items (200 B or less) whatever the data set's size", () => {
    expect(evcacheStorage(desires({ datasetGiB: 5, readItemBytes: 100 }), shape("i4i.xlarge")).mode).toBe("extstore");
  });

  it("never plans less RAM just past the 110 GiB extstore threshold than just before it", () => {
    const i4i = shape("i4i.xlarge");
    const before = evcacheStorage(desires({ datasetGiB: 109.9 }), i4i);
    const after = evcacheStorage(desires({ datasetGiB: 110 }), i4i);
    expect(before.mode).toBe("memory");
    expect(after.mode).toBe("extstore");
    expect(after.memoryGib).toBeGreaterThanOrEqual(before.memoryGib);
    expect(only(desires({ datasetGiB: 110 }), "i4i.xlarge").cluster.nodesPerZone).toBeGreaterThanOrEqual(
      only(desires({ datasetGiB: 109.9 }), "i4i.xlarge").cluster.nodesPerZone,
    );
  });

  it("holds everything in RAM on shapes without local NVMe, or when the team asks for attached storage only", () => {
    expect(evcacheStorage(desires({ datasetGiB: 5000 }), shape("r7i.2xlarge"))).toMatchObject({ mode: "memory", memoryGib: 5000, diskGib: 0 });
    expect(evcacheStorage(desires({ datasetGiB: 5000, storage: "attached" }), shape("i4i.xlarge")).mode).toBe("memory");
  });

  it("lets memory decide the size when the data set outgrows the CPU need", () => {
    const { cluster } = only(desires({ readsPerSecond: 1000, writesPerSecond: 100, datasetGiB: 100 }), "m8i.xlarge");
    expect(cluster.bottleneck).toBe("memory");
    expect(cluster.nodesPerZone).toBe(Math.ceil(100 / (15.26 - 4)));
    expect(cluster.explanation[0]).toMatch(/memory decides the size/);
  });

  it("caps extstore data at 2 TiB per node even on larger drives", () => {
    const big = shape("m8id.16xlarge");
    expect(big.localDrive!.sizeGib).toBeGreaterThan(EVCACHE.maxExtstoreGibPerNode);
    const { cluster } = only(desires({ readsPerSecond: 1000, writesPerSecond: 100, datasetGiB: 20_480, readItemBytes: 100 }), big.name);
    expect(cluster.nodesPerZone).toBe(Math.ceil(20_480 / EVCACHE.maxExtstoreGibPerNode));
    expect(cluster.bottleneck).toBe("disk");
  });

  it("keeps at least 2 nodes per zone for tiers 0 and 1, and 1 for tiers 2 and 3", () => {
    const tiny = { readsPerSecond: 10, writesPerSecond: 1, datasetGiB: 1 };
    for (const tier of [0, 1] as const) {
      const c = only(desires({ ...tiny, tier }), "r7i.xlarge").cluster;
      expect(c.nodesPerZone).toBe(2);
      expect(c.bottleneck).toBe("minimum");
      expect(c.explanation[0]).toContain(`tier-${tier} floor of 2 nodes`);
    }
    for (const tier of [2, 3] as const) expect(only(desires({ ...tiny, tier }), "r7i.xlarge").cluster.nodesPerZone).toBe(1);
  });

  it("rejects shapes with fewer than 2 vCPU or less than 12 GiB RAM, naming the numbers", () => {
    const p = plan(desires(), ["m8i.large", "r7a.medium", "m8i.xlarge"]);
    const byType = new Map(p.rejected.map((r) => [r.instanceType, r]));
    expect(byType.get("m8i.large")).toMatchObject({ code: "too-small" });
    expect(byType.get("m8i.large")!.reason).toContain("7.63 GiB");
    expect(byType.get("r7a.medium")!.reason).toContain("1 vCPU");
    expect(byType.has("m8i.xlarge")).toBe(false);
  });

  it("rejects a shape that would need more than 10000 ÷ 3 nodes per zone, as a value with the count", () => {
    const p = plan(desires({ readsPerSecond: 500_000_000, readCpuMs: 1 }), ["m8i.xlarge"]);
    expect(p.candidates).toHaveLength(0);
    expect(p.rejected[0]).toMatchObject({ instanceType: "m8i.xlarge", code: "too-many-nodes" });
    expect(p.rejected[0]!.reason).toContain("3333");
  });

  it("charges cross-zone transfer for every set the client sends to the other zones' copies", () => {
    const d = desires({ crossRegionReplication: false, regionCount: 1 });
    expect(evcacheTransferCost(d, hw)).toBeCloseTo(0.02 * gibPerYear(10_000, 512) * (hw.zones - 1), 1);
  });

  it("charges cross-region transfer only when sets are replicated to other regions", () => {
    const crossZone = 0.02 * gibPerYear(10_000, 512) * (hw.zones - 1);
    expect(evcacheTransferCost(desires({ crossRegionReplication: false, regionCount: 3 }), hw)).toBeCloseTo(crossZone, 1);
    expect(evcacheTransferCost(desires({ crossRegionReplication: true, regionCount: 1 }), hw)).toBeCloseTo(crossZone, 1);
    const d = desires({ crossRegionReplication: true, regionCount: 3 });
    const expected = crossZone + 0.02 * gibPerYear(10_000, 512) * (2 / 3);
    expect(evcacheTransferCost(d, hw)).toBeCloseTo(expected, 1);
    const c = plan(d, ["m8i.xlarge"]).candidates[0]!;
    expect(c.networkTransferCost).toBeCloseTo(expected, 1);
    expect(c.clusters[0]!.params["evcache.replication.cross-region"]).toBe("sets");
  });

  it("ranks by cost alone, with no backup cost and no under-spread penalty", () => {
    const p = plan(desires({ crossRegionReplication: true, regionCount: 2, datasetGiB: 800 }));
    expect(p.candidates.length).toBeGreaterThan(1);
    for (const c of p.candidates) {
      expect(c.backupCost).toBe(0);
      const cl = c.clusters[0]!;
      expect(c.rank).toBeCloseTo(cl.computeCost + cl.driveCost + c.networkTransferCost, 6);
    }
    for (let i = 1; i < p.candidates.length; i++) expect(p.candidates[i]!.rank).toBeGreaterThanOrEqual(p.candidates[i - 1]!.rank);
  });

  it("warns when asked for consistency or durability EVCache cannot give", () => {
    expect(plan(desires()).warnings).toEqual([]);
    const w = plan(desires({ consistency: "eventual", durability: "durable" })).warnings.join(" ");
    expect(w).toMatch(/best-effort/);
    expect(w).toMatch(/store of record/);
  });
});

describe("evcache assess", () => {
  it("fits a sub-millisecond, very high-throughput key-value cache of small rebuildable items", () => {
    const a = evcache.assess(workload());
    expect(a.admissible).toBe(true);
    expect(a.score).toBeGreaterThanOrEqual(80);
    expect(a.against).toEqual([]);
    expect(a.reasons.join(" ")).toMatch(/1 ms p99/);
  });

  it("is inadmissible as the only store when consistency is stronger than best-effort, and says it can still cache", () => {
    for (const consistency of ["eventual", "read-your-writes", "linearizable"] as const) {
      const a = evcache.assess(workload({ consistency }));
      expect(a.admissible).toBe(false);
      const text = a.against.join(" ");
      expect(text).toContain("best-effort");
      expect(text).toContain(consistency);
      expect(text).toMatch(/cache/);
    }
  });

  it("is inadmissible for durable data and points to a store of record", () => {
    const a = evcache.assess(workload({ durability: "durable" }));
    expect(a.admissible).toBe(false);
    expect(a.against.join(" ")).toMatch(/store of record/);
  });

  it("is inadmissible for search, graph and queue access and weak for time-series", () => {
    for (const accessPattern of ["search", "queue"] as const) expect(evcache.assess(workload({ accessPattern })).admissible).toBe(false);
    const ts = evcache.assess(workload({ accessPattern: "time-series" }));
    expect(ts.score).toBeLessThan(evcache.assess(workload()).score);
    expect(ts.against.join(" ")).toMatch(/range scans/);
  });

  it("counts query features and huge items against it", () => {
    const base = evcache.assess(workload()).score;
    expect(evcache.assess(workload({ features: ["secondary-indexes"] })).score).toBeLessThan(base);
    const big = evcache.assess(workload({ readItemBytes: 2 * 1024 * 1024 }));
    expect(big.against.join(" ")).toMatch(/1 MiB/);
  });
});

describe("evcache thresholds", () => {
  it("alerts on p99 read latency at the SLO, CPU, memory used and evictions per second", () => {
    const d = desires();
    const { cluster } = only(d, "m8i.xlarge");
    const t = evcache.thresholds(d, [cluster]);
    const by = new Map(t.map((x) => [x.metric, x]));
    expect([...by.keys()].sort()).toEqual(["cpu-utilisation", "evictions", "memory-used", "read-latency-p99"]);
    expect(by.get("read-latency-p99")).toMatchObject({ critical: 1, warning: 0.8, unit: "ms", role: "cache", family: "evcache" });
    expect(by.get("evictions")).toMatchObject({ unit: "per-second", warning: 10, critical: 100 });
    expect(evcache.thresholds(desires({ readLatencyP99Ms: 2 }), [cluster]).find((x) => x.metric === "read-latency-p99")!.critical).toBe(2);
  });
});

// ── Properties ─────────────────────────────────────────────────────────────────────────────────
const FIXED_TYPES = ["m8i.xlarge", "i4i.xlarge", "i3en.large", "r7i.2xlarge", "m8id.xlarge"] as const;

const desiresArb = fc
  .record({
    tier: fc.constantFrom(0, 1, 2, 3) as fc.Arbitrary<0 | 1 | 2 | 3>,
    readsPerSecond: fc.double({ min: 0, max: 3_000_000, noNaN: true }),
    writesPerSecond: fc.double({ min: 0, max: 500_000, noNaN: true }),
    readItemBytes: fc.integer({ min: 1, max: 200_000 }),
    writeItemBytes: fc.integer({ min: 1, max: 200_000 }),
    datasetGiB: fc.double({ min: 0, max: 30_000, noNaN: true }),
    storage: fc.constantFrom("any", "local", "attached") as fc.Arbitrary<PointDesires["storage"]>,
    crossRegionReplication: fc.boolean(),
    regionCount: fc.integer({ min: 1, max: 4 }),
    readLatencyP99Ms: fc.option(fc.double({ min: 0.2, max: 20, noNaN: true }), { nil: undefined }),
  })
  .map((o) => {
    const { readLatencyP99Ms, ...rest } = o;
    return desires({ ...rest, ...(readLatencyP99Ms !== undefined ? { readLatencyP99Ms } : {}) });
  });

function total(p: RegionPlan): number | undefined {
  const c = p.candidates[0];
  return c ? c.clusters[0]!.computeCost + c.clusters[0]!.driveCost + c.networkTransferCost + c.backupCost : undefined;
}

describe("evcache properties", () => {
  it("is deterministic: the same desires give the same plan", () => {
    fc.assert(
      fc.property(desiresArb, (d) => {
        expect(plan(d, [...FIXED_TYPES])).toEqual(plan(d, [...FIXED_TYPES]));
      }),
      { numRuns: 40 },
    );
  });

  it("never decreases nodes per zone or cost on a fixed instance type as reads, writes or data grow", () => {
    fc.assert(
      fc.property(desiresArb, growthArb, fc.constantFrom(...FIXED_TYPES), (d, g, type) => {
        const bigger = grow(d, g);
        const a = plan(d, [type]).candidates[0];
        const b = plan(bigger, [type]).candidates[0];
        if (!a) {
          expect(b).toBeUndefined(); // rejected at a lower load ⇒ rejected at a higher one
          return;
        }
        if (!b) return; // too many nodes at the higher load
        expect(b.clusters[0]!.nodesPerZone).toBeGreaterThanOrEqual(a.clusters[0]!.nodesPerZone);
        expect(b.rank).toBeGreaterThanOrEqual(a.rank);
        expect(total({ candidates: [b], rejected: [], warnings: [] })!).toBeGreaterThanOrEqual(total({ candidates: [a], rejected: [], warnings: [] })!);
      }),
      { numRuns: 300 },
    );
  });

  it("never gives tier 0 fewer nodes than tier 3 on the same instance type", () => {
    fc.assert(
      fc.property(desiresArb, fc.constantFrom(...FIXED_TYPES), (d, type) => {
        const t0 = plan({ ...d, tier: 0 }, [type]).candidates[0];
        const t3 = plan({ ...d, tier: 3 }, [type]).candidates[0];
        if (!t3) {
          expect(t0).toBeUndefined();
          return;
        }
        if (!t0) return;
        expect(t0.clusters[0]!.nodesPerZone).toBeGreaterThanOrEqual(t3.clusters[0]!.nodesPerZone);
      }),
      { numRuns: 200 },
    );
  });

  it("costs more than zero and meets its requirements (every utilisation ≤ 1) on every sized shape", () => {
    fc.assert(
      fc.property(desiresArb, (d) => {
        const p = evcache.planRegion(d, hw, { maxCandidates: 50 });
        expect(p.candidates.length).toBeGreaterThan(0);
        for (const c of p.candidates) {
          expect(c.rank).toBeGreaterThan(0);
          const u = c.clusters[0]!.utilisation;
          for (const v of [u.cpu, u.memory, u.disk, u.network]) expect(v).toBeLessThanOrEqual(1);
          expect(c.explanation[0]).toMatch(/decides the size\.$/);
        }
        for (const r of p.rejected) expect(r.reason).toMatch(/\d/);
      }),
      { numRuns: 25 },
    );
  });

  it("never lowers the best plan's rank as load grows", () => {
    fc.assert(
      fc.property(desiresArb, growthArb, (d, g) => {
        const bigger = grow(d, g);
        const a = plan(d).candidates[0];
        const b = plan(bigger).candidates[0];
        if (!a || !b) {
          expect(a === undefined && b !== undefined).toBe(false);
          return;
        }
        expect(b.rank).toBeGreaterThanOrEqual(a.rank);
      }),
      { numRuns: 25 },
    );
  });
});
