import { describe, expect, it } from "vitest";
import fc from "fast-check";
import type { RegionHardware } from "@/lib/catalog";
import type { PointDesires, RegionPlan } from "@/lib/planner/model";
import {
  DYNOMITE,
  DYNOMITE_DEFAULTS,
  commandMix,
  dynomite,
  dynomiteMemory,
  dynomiteServiceCosts,
  redisCommandsPerZone,
  redisGibPerNode,
} from "@/lib/planner/models/dynomite";
import { GIB, gibPerYear } from "@/lib/planner/kernel/staffing";
import { WorkloadSchema, type WorkloadInput } from "@/lib/schemas/workload";
import { desires as baseDesires } from "../../../support/desires";
import { grow, growthArb, onlyOn, shapeNamed as shape, usEast1 as hw } from "../../../support/models";

/** A tier-1 delayed queue: 5k pushes/s and 5k pops/s of 1 KiB messages, 10 GiB stated, unless overridden. */
const desires = (overrides: Partial<PointDesires> = {}): PointDesires =>
  baseDesires({
    accessPattern: "queue",
    readsPerSecond: 5_000,
    writesPerSecond: 5_000,
    writeItemBytes: 1024,
    datasetGiB: 10,
    consistency: "eventual",
    durability: "rebuildable",
    features: ["delayed-delivery", "priorities"],
    traversalDepth: 1,
    fanout: 1,
    ...overrides,
  });

/** The same traffic as plain key-value commands (one Redis command per read or write). */
const kv = (overrides: Partial<PointDesires> = {}) => desires({ accessPattern: "key-value", features: [], ...overrides });

function plan(d: PointDesires, instanceTypes?: string[], h: RegionHardware = hw): RegionPlan {
  return dynomite.planRegion(d, h, { maxCandidates: 5, ...(instanceTypes ? { instanceTypes } : {}) });
}

const only = (d: PointDesires, type: string, h: RegionHardware = hw) => onlyOn(dynomite, d, type, h);

function workload(overrides: Partial<WorkloadInput> = {}) {
  return WorkloadSchema.parse({
    name: "delayed-queues",
    tier: 1,
    accessPattern: "queue",
    readsPerSecond: 20_000,
    writesPerSecond: 20_000,
    readItemBytes: 1024,
    writeItemBytes: 1024,
    datasetGiB: 20,
    consistency: "eventual",
    durability: "rebuildable",
    regions: ["us-east-1"],
    features: ["delayed-delivery", "priorities"],
    ...overrides,
  });
}

