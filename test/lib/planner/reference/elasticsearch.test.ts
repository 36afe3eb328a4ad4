// SCM's published Elasticsearch tests (tests/netflix/test_elasticsearch.py), ported to our model. SCM's default
// Elasticsearch desires are mapped explicitly where ours differ: 4 KiB reads and writes, 2 ms of CPU per read
// (point lookups), compression 3, three copies (durable). SCM's ranges (low, mid, high at 98% confidence) become our
// ranges (read as the 5th and 95th percentiles). SCM's nine zonal clusters (data, master, search × 3 zones) are our
// three roles with 3 zones each.
//
// Not ported: test_es_data_nodes_reject_shapes_with_no_ram_left_after_reserves (a per-workload app reserve of 16 GiB;
// our reserves are the model's and not an input — the rule itself, rejecting a shape with no RAM left after heap and
// reserves, is covered in test/lib/planner/models/elasticsearch.test.ts).
import { describe, expect, it } from "vitest";
import { ELASTICSEARCH, elasticsearch, esHeapGib } from "@/lib/planner/models/elasticsearch";
import type { PointDesires, RegionCandidate } from "@/lib/planner";
import { planWorkload } from "@/lib/planner";
import { PlanRequestSchema, type WorkloadInput } from "@/lib/schemas";
import { desires } from "../../../support/desires";
import { usEast1 as hw } from "../../../support/models";
import { upstream } from "./scm";

const F = "tests/netflix/test_elasticsearch.py";
const scmDefaults: Partial<PointDesires> = {
  accessPattern: "search",
  consistency: "eventual",
  durability: "durable",
  readItemBytes: 4096,
  writeItemBytes: 4096,
  readCpuMs: 2,
  compressionRatio: 3,
};
const es = (o: Partial<PointDesires>) => desires({ ...scmDefaults, ...o });
const candidates = (d: PointDesires) => {
  const p = elasticsearch.planRegion(d, hw, { maxCandidates: 3 });
  expect(p.candidates.length, p.warnings.join(" ")).toBeGreaterThan(0);
  return p.candidates;
};
const role = (c: RegionCandidate, r: string) => c.clusters.find((k) => k.role === r)!;

const rangedWorkload = (qps: number): WorkloadInput => ({
  name: "es-qps",
  tier: 1,
  accessPattern: "search",
  consistency: "eventual",
  durability: "durable",
  regions: ["us-east-1"],
  readsPerSecond: { low: Math.floor(qps / 10), mid: qps, high: qps * 10 },
  writesPerSecond: { low: Math.floor(qps / 10), mid: qps, high: qps * 10 },
  datasetGiB: { low: 20, mid: 200, high: 2000 },
  readItemBytes: 4096,
  writeItemBytes: 4096,
  advanced: { readCpuMs: 2, compressionRatio: 3 },
});
const planRanged = (qps: number) => planWorkload(PlanRequestSchema.parse({ workload: rangedWorkload(qps), family: "elasticsearch", alternatives: 1 }));

describe(upstream(F, "test_es_increasing_qps_simple"), () => {
  it("from 100 to 100k queries/s the least-regret plan's CPU, cost and disk never go down, for every role, on r/m/c/i shapes", () => {
    const byRole = new Map<string, { cpu: number; cost: number; disk: number }[]>();
    for (const qps of [100, 1000, 10_000, 100_000]) {
      const plan = planRanged(qps).plans[0]!;
      for (const k of plan.clusters) {
        expect(["r", "m", "c", "i"]).toContain(k.instanceType[0]);
        const vcpu = hw.instances.find((i) => i.name === k.instanceType)!.vcpu;
        const list = byRole.get(k.role) ?? [];
        list.push({ cpu: k.nodesPerZone * vcpu, cost: k.annualCost, disk: k.nodesPerZone * (k.drive?.sizeGib ?? 0) });
        byRole.set(k.role, list);
      }
    }
    expect([...byRole.keys()].sort()).toEqual(["data", "master", "search"]);
    for (const [r, list] of byRole) {
      expect(list[0]!.cpu, `${r} cpu`).toBeLessThanOrEqual(list.at(-1)!.cpu);
      expect(list[0]!.cost, `${r} cost`).toBeLessThanOrEqual(list.at(-1)!.cost);
      expect(list[0]!.disk, `${r} disk`).toBeLessThanOrEqual(list.at(-1)!.disk);
    }
  });
});

