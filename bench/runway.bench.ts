// What the capacity runway costs, on the simulated metrics (no database: the simulation's world is built from a real
// plan in memory): the at-risk check over one datastore (a day of traffic, three days of disk), the tab's week of
// series with its analysis and re-plan, and the at-risk check at 200 datastores in a row (what the at-risk list pays
// when its per-minute cache is cold). Most of it is the simulation computing every minute of every series.
// Run: tsx --conditions=react-server bench/runway.bench.ts
import { performance } from "node:perf_hooks";
import { planWorkload, primaryInstanceType } from "../lib/planner";
import { CANONICAL_USE_CASES } from "../lib/planner/examples";
import { topologyClusterOf } from "../lib/schemas/datastore";
import { WorkloadSchema } from "../lib/schemas/workload";
import type { AtRiskDatastore } from "../lib/server/health/at-risk-contract";
import { SimulatedMetricsSource } from "../lib/server/health/simulated-metrics-source";
import { simModelOf } from "../lib/server/health/simulation-model";
import { RUNWAY_AT_RISK_CHECK } from "../lib/server/health/runway-at-risk";
import { analyseRunway, runwayQueries } from "../lib/server/health/runway-analysis";
import { runwayRange } from "../lib/server/health/runway-window";
import { observedWorkload } from "../lib/server/health/runway";
import { proposalPlan } from "../lib/server/health/replan-cost";

const DAY = 86_400_000;
const useCase = CANONICAL_USE_CASES.find((u) => u.id === "viewing-history");
if (!useCase) throw new Error("no viewing-history");
const workload = WorkloadSchema.parse({ ...useCase.workload, name: "bench-runway" });
const result = planWorkload({ workload, family: "cassandra", alternatives: 1 });
const plan = result.plans[0];
if (!plan) throw new Error("no plan");
const planClusters = plan.clusters;
const topology = plan.clusters.map(topologyClusterOf);
const thresholds = plan.thresholds.map((t) => ({ ...t, warning: t.warning ?? null }));
const now = new Date();
const activeSince = new Date(now.getTime() - 30 * DAY);
const incidents = [{ kind: "traffic-growth" as const, region: null, role: null, magnitude: 2, startsAt: new Date(now.getTime() - DAY), endsAt: null }];

function source(id: string): SimulatedMetricsSource {
  const model = simModelOf({ datastoreId: id, activeSince, topology, planClusters, workload, incidents });
  return new SimulatedMetricsSource(() => Promise.resolve({ model, datastoreName: "bench-runway", regions: workload.regions, thresholds }));
}
const datastore = (id: string): AtRiskDatastore => ({
  id,
  name: "bench-runway",
  family: "cassandra",
  tier: 1,
  teamId: "t",
  teamSlug: "t",
  topology,
  workload,
  thresholds,
});
const target = (id: string) => ({ datastoreId: id, family: "cassandra", alarmNames: [], activeSince });

async function median(runs: number, f: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await f();
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)] ?? NaN;
}

async function main(): Promise<void> {
  const one = await median(15, async () => {
    const findings = await RUNWAY_AT_RISK_CHECK.evaluate({ datastore: datastore("ds-0"), source: source("ds-0"), target: target("ds-0"), now });
    if (findings.length === 0) throw new Error("expected findings under traffic ×2");
  });
  const tab = await median(15, async () => {
    const inputs = { topology, thresholds, workload };
    const series = await source("ds-0").series(target("ds-0"), runwayQueries(inputs), runwayRange(now, activeSince));
    const a = analyseRunway(inputs, series);
    proposalPlan(observedWorkload(workload, a.observed), "cassandra", primaryInstanceType(topology) ?? "", {
      instanceType: "",
      nodes: 0,
      monthlyCost: 0,
      annualCost: 0,
    });
  });
  const t200 = performance.now();
  for (let i = 0; i < 200; i++)
    await RUNWAY_AT_RISK_CHECK.evaluate({ datastore: datastore(`ds-${i}`), source: source(`ds-${i}`), target: target(`ds-${i}`), now });
  const all = performance.now() - t200;

  console.log(`runway (simulated metrics, viewing history: 2 regions; series computed minute by minute):`);
  console.log(`  at-risk check, one datastore            median ${one.toFixed(1)} ms`);
  console.log(`  capacity tab: series + analysis + re-plan median ${tab.toFixed(1)} ms`);
  console.log(`  at-risk check, 200 datastores in a row   ${all.toFixed(0)} ms`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