describe("dynomite sizing", () => {
  it("sizes every zone (rack) as a full replica for the full regional command rate", () => {
    const d = desires({ readsPerSecond: 60_000, writesPerSecond: 60_000 });
    const three = only(d, "r7i.xlarge").cluster;
    const one = only(d, "r7i.xlarge", { ...hw, zones: 1 }).cluster;
    expect(three.nodesPerZone).toBe(one.nodesPerZone);
    expect(three.requirements.memoryGib).toBe(one.requirements.memoryGib);
    expect(three.requirements.cpuCores).toBe(one.requirements.cpuCores);
    expect(three.computeCost).toBeCloseTo(one.computeCost * 3, 2);
  });

  it("counts six Redis commands per pop-and-ack and two per push for queues, one per operation otherwise", () => {
    expect(commandMix(desires())).toEqual({ read: { reads: 2, mutations: 4 }, write: { reads: 0, mutations: 2 } });
    expect(redisCommandsPerZone(desires({ readsPerSecond: 1000, writesPerSecond: 300 }))).toBe(6 * 1000 + 2 * 300);
    expect(redisCommandsPerZone(kv({ readsPerSecond: 1000, writesPerSecond: 300 }))).toBe(1300);
    // A delayed-delivery feature means the queue recipe even when the access pattern says key-value.
    expect(redisCommandsPerZone(kv({ readsPerSecond: 1000, writesPerSecond: 300, features: ["delayed-delivery"] }))).toBe(6600);
  });

  it("caps each node at 80,000 Redis commands per second however many vCPUs it has", () => {
    const d = kv({ readsPerSecond: 800_000, writesPerSecond: 0, datasetGiB: 1 });
    const { cluster } = only(d, "m8i.16xlarge");
    expect(shape("m8i.16xlarge").vcpu).toBeGreaterThanOrEqual(64);
    expect(cluster.nodesPerZone).toBe(10);
    expect(cluster.bottleneck).toBe("cpu");
    expect(cluster.utilisation.cpu).toBe(1);
    expect(cluster.explanation[0]).toContain("single-threaded Redis budget of 80,000 commands/s per node decides the size");
  });

  it("keeps at least one hour of pushes in memory for a queue when that exceeds the stated data set", () => {
    const m = dynomiteMemory(desires({ writesPerSecond: 10_000, writeItemBytes: 1024, datasetGiB: 1 }));
    expect(m.backlogGib).toBeCloseTo((10_000 * 1024 * 3600) / GIB, 6);
    expect(m.dataGib).toBe(m.backlogGib);
    expect(m.items).toBe(10_000 * 3600);
    const { cluster } = only(desires({ writesPerSecond: 10_000, datasetGiB: 1 }), "r7i.2xlarge");
    expect(cluster.explanation[2]).toContain("one hour of pushes");
  });

  it("uses the stated data set when it is larger than the backlog, and no backlog for key-value data", () => {
    expect(dynomiteMemory(desires({ writesPerSecond: 10, datasetGiB: 500 })).dataGib).toBe(500);
    expect(dynomiteMemory(kv({ writesPerSecond: 100_000, datasetGiB: 5 })).dataGib).toBe(5);
  });

  it("adds Redis per-message (or per-key) overhead and allocator overhead to the data", () => {
    const q = dynomiteMemory(desires({ writesPerSecond: 1, datasetGiB: 100, writeItemBytes: 1024 }));
    const items = (100 * GIB) / 1024;
    expect(q.redisGib).toBeCloseTo((100 + (items * DYNOMITE.messageOverheadBytes) / GIB) * DYNOMITE.allocatorOverhead, 6);
    const k = dynomiteMemory(kv({ datasetGiB: 100, itemCount: 1_000_000 }));
    expect(k.redisGib).toBeCloseTo((100 + (1_000_000 * DYNOMITE.keyOverheadBytes) / GIB) * DYNOMITE.allocatorOverhead, 6);
  });

  it("plans Redis data at no more than half of the RAM left after reservations (copy-on-write during forks)", () => {
    const d = kv({ readsPerSecond: 1000, writesPerSecond: 1000, datasetGiB: 400 });
    const s = shape("r7i.2xlarge");
    const per = redisGibPerNode(s);
    expect(per).toBeCloseTo((s.ramGib - DYNOMITE.reservedGib) / 2, 6);
    const { cluster } = only(d, s.name);
    expect(cluster.bottleneck).toBe("memory");
    expect(cluster.nodesPerZone).toBe(Math.ceil(dynomiteMemory(d).redisGib / per));
    expect(cluster.nodesPerZone * per).toBeGreaterThanOrEqual(dynomiteMemory(d).redisGib);
    expect(cluster.params["redis.maxmemory.gib"]).toBeLessThanOrEqual(per);
  });

  it("caps Redis data at 50 GiB per node on very large shapes", () => {
    expect(redisGibPerNode(shape("r7i.8xlarge"))).toBe(DYNOMITE.maxRedisGibPerNode);
    const d = kv({ readsPerSecond: 100, writesPerSecond: 100, datasetGiB: 1000 });
    expect(only(d, "r7i.8xlarge").cluster.nodesPerZone).toBe(Math.ceil(dynomiteMemory(d).redisGib / DYNOMITE.maxRedisGibPerNode));
  });

  it("keeps at least 2 nodes per zone for tiers 0 and 1, and 1 for tiers 2 and 3", () => {
    const tiny = { readsPerSecond: 1, writesPerSecond: 1, datasetGiB: 0.1 };
    for (const tier of [0, 1] as const) {
      const c = only(desires({ ...tiny, tier }), "r7i.xlarge").cluster;
      expect(c.nodesPerZone).toBe(2);
      expect(c.bottleneck).toBe("minimum");
      expect(c.explanation[0]).toContain(`tier-${tier} floor of 2 nodes`);
    }
    for (const tier of [2, 3] as const) expect(only(desires({ ...tiny, tier }), "r7i.xlarge").cluster.nodesPerZone).toBe(1);
  });

  it("persists durable data with AOF on a gp3 volume sized from the node's Redis memory when there is no local NVMe", () => {
    const { cluster } = only(desires({ durability: "durable" }), "r7i.2xlarge");
    const per = redisGibPerNode(shape("r7i.2xlarge"));
    const size = Math.max(100, Math.ceil((3 * per) / 100) * 100);
    expect(cluster.drive).toEqual({ kind: "ebs", type: "gp3", sizeGib: size, iops: 3000 });
    expect(cluster.driveCost).toBeCloseTo(size * 0.96 * cluster.nodesPerZone * 3, 2);
    expect(cluster.params["redis.appendonly"]).toBe(true);
    expect(cluster.utilisation.disk).toBeLessThanOrEqual(1);
  });

  it("puts AOF on the local NVMe drive when the shape has one, at no extra drive cost", () => {
    const { cluster } = only(desires({ durability: "durable" }), "r6id.xlarge");
    expect(cluster.drive?.kind).toBe("local-nvme");
    expect(cluster.driveCost).toBe(0);
  });

  it("runs rebuildable data without persistence or drives", () => {
    const { cluster } = only(desires({ durability: "rebuildable" }), "r7i.2xlarge");
    expect(cluster.drive).toBeUndefined();
    expect(cluster.driveCost).toBe(0);
    expect(cluster.params["redis.appendonly"]).toBe(false);
    expect(cluster.explanation[4]).toMatch(/Persistence: none/);
  });

  it("rejects shapes without local NVMe for durable data when the team asks for local disks, saying why", () => {
    const p = plan(desires({ durability: "durable", storage: "local" }), ["r7i.2xlarge", "r6id.xlarge"]);
    expect(p.rejected).toEqual([{ instanceType: "r7i.2xlarge", code: "no-local-disk", reason: expect.stringContaining("local NVMe") }]);
    expect(p.candidates).toHaveLength(1);
  });

  it("rejects shapes with fewer than 2 vCPU or under 8 GiB RAM, naming the numbers", () => {
    const p = plan(desires(), ["r7a.medium", "c8a.large", "r7i.large"]);
    const byType = new Map(p.rejected.map((r) => [r.instanceType, r]));
    expect(byType.get("r7a.medium")!.reason).toContain("1 vCPU");
    expect(byType.get("c8a.large")!.reason).toContain("3.81 GiB");
    expect(byType.has("r7i.large")).toBe(false);
  });

  it("rejects, as a value, a command rate that would need more than 100 nodes per zone", () => {
    const p = plan(kv({ readsPerSecond: 9_000_000, writesPerSecond: 0 }), ["r7i.xlarge"]);
    expect(p.candidates).toHaveLength(0);
    expect(p.rejected[0]).toMatchObject({ code: "too-many-nodes" });
    expect(p.rejected[0]!.reason).toContain("113 nodes");
  });

  it("charges intra-region transfer for replicating mutations to the other zones, and inter-region only when replicated", () => {
    const d = kv({ writesPerSecond: 1000, writeItemBytes: 1000 });
    const gib = gibPerYear(1000, 1000);
    expect(dynomiteServiceCosts(d, hw).networkTransfer).toBeCloseTo(0.02 * gib * 2, 1);
    const multi = dynomiteServiceCosts({ ...d, crossRegionReplication: true, regionCount: 2 }, hw);
    expect(multi.networkTransfer).toBeCloseTo(0.02 * gib * 2 + 0.02 * gib * 0.5, 1);
    // Pops and acks replicate id-only mutations too.
    expect(dynomiteServiceCosts(desires({ writesPerSecond: 0, readsPerSecond: 1000 }), hw).networkTransfer).toBeGreaterThan(0);
  });

  it("backs up durable key-value data but not transient queue messages", () => {
    expect(dynomiteServiceCosts(kv({ durability: "durable", datasetGiB: 100 }), hw).backup).toBeCloseTo(100 * 0.252, 2);
    expect(dynomiteServiceCosts(desires({ durability: "durable", datasetGiB: 100 }), hw).backup).toBe(0);
  });

  it("ranks candidates by total annual cost", () => {
    const p = plan(desires({ durability: "durable" }));
    expect(p.candidates.length).toBeGreaterThan(1);
    for (const c of p.candidates) {
      const cl = c.clusters[0]!;
      expect(c.rank).toBeCloseTo(cl.computeCost + cl.driveCost + c.networkTransferCost + c.backupCost, 6);
    }
    for (let i = 1; i < p.candidates.length; i++) expect(p.candidates[i]!.rank).toBeGreaterThanOrEqual(p.candidates[i - 1]!.rank);
  });

  it("warns that read-your-writes and linearizable consistency are beyond it", () => {
    expect(plan(desires()).warnings).toEqual([]);
    expect(plan(desires({ consistency: "read-your-writes" })).warnings.join(" ")).toMatch(/eventually consistent/);
  });
});

