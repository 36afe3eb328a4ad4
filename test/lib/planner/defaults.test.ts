// One default, one place (issue 8 §2): each model's defaults size the cluster and set its alarms alike, and are
// exported for the UI to show as "model default" values.
import { describe, expect, it } from "vitest";
import { MODELS, modelDefaults } from "@/lib/planner";
import type { PointDesires } from "@/lib/planner";
import { FAMILIES, type Family } from "@/lib/schemas";
import { desires } from "../../support/desires";
import { usEast1 as hw } from "../../support/models";

const domain: Record<Family, Partial<PointDesires>> = {
  evcache: { accessPattern: "key-value", consistency: "best-effort", durability: "rebuildable", readItemBytes: 512, writeItemBytes: 512 },
  cassandra: { accessPattern: "time-series", consistency: "read-your-writes", durability: "durable", storage: "attached", datasetGiB: 3000 },
  elasticsearch: { accessPattern: "search", consistency: "eventual", durability: "rebuildable", features: ["full-text"] },
  graph: { accessPattern: "graph", consistency: "read-your-writes", durability: "durable", features: ["traversals"] },
  dynomite: { accessPattern: "queue", consistency: "eventual", durability: "durable", features: ["delayed-delivery"] },
};

describe.each(FAMILIES)("%s defaults", (family) => {
  const model = MODELS[family];
  const d = desires(domain[family]);

  it("sizes and alarms the same whether the SLOs are left out or given as the model's defaults", () => {
    const explicit = { ...d, readLatencyP99Ms: model.defaults.readLatencyP99Ms, writeLatencyP99Ms: model.defaults.writeLatencyP99Ms };
    const implicit = model.planRegion(d, hw, { maxCandidates: 2 });
    const given = model.planRegion(explicit, hw, { maxCandidates: 2 });
    expect(given.candidates.map((c) => c.clusters.map((k) => [k.instance.name, k.nodesPerZone]))).toEqual(
      implicit.candidates.map((c) => c.clusters.map((k) => [k.instance.name, k.nodesPerZone])),
    );
    const clusters = implicit.candidates[0]!.clusters;
    expect(model.thresholds(explicit, clusters)).toEqual(model.thresholds(d, clusters));
  });

  it("alarms at the read SLO it sizes for, and says so through modelDefaults()", () => {
    const clusters = model.planRegion(d, hw, { maxCandidates: 1 }).candidates[0]!.clusters;
    const read = model.thresholds(d, clusters).find((t) => t.metric === "read-latency-p99" && t.family === family);
    expect(read?.critical).toBe(model.defaults.readLatencyP99Ms);
    expect(modelDefaults(family)).toBe(model.defaults);
  });
});

describe("cassandra's defaults", () => {
  it("size for a 5 ms p99 read and alarm at 5 ms, not 10", () => {
    const model = MODELS.cassandra;
    expect(model.defaults.readLatencyP99Ms).toBe(5);
    const d = desires();
    const clusters = model.planRegion(d, hw, { maxCandidates: 1 }).candidates[0]!.clusters;
    expect(model.thresholds(d, clusters).find((t) => t.metric === "read-latency-p99")?.critical).toBe(5);
  });
});
