// SCM's published EVCache tests (tests/netflix/test_evcache.py), ported to our model. SCM's desires map to
// PointDesires one to one (reads, writes, mean sizes, state size and item count per region; best-effort,
// rebuildable). Candidate loops ("for candidate in plan") run over our ranked candidates (one per instance family).
//
// Not ported (the feature does not exist here): string coercion of extra model arguments
// (test_evcache_string_arguments_coercion) and the family-migration regret of current clusters
// (test_evcache_different_family_regret, …_flips_selection, …_targets_evcache_typed_current_cluster,
// …_skipped_for_ambiguous_untyped_current). The under-spread tests are kept, inverted: we do not penalise small
// clusters in the rank (see below).
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { evcache, evcacheReadCpuMs } from "@/lib/planner/models/evcache";
import type { PointDesires, RegionCandidate } from "@/lib/planner";
import { planWorkload } from "@/lib/planner";
import { PlanRequestSchema } from "@/lib/schemas";
import { desires } from "../../../support/desires";
import { usEast1 as hw } from "../../../support/models";
import { upstream } from "./scm";

const F = "tests/netflix/test_evcache.py";
const cache = (o: Partial<PointDesires>) => desires({ accessPattern: "key-value", consistency: "best-effort", durability: "rebuildable", ...o });
const candidates = (d: PointDesires) => {
  const p = evcache.planRegion(d, hw, { maxCandidates: 4 });
  expect(
    p.candidates.length,
    p.rejected
      .slice(0, 3)
      .map((r) => `${r.instanceType}: ${r.reason}`)
      .join("; "),
  ).toBeGreaterThan(0);
  return p.candidates;
};
const zone = (c: RegionCandidate) => c.clusters[0]!;
/**
 * SCM's "total CPU power": nodes per zone × vCPU × GHz. Adapted: × IPC as well, as upstream's last CPU test does.
 * Its thresholds were written for shapes of IPC ≈ 1; ranked by cost alone we may pick a shape without SMT (c8a,
 * IPC 1.98), which does the same work with half the vCPU·GHz, so work delivered is what is compared.
 */
const cpuPower = (c: RegionCandidate) => zone(c).nodesPerZone * zone(c).instance.vcpu * zone(c).instance.ghz * zone(c).instance.ipcScale;
const cost = (c: RegionCandidate) => c.clusters.reduce((s, k) => s + k.computeCost + k.driveCost, 0) + c.networkTransferCost + c.backupCost;

const inMemoryLowLatency = cache({
  tier: 1,
  readsPerSecond: 34_200_000,
  writesPerSecond: 536_000,
  writeItemBytes: 3778,
  readItemBytes: 35,
  datasetGiB: 36,
  itemCount: 804_000_000,
});

describe(upstream(F, "test_evcache_read_latency"), () => {
  it("reads cost 0.008–0.015 ms of CPU at 32 B, 0.03–0.05 at 200 B, 0.06–0.08 at 1 KiB, 0.12–0.14 at 24 KiB, 0.14–0.16 at 40 KiB", () => {
    expect(evcacheReadCpuMs(1)).toBeGreaterThan(0);
    const within = (bytes: number, lo: number, hi: number) => {
      expect(evcacheReadCpuMs(bytes), `${bytes} B`).toBeGreaterThan(lo);
      expect(evcacheReadCpuMs(bytes), `${bytes} B`).toBeLessThan(hi);
    };
    within(32, 0.008, 0.015);
    within(200, 0.03, 0.05);
    within(1024, 0.06, 0.08);
    within(24 * 1024, 0.12, 0.14);
    within(40 * 1024, 0.14, 0.16);
  });
});

describe(upstream(F, "test_evcache_inmemory_low_latency_reads_cpu"), () => {
  it("every candidate has more than 700 vCPU·GHz·IPC per zone for 34.2M reads/s of 35 B", () => {
    for (const c of candidates(inMemoryLowLatency)) expect(cpuPower(c), zone(c).instance.name).toBeGreaterThan(700);
  });
});

describe(upstream(F, "test_evcache_inmemory_medium_latency_reads_cpu"), () => {
  // Upstream misspells the write rate (estimated_mean_write_per_second), so SCM plans it with no writes; so do we.
  it("every candidate has more than 100 vCPU·GHz·IPC per zone for 1.8M reads/s", () => {
    const d = cache({
      tier: 0,
      readsPerSecond: 1_800_000,
      writesPerSecond: 0,
      writeItemBytes: 365,
      readItemBytes: 193,
      datasetGiB: 61,
      itemCount: 202_000_000,
    });
    for (const c of candidates(d)) expect(cpuPower(c)).toBeGreaterThan(100);
  });
});

describe(upstream(F, "test_evcache_inmemory_high_latency_reads_cpu"), () => {
  it("every candidate has more than 100 vCPU·GHz·IPC per zone for 441k reads/s of 5.1 KB over 1.6 TiB", () => {
    const d = cache({
      tier: 0,
      readsPerSecond: 441_000,
      writesPerSecond: 35_000,
      writeItemBytes: 7250,
      readItemBytes: 5100,
      datasetGiB: 1662,
      itemCount: 750_000_000,
    });
    for (const c of candidates(d)) expect(cpuPower(c)).toBeGreaterThan(100);
  });
});

const onDiskLowLatency = cache({
  tier: 0,
  readsPerSecond: 7_110_000,
  writesPerSecond: 2_620_000,
  writeItemBytes: 12_000,
  readItemBytes: 16_000,
  datasetGiB: 2_306_867,
  itemCount: 132_000_000_000,
});