describe("dynomite assess", () => {
  it("fits a distributed delayed queue with priorities strongly, explaining delivery and ordering", () => {
    const a = dynomite.assess(workload());
    expect(a.admissible).toBe(true);
    expect(a.score).toBeGreaterThanOrEqual(80);
    const reasons = a.reasons.join(" ");
    expect(reasons).toMatch(/Delayed delivery/);
    expect(reasons).toMatch(/Priorities/);
    expect(reasons).toMatch(/At-least-once/);
    expect(a.against.join(" ")).toMatch(/FIFO only within a shard/);
  });

  it("is a weak fit for key-value, search or graph access", () => {
    const queue = dynomite.assess(workload()).score;
    for (const accessPattern of ["key-value", "search", "graph"] as const) {
      const a = dynomite.assess(workload({ accessPattern, features: [] }));
      expect(a.score).toBeLessThan(50);
      expect(a.score).toBeLessThan(queue);
    }
  });

  it("admits best-effort and eventual consistency only", () => {
    expect(dynomite.assess(workload({ consistency: "best-effort" })).admissible).toBe(true);
    for (const consistency of ["read-your-writes", "linearizable"] as const) {
      const a = dynomite.assess(workload({ consistency }));
      expect(a.admissible).toBe(false);
      expect(a.against.join(" ")).toContain(consistency);
    }
  });

  it("warns that a very large data set must sit in RAM in every zone", () => {
    expect(dynomite.assess(workload({ datasetGiB: 5000 })).against.join(" ")).toMatch(/RAM in every zone/);
  });
});

