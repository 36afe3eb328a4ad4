import { it } from "vitest";
import { regionHardware } from "../../../../lib/catalog";
import { elasticsearch } from "../../../../lib/planner/models/elasticsearch";
import { graph } from "../../../../lib/planner/models/graph";
import type { PointDesires } from "../../../../lib/planner/model";
const base: PointDesires = { tier: 1, accessPattern: "search", readsPerSecond: 2000, writesPerSecond: 5000, readItemBytes: 4096, writeItemBytes: 2048, datasetGiB: 1024, consistency: "eventual", durability: "durable", regionCount: 1, crossRegionReplication: false, features: ["full-text"], traversalDepth: 2, fanout: 10, storage: "any" };
it("x", () => {
  const hw = regionHardware("us-east-1");
  const t0 = performance.now();
  const p = elasticsearch.planRegion(base, hw, { maxCandidates: 4 });
  console.log("es ms", performance.now() - t0);
  for (const c of p.candidates) { console.log(c.rank, c.clusters.map(k => `${k.role}:${k.nodesPerZone}x${k.instance.name} ${JSON.stringify(k.utilisation)}`).join(" | ")); }
  console.log(p.candidates[0]?.explanation.join("\n"), p.warnings, p.rejected.slice(0, 5));
  const g: PointDesires = { ...base, accessPattern: "graph", features: ["traversals"], readsPerSecond: 1000, writesPerSecond: 500, datasetGiB: 200, traversalDepth: 3, fanout: 10, consistency: "read-your-writes" };
  const t1 = performance.now();
  const q = graph.planRegion(g, hw, { maxCandidates: 4 });
  console.log("graph ms", performance.now() - t1);
  for (const c of q.candidates) { console.log(c.rank, c.clusters.map(k => `${k.role}:${k.nodesPerZone}x${k.instance.name} ${JSON.stringify(k.utilisation)}`).join(" | ")); }
  console.log(q.candidates[0]?.explanation.join("\n"), q.warnings, q.rejected.slice(0, 5));
});
