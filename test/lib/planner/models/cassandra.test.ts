import { describe, expect, it } from "vitest";
import { cassandra, cassandraDiskBuffer, cassandraServiceCosts, ioPerRead, replicationFactor, sizeCassandra } from "@/lib/planner/models/cassandra";
import { desires } from "../../../support/desires";
import { bestOf, shapeNamed as shape, usEast1 as hw } from "../../../support/models";
import { gibPerYear } from "@/lib/planner/kernel/staffing";

describe("cassandra: the reference worked example (20k reads/s, 5k writes/s, 500 GiB, tier 1)", () => {
  const d = desires();

  it("needs 16 m8id cores per zone from square-root staffing doubled for background work", () => {
    const r = sizeCassandra(d, hw, shape("m8id.2xlarge"));
    expect(r.ok && r.cluster.requirements.cpuCores).toBe(16);
  });

  it("plans about 639 GiB of disk per zone and 350 Mbps of network", () => {
    const r = sizeCassandra(d, hw, shape("m8id.2xlarge"));
    if (!r.ok) throw new Error(r.reason);
    expect(r.cluster.requirements.diskGib).toBeGreaterThanOrEqual(639);
    expect(r.cluster.requirements.diskGib).toBeLessThanOrEqual(641);
    expect(r.cluster.requirements.networkMbps).toBe(350);
  });

  it("builds 2 × m8id.2xlarge per zone × 3 zones for $10,317.54 a year", () => {
    const r = sizeCassandra(d, hw, shape("m8id.2xlarge"));
    if (!r.ok) throw new Error(r.reason);
    expect(r.cluster.nodesPerZone).toBe(2);
    expect(r.cluster.zones).toBe(3);
    expect(r.cluster.computeCost).toBeCloseTo(10_317.54, 2);
  });

  it("prices inter-region transfer as the reference does ($2,474.61 across 3 replicated regions) and cross-zone transfer for rf − 1 copies", () => {
    const d3 = { ...d, regionCount: 3, crossRegionReplication: true };
    const single = cassandraServiceCosts(d, hw).networkTransfer; // cross-zone only
    const inter = cassandraServiceCosts(d3, hw).networkTransfer - single;
    expect(inter).toBeGreaterThan(2474.61 * 0.999);
    expect(inter).toBeLessThan(2474.61 * 1.001);
    // The reference divides cross-zone transfer by the regions too (it reads writes as a fleet-wide total); here
    // every region applies every write, so each region pays its own rf − 1 cross-zone copies: 3 × $2,474.61.
    expect(single).toBeCloseTo(3 * 2474.61, -1);
  });

  it("finds no plan cheaper to run than the reference's, and ranks m8id.2xlarge first", () => {
    const plan = cassandra.planRegion(d, hw, { maxCandidates: 3 });
    expect(plan.candidates[0]?.clusters[0]?.instance.name).toBe("m8id.2xlarge");
    expect(plan.candidates[0]?.clusters[0]?.computeCost).toBeLessThanOrEqual(10_317.54);
  });
});