describe("dynomite thresholds", () => {
  it("alerts on queue depth and oldest message age for queues, besides memory, CPU and latency", () => {
    const d = desires();
    const { cluster } = only(d, "r7i.xlarge");
    const t = dynomite.thresholds(d, [cluster]);
    expect(t.map((x) => x.metric).sort()).toEqual([
      "cpu-utilisation",
      "memory-used",
      "queue-depth",
      "queue-oldest-age",
      "read-latency-p99",
      "write-latency-p99",
    ]);
    const depth = t.find((x) => x.metric === "queue-depth")!;
    expect(depth.critical).toBe(Math.round(dynomiteMemory(d).items * 0.8));
    expect(t.find((x) => x.metric === "memory-used")!.critical).toBe(60);
    expect(t.every((x) => x.family === "dynomite" && x.role === "queue")).toBe(true);
  });

  it("leaves queue alerts out for key-value data", () => {
    const d = kv();
    const t = dynomite.thresholds(d, [only(d, "r7i.xlarge").cluster]);
    expect(t.some((x) => x.metric === "queue-depth" || x.metric === "queue-oldest-age")).toBe(false);
    expect(t.find((x) => x.metric === "read-latency-p99")!.critical).toBe(DYNOMITE_DEFAULTS.readLatencyP99Ms);
  });
});