describe(upstream(F, "test_es_data_nodes"), () => {
  // 32,000 GiB and no traffic: data nodes are sized by disk alone.
  const d = es({ tier: 1, readsPerSecond: 0, writesPerSecond: 0, datasetGiB: 32_000 });

  it("puts the data on dense local drives, with ≥ 1.33× the compressed data per zone and ≤ 8 TiB of data per node", () => {
    for (const c of candidates(d)) {
      const data = role(c, "data");
      const drive = data.instance.localDrive!;
      const needPerZone = ((32_000 / 3) * 3) / 3; // compressed, × 3 copies, ÷ 3 zones
      expect(data.nodesPerZone * drive.sizeGib).toBeGreaterThanOrEqual(needPerZone * ELASTICSEARCH.diskBuffer);
      expect(needPerZone / data.nodesPerZone).toBeLessThanOrEqual(ELASTICSEARCH.maxDataPerNodeGib);
      expect(data.bottleneck === "disk" || data.bottleneck === "minimum").toBe(true);
    }
  });

  it("the cheapest plan is no dearer than SCM's i3en.xlarge answer for the same disk (+20%)", () => {
    const data = role(candidates(d)[0]!, "data");
    const i3en = hw.instances.find((i) => i.name === "i3en.xlarge")!;
    const i3enNodes = Math.ceil(((((32_000 / 3) * 3) / 3) * ELASTICSEARCH.diskBuffer) / i3en.localDrive!.sizeGib);
    expect(data.computeCost / data.zones).toBeLessThanOrEqual(i3enNodes * i3en.annualCost * 1.2);
  });
});

describe(upstream(F, "test_es_simple_mean_percentiles"), () => {
  it("a ranged workload yields plans and a cost spread p5 ≤ p50 ≤ p95 (SCM's mean and percentile plans)", () => {
    const r = planRanged(1000);
    expect(r.plans.length).toBeGreaterThan(0);
    const s = r.uncertainty!.annualCost;
    expect(s.p5).toBeGreaterThan(0);
    expect(s.p5).toBeLessThanOrEqual(s.p50);
    expect(s.p50).toBeLessThanOrEqual(s.p95);
  });
});

const threeRoles = (clusters: readonly { role: string; nodesPerZone: number; zones: number }[]) => {
  expect(clusters.map((k) => k.role).sort()).toEqual(["data", "master", "search"]);
  for (const k of clusters) expect(k.zones).toBe(3);
  expect(clusters.find((k) => k.role === "master")!.nodesPerZone).toBe(1);
  expect(clusters.find((k) => k.role === "search")!.nodesPerZone).toBe(1);
  expect(clusters.find((k) => k.role === "data")!.nodesPerZone).toBeGreaterThanOrEqual(1);
};

describe(upstream(F, "test_es_simple_certain"), () => {
  it("every candidate is nine zonal clusters: data, one master and one search node in each of 3 zones", () => {
    for (const c of candidates(es({ tier: 1, readsPerSecond: 1000, writesPerSecond: 1000, datasetGiB: 200 }))) threeRoles(c.clusters);
  });
});

describe(upstream(F, "test_es_simple_certain_state_size_only"), () => {
  it("10,000 GiB with no traffic: nine zonal clusters, and data disk across zones ≥ 1.33 × copies × the compressed state", () => {
    for (const c of candidates(es({ readsPerSecond: 0, writesPerSecond: 0, datasetGiB: 10_000 }))) {
      threeRoles(c.clusters);
      const data = role(c, "data");
      const total = data.nodesPerZone * data.zones * data.instance.localDrive!.sizeGib;
      expect(total).toBeGreaterThanOrEqual(1.33 * 3 * (10_000 / 3));
    }
  });

  it("deliberate difference: compression is applied — the data disk is not 1.33 × 3 × the uncompressed 10,000 GiB", () => {
    // SCM's assert ignores its own default compression (3); our disk follows state ÷ compression × copies × buffer.
    const data = role(candidates(es({ readsPerSecond: 0, writesPerSecond: 0, datasetGiB: 10_000 }))[0]!, "data");
    expect(data.requirements.diskGib * data.zones).toBeLessThan(1.33 * 3 * 10_000);
  });
});

describe(upstream(F, "test_es_100_gib_plan_can_use_r5d_xlarge_data_nodes"), () => {
  it("restricted to r5d, 100 GiB at 1000 reads/s fits r5d.xlarge data nodes, one node's memory per zone", () => {
    const d = es({ tier: 1, readsPerSecond: 1000, writesPerSecond: 0, datasetGiB: 100, instanceFamilies: ["r5d"] });
    const data = role(candidates(d)[0]!, "data");
    expect(data.instance.name).toBe("r5d.xlarge");
    const usable = data.instance.ramGib - esHeapGib(data.instance.ramGib) - ELASTICSEARCH.appReserveGib - ELASTICSEARCH.systemReserveGib;
    expect(data.requirements.memoryGib).toBeLessThanOrEqual(usable);
    expect(data.nodesPerZone).toBe(1);
  });
});