describe("cassandra rules", () => {
  it("uses RF 3 for durable data and RF 2 only for rebuildable data without read-your-writes", () => {
    expect(replicationFactor({ durability: "durable", consistency: "eventual" })).toBe(3);
    expect(replicationFactor({ durability: "rebuildable", consistency: "read-your-writes" })).toBe(3);
    expect(replicationFactor({ durability: "rebuildable", consistency: "eventual" })).toBe(2);
  });

  it("rejects shapes with 16 GiB of RAM or less, naming the numbers", () => {
    const r = sizeCassandra(desires(), hw, shape("m8id.xlarge"));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/15\.26 GiB/);
  });

  it("rejects EBS-only shapes unless the workload allows attached storage", () => {
    const local = sizeCassandra(desires({ storage: "local" }), hw, shape("r7i.2xlarge"));
    expect(local.ok).toBe(false);
    const attached = sizeCassandra(desires({ storage: "attached" }), hw, shape("r7i.2xlarge"));
    expect(attached.ok).toBe(true);
    if (attached.ok) expect(attached.cluster.drive?.type).toBe("gp3");
  });

  it("keeps planned disk use at or under 55% (buffer ≥ 1/0.55) even for huge zones", () => {
    expect(cassandraDiskBuffer(1_000_000)).toBeGreaterThanOrEqual(1 / 0.55);
    expect(cassandraDiskBuffer(100)).toBeCloseTo(3.95, 1);
    expect(cassandraDiskBuffer(10_240 * 10)).toBeCloseTo(2.27, 1);
  });

  it("puts at least 2 nodes in every zone for tiers 0 and 1, and allows 1 for tier 3", () => {
    const tiny = { readsPerSecond: 10, writesPerSecond: 10, datasetGiB: 1 };
    const t1 = sizeCassandra(desires({ ...tiny, tier: 1 }), hw, shape("m8id.2xlarge"));
    const t3 = sizeCassandra(desires({ ...tiny, tier: 3 }), hw, shape("m8id.2xlarge"));
    expect(t1.ok && t1.cluster.nodesPerZone).toBe(2);
    expect(t1.ok && t1.cluster.bottleneck).toBe("minimum");
    expect(t3.ok && t3.cluster.nodesPerZone).toBe(1);
  });

  it("caps data per node so no node holds more than ~1.3 TiB of data", () => {
    const r = sizeCassandra(desires({ datasetGiB: 60_000, readsPerSecond: 100, writesPerSecond: 100 }), hw, shape("i3en.6xlarge"));
    if (!r.ok) throw new Error(r.reason);
    const dataPerNode = ((60_000 / 3) * 3) / 3 / r.cluster.nodesPerZone;
    expect(dataPerNode).toBeLessThanOrEqual(1280 * 1.05);
    expect(r.cluster.bottleneck).toBe("disk");
  });

  it("reads more IOs per request as the data per node grows (LCS levels)", () => {
    expect(ioPerRead(10)).toBe(6);
    expect(ioPerRead(100)).toBe(8);
    expect(ioPerRead(1000)).toBe(10);
    expect(ioPerRead(3000)).toBe(12);
  });

  it("refuses linearizable consistency as a primary store, with the reason", () => {
    const a = cassandra.assess({
      name: "x-y-z",
      tier: 1,
      accessPattern: "key-value",
      readsPerSecond: 1,
      writesPerSecond: 1,
      readItemBytes: 1,
      writeItemBytes: 1,
      datasetGiB: 1,
      horizonMonths: 12,
      consistency: "linearizable",
      durability: "durable",
      regions: ["us-east-1"],
    });
    expect(a.admissible).toBe(false);
    expect(a.against.join(" ")).toMatch(/linearizable/);
  });

  it("derives a disk-used alarm under 55% and latency alarms at the SLO", () => {
    const d = desires({ readLatencyP99Ms: 8 });
    const r = sizeCassandra(d, hw, shape("m8id.2xlarge"));
    if (!r.ok) throw new Error(r.reason);
    const t = cassandra.thresholds(d, [r.cluster]);
    expect(t.find((x) => x.metric === "disk-used")?.critical).toBeLessThanOrEqual(55);
    expect(t.find((x) => x.metric === "read-latency-p99")?.critical).toBe(8);
  });
});

// Issue 8 §1: bugs found side by side with service-capacity-modeling (SCM). Each of these failed before the fix.
describe("cassandra: write IOs follow bytes written ÷ the device's IO size", () => {
  it("plans a gp3 cluster for 400k writes/s of 256 B (5 IOs per 256 KiB written, not per mutation)", () => {
    const d = desires({ readsPerSecond: 10_000, writesPerSecond: 400_000, writeItemBytes: 256, datasetGiB: 1000, storage: "attached" });
    const c = cassandra.planRegion(d, hw, { maxCandidates: 1 }).candidates[0];
    expect(c, "a plan on EBS").toBeDefined();
    expect(c!.clusters[0]!.drive?.type).toBe("gp3");
  });

  it("provisions gp3 IOPS for 100k writes/s of 8 KiB from the bytes written (~16k write IOs per zone), not 5 per write (~500k)", () => {
    const d = desires({ readsPerSecond: 10_000, writesPerSecond: 100_000, writeItemBytes: 8192, datasetGiB: 10_000, storage: "attached" });
    const c = bestOf(cassandra.planRegion(d, hw, { maxCandidates: 1 })).clusters[0]!;
    const zoneIops = (c.drive?.iops ?? 0) * c.nodesPerZone;
    expect(zoneIops).toBeGreaterThan(15_625); // the write stream alone: 5 × 100k × 8 KiB ÷ 256 KiB
    expect(zoneIops).toBeLessThan(150_000);
    expect(c.nodesPerZone).toBeLessThan(30); // 57 × r6a.2xlarge per zone before
  });

  it("does not bound local NVMe by write IOPS: sequential commitlog and compaction writes are not random 4 KiB IOs", () => {
    const d = desires({ readsPerSecond: 10_000, writesPerSecond: 500_000, writeItemBytes: 256, datasetGiB: 300, storage: "local" });
    const c = bestOf(cassandra.planRegion(d, hw, { maxCandidates: 1 })).clusters[0]!;
    expect(c.bottleneck).not.toBe("iops");
  });
});