// ── Properties ─────────────────────────────────────────────────────────────────────────────────
const FIXED_TYPES = ["r7i.xlarge", "r6id.xlarge", "m8i.2xlarge", "r7i.8xlarge", "i3en.large"] as const;

const desiresArb = fc
  .record({
    tier: fc.constantFrom(0, 1, 2, 3) as fc.Arbitrary<0 | 1 | 2 | 3>,
    accessPattern: fc.constantFrom("queue", "key-value") as fc.Arbitrary<PointDesires["accessPattern"]>,
    features: fc.subarray(["delayed-delivery", "priorities", "ttl"] as const),
    readsPerSecond: fc.double({ min: 0, max: 1_000_000, noNaN: true }),
    writesPerSecond: fc.double({ min: 0, max: 300_000, noNaN: true }),
    readItemBytes: fc.integer({ min: 1, max: 100_000 }),
    writeItemBytes: fc.integer({ min: 1, max: 100_000 }),
    datasetGiB: fc.double({ min: 0, max: 5_000, noNaN: true }),
    itemCount: fc.option(fc.integer({ min: 0, max: 2_000_000_000 }), { nil: undefined }),
    durability: fc.constantFrom("rebuildable", "durable") as fc.Arbitrary<PointDesires["durability"]>,
    storage: fc.constantFrom("any", "local", "attached") as fc.Arbitrary<PointDesires["storage"]>,
    crossRegionReplication: fc.boolean(),
    regionCount: fc.integer({ min: 1, max: 4 }),
  })
  .map((o) => {
    const { itemCount, ...rest } = o;
    return desires({ ...rest, ...(itemCount !== undefined ? { itemCount } : {}) });
  });

describe("dynomite properties", () => {
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
          expect(b).toBeUndefined();
          return;
        }
        if (!b) return;
        expect(b.clusters[0]!.nodesPerZone).toBeGreaterThanOrEqual(a.clusters[0]!.nodesPerZone);
        expect(b.clusters[0]!.computeCost + b.clusters[0]!.driveCost).toBeGreaterThanOrEqual(a.clusters[0]!.computeCost + a.clusters[0]!.driveCost);
        expect(b.rank).toBeGreaterThanOrEqual(a.rank);
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
        const p = dynomite.planRegion(d, hw, { maxCandidates: 50 });
        for (const c of p.candidates) {
          expect(c.rank).toBeGreaterThan(0);
          const cl = c.clusters[0]!;
          const u = cl.utilisation;
          for (const v of [u.cpu, u.memory, u.disk, u.network]) expect(v).toBeLessThanOrEqual(1);
          expect(cl.nodesPerZone * redisGibPerNode(cl.instance)).toBeGreaterThanOrEqual(dynomiteMemory(d).redisGib * 0.999999);
          expect(cl.nodesPerZone * DYNOMITE.redisCommandsPerSecond).toBeGreaterThanOrEqual(redisCommandsPerZone(d));
          expect(c.explanation[0]).toMatch(/decides the size\.$/);
        }
        for (const r of p.rejected) expect(r.reason.length).toBeGreaterThan(10);
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