describe(upstream(F, "test_evcache_ondisk_low_latency_reads_cpu"), () => {
  it("every candidate has more than 8000 vCPU·GHz·IPC per zone for 7.1M reads/s over 2.2 PiB", () => {
    for (const c of candidates(onDiskLowLatency)) expect(cpuPower(c), `${zone(c).nodesPerZone} × ${zone(c).instance.name}`).toBeGreaterThan(8000);
  });
});

describe(upstream(F, "test_evcache_ondisk_high_latency_reads_cpu"), () => {
  // Upstream misspells the write size (estimated_write_size_bytes), so SCM uses EVCache's default write size (512 B).
  it("every candidate has more than 800 vCPU·GHz·IPC per zone for 853k reads/s of 41 KB over 274 TiB", () => {
    const d = cache({
      tier: 0,
      readsPerSecond: 853_000,
      writesPerSecond: 310_000,
      writeItemBytes: 512,
      readItemBytes: 41_000,
      datasetGiB: 281_000,
      itemCount: 8_518_318_523,
    });
    for (const c of candidates(d)) expect(cpuPower(c)).toBeGreaterThan(800);
  });
});

describe(upstream(F, "test_evcache_inmemory_ram_usage / test_evcache_ondisk_disk_usage"), () => {
  // The two upstream tests are identical: RAM per zone above the state size.
  it("every candidate holds more RAM per zone than the 36 GiB state", () => {
    for (const c of candidates(inMemoryLowLatency)) expect(zone(c).nodesPerZone * zone(c).instance.ramGib).toBeGreaterThan(36);
  });
});

describe(upstream(F, "test_evcache_ondisk_high_disk_usage"), () => {
  it("every candidate on local NVMe has more flash per zone than the 2.2 PiB state", () => {
    for (const c of candidates(onDiskLowLatency)) {
      const drive = zone(c).instance.localDrive;
      if (drive) expect(zone(c).nodesPerZone * drive.sizeGib).toBeGreaterThan(2_306_867);
    }
  });
});

describe(upstream(F, "test_evcache_zero_item_count"), () => {
  it("plans a cache for 1 read and 1 write a second of 1 B with no data at all", () => {
    const d = cache({ tier: 0, readsPerSecond: 1, writesPerSecond: 1, readItemBytes: 1, writeItemBytes: 1, datasetGiB: 0, itemCount: 0 });
    for (const c of candidates(d)) {
      expect(zone(c).nodesPerZone).toBeGreaterThanOrEqual(2); // tier 0 floor
      expect(cost(c)).toBeGreaterThan(0);
    }
  });
});

// SCM's under-spread penalty: rank = cost + (100000 − n·100000/30) dollars for 2 ≤ n ≤ 10 nodes per zone. We do not
// add it: a dollar penalty that shrinks as nodes are added makes the best rank fall as load grows (more load → more
// nodes → smaller penalty), which breaks "more load never ranks cheaper". Spread is kept by the per-zone floor
// (2 nodes for tiers 0–1) instead. Each upstream assert is kept inverted.
const smallCluster = cache({ tier: 1, readsPerSecond: 2000, writesPerSecond: 200, readItemBytes: 200, writeItemBytes: 200, datasetGiB: 2 });

describe(upstream(F, "test_spread_cost_function / test_evcache_spread_deterministic"), () => {
  it("deliberate difference: small clusters rank at their cost — no under-spread dollars in rank or cost", () => {
    const cs = candidates(smallCluster);
    expect(cs.some((c) => zone(c).nodesPerZone < 10)).toBe(true);
    for (const c of cs) expect(c.rank).toBeCloseTo(cost(c), 2);
  });
});

describe(upstream(F, "test_evcache_spread_stochastic_regret"), () => {
  it("deliberate difference: the least-regret plan of a ranged small cache carries no under-spread penalty", () => {
    const w = {
      name: "small-cache",
      tier: 1,
      accessPattern: "key-value",
      readsPerSecond: { low: 1000, mid: 2000, high: 3000 },
      writesPerSecond: { low: 100, mid: 200, high: 300 },
      readItemBytes: 200,
      writeItemBytes: 200,
      datasetGiB: { low: 1, mid: 2, high: 3 },
      consistency: "best-effort",
      durability: "rebuildable",
      regions: ["us-east-1"],
    };
    const r = planWorkload(PlanRequestSchema.parse({ workload: w, family: "evcache", alternatives: 3 }));
    expect(r.uncertainty).toBeDefined();
    for (const p of r.plans) {
      expect(p.clusters[0]!.nodesPerZone).toBeLessThan(10);
      expect(JSON.stringify(p.clusters[0]!.params)).not.toMatch(/spread/);
      const parts = p.costBreakdown.compute + p.costBreakdown.drives + p.costBreakdown.networkTransfer + p.costBreakdown.backup;
      expect(p.annualCost).toBeCloseTo(parts, 1);
    }
  });
});

describe(upstream(F, "test_evcache_spread_invariants"), () => {
  it("deliberate difference: for any workload, candidates are sorted by rank and rank is the cost at every size", () => {
    fc.assert(
      fc.property(fc.integer({ min: 100, max: 100_000 }), fc.integer({ min: 100, max: 100_000 }), fc.integer({ min: 1, max: 500 }), (reads, writes, data) => {
        const cs = evcache.planRegion(cache({ readsPerSecond: reads, writesPerSecond: writes, datasetGiB: data }), hw, { maxCandidates: 4 }).candidates;
        let previous = 0;
        for (const c of cs) {
          expect(c.rank).toBeGreaterThanOrEqual(previous);
          previous = c.rank;
          expect(c.rank).toBeCloseTo(cost(c), 2);
        }
      }),
      { numRuns: 25, seed: 20260821 },
    );
  });
});