describe("cassandra: cross-zone transfer pays for every remote replica", () => {
  it("charges intra-region transfer for rf − 1 copies of each write at its wire size", () => {
    const d = desires();
    const wireGib = gibPerYear(d.writesPerSecond, 900 + 1.42 * d.writeItemBytes);
    const intra = hw.services["net.intra.region"]!.perGibYear;
    const costs = cassandraServiceCosts(d, hw);
    expect(costs.networkTransfer).toBeCloseTo(intra * wireGib * 2, 0);
  });

  it("charges RF 2 keyspaces for one remote copy", () => {
    const d = desires({ durability: "rebuildable", consistency: "eventual" });
    const wireGib = gibPerYear(d.writesPerSecond, 900 + 1.42 * d.writeItemBytes);
    expect(cassandraServiceCosts(d, hw).networkTransfer).toBeCloseTo(hw.services["net.intra.region"]!.perGibYear * wireGib, 0);
  });
});

describe("cassandra: page cache is a soft target", () => {
  it("plans 30 TiB on gp3: what does not fit in page cache is read from the drive", () => {
    const d = desires({ readsPerSecond: 1000, writesPerSecond: 1000, datasetGiB: 30_000, storage: "attached" });
    const c = bestOf(cassandra.planRegion(d, hw, { maxCandidates: 1 })).clusters[0]!;
    expect(c.bottleneck).not.toBe("memory");
    expect(c.explanation.join(" ")).toMatch(/page cache/);
  });

  it("provisions more gp3 IOPS when less of the data fits in page cache", () => {
    const base = { readsPerSecond: 20_000, writesPerSecond: 1000, storage: "attached" as const };
    const iopsOf = (datasetGiB: number) => {
      const c = bestOf(cassandra.planRegion(desires({ ...base, datasetGiB }), hw, { maxCandidates: 1, instanceTypes: ["r6a.2xlarge"] })).clusters[0]!;
      return (c.drive?.iops ?? 0) * c.nodesPerZone;
    };
    expect(iopsOf(20_000)).toBeGreaterThan(iopsOf(300));
  });
});

describe("cassandra: backups priced explicitly", () => {
  const s3 = hw.services["blob.standard"]!.perGibYear;

  it("prices the on-disk snapshot of every replica plus the retained incremental uploads at S3 standard", () => {
    const d = desires({ datasetGiB: 900, writesPerSecond: 5000, writeItemBytes: 256 });
    const snapshot = (900 / 3) * 3; // compressed data × RF 3: each replica's SSTables are uploaded
    const daily = (5000 * (900 + 1.42 * 256) * 86_400) / 1024 ** 3;
    expect(cassandraServiceCosts(d, hw).backup).toBeCloseTo(s3 * (snapshot + daily * 14), 0);
  });

  it("takes the retention as a parameter (default 14 days) and prices nothing for rebuildable data", () => {
    const d = desires();
    const seven = cassandraServiceCosts({ ...d, backupRetentionDays: 7 }, hw).backup;
    expect(seven).toBeLessThan(cassandraServiceCosts(d, hw).backup);
    expect(cassandraServiceCosts({ ...d, durability: "rebuildable", consistency: "eventual" }, hw).backup).toBe(0);
  });

  it("says in the plan's explanation what it assumed and where the price comes from", () => {
    const d = desires();
    const c = bestOf(cassandra.planRegion(d, hw, { maxCandidates: 1 }));
    const text = c.explanation.join(" ");
    expect(text).toMatch(/Backup/);
    expect(text).toMatch(/14 days/);
    expect(text).toMatch(/S3 standard/);
    expect(text).toContain(`$${s3}`);
  });
});
