// The health benchmark's measuring process (bench/health.bench.ts starts it on a fresh, migrated SQLite database with
// DATABASE_URL and DATA_DIR in its environment): seeds N active datastores the way provisioning leaves them — a
// request with its pinned plan, the datastore with the plan's topology and thresholds, the stack's outputs with
// infra/alarms.ts's alarm names, a succeeded up 20 days ago — injects latency spikes into one in ten, then times the
// health API's use-case over 24 h and 7 d and the at-risk list, cold (nothing cached) and warm (the same minute).
import { performance } from "node:perf_hooks";
import { planWorkload } from "../lib/planner";
import { CANONICAL_USE_CASES } from "../lib/planner/examples";
import { topologyClusterOf } from "../lib/schemas/datastore";
import { WorkloadSchema } from "../lib/schemas/workload";
import type { Actor } from "../lib/server/auth/actor";
import { db } from "../lib/server/db/client";
import { regionRowsCreate } from "../lib/server/datastores/region-rows";
import { toThresholdRow } from "../lib/server/datastores/threshold-rows";
import { alarmPrefix } from "../lib/server/health/alarm-names";
import { forgetAtRisk } from "../lib/server/health/at-risk-cache";
import { getDatastoreHealth } from "../lib/server/health/get-datastore-health";
import { listAtRisk } from "../lib/server/health/list-at-risk";
import { setMetricsSourceForTests } from "../lib/server/health/metrics-source-factory";
import { SimulatedMetricsSource } from "../lib/server/health/simulated-metrics-source";

const N = Number(process.env.BENCH_DATASTORES ?? 200);
const DAY = 86_400_000;
const admin: Actor = { kind: "user", userId: "bench-admin", label: "user:bench@example.test", isAdmin: true, platformReviewer: false, roles: new Map() };

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

async function time(times: number, fn: () => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < times; i++) {
    const t0 = performance.now();
    await fn();
    out.push(performance.now() - t0);
  }
  return out;
}

async function seed(): Promise<string[]> {
  const team = await db().team.create({ data: { slug: "bench", name: "bench" } });
  const plans = CANONICAL_USE_CASES.map((uc) => {
    const workload = WorkloadSchema.parse({ ...uc.workload, regions: ["us-east-1", "eu-west-1"] });
    return { workload, result: planWorkload({ workload, alternatives: 1 }) };
  });
  const ids: string[] = [];
  const activeSince = new Date(Date.now() - 20 * DAY);
  for (let i = 0; i < N; i++) {
    const { workload, result } = plans[i % plans.length] as (typeof plans)[number];
    const plan = result.plans[0];
    if (!plan) throw new Error("every canonical use case has a plan");
    const name = `${workload.name}-${i}`;
    const request = await db().request.create({
      data: {
        teamId: team.id,
        createdById: "bench",
        name,
        status: "approved",
        workload,
        family: plan.family,
        planResult: result,
        chosenRank: 1,
        thresholds: plan.thresholds,
      },
    });
    const regions = workload.regions;
    const topology = plan.clusters.map(topologyClusterOf);
    const outputs = {
      datastoreId: "",
      regions: Object.fromEntries(
        regions.map((r) => [
          r,
          {
            groupNames: [],
            groupNamesByRole: Object.fromEntries(
              topology.filter((c) => c.region === r).map((c) => [c.role, [`${name}-${r}-${c.role}-a`, `${name}-${r}-${c.role}-b`, `${name}-${r}-${c.role}-c`]]),
            ),
            securityGroupIds: [],
            endpoints: {},
            alarmNames: plan.thresholds.flatMap((t) => [
              alarmPrefix(name, r, t.role, t.metric, "critical"),
              ...(t.warning === undefined ? [] : [alarmPrefix(name, r, t.role, t.metric, "warning")]),
            ]),
          },
        ]),
      ),
    };
    const ds = await db().datastore.create({
      data: {
        name,
        teamId: team.id,
        requestId: request.id,
        family: plan.family,
        tier: workload.tier,
        status: "active",
        regions,
        regionRows: regionRowsCreate(regions),
        topology,
        engine: "bench",
        engineVersion: "1",
        annualCost: plan.annualCost,
        monthlyCost: plan.monthlyCost,
        contacts: [],
        outputs,
        thresholds: { create: plan.thresholds.map(toThresholdRow) },
      },
    });
    await db().operation.create({
      data: {
        datastoreId: ds.id,
        kind: "up",
        purpose: "provision",
        status: "succeeded",
        requestedBy: "system",
        spec: {},
        specHash: "",
        finishedAt: activeSince,
      },
    });
    if (i % 10 === 0) {
      await db().healthIncident.create({
        data: { datastoreId: ds.id, kind: "latency-spike", magnitude: 8, startsAt: new Date(Date.now() - 2 * 3_600_000), createdBy: "bench" },
      });
    }
    ids.push(ds.id);
  }
  return ids;
}

async function main() {
  setMetricsSourceForTests(new SimulatedMetricsSource());
  const t0 = performance.now();
  const ids = await seed();
  console.log(`\nSLA health (simulated metrics, SQLite): ${N} active datastores seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const sample = ids.slice(0, 10);
  const rows: string[][] = [];
  for (const range of ["24h", "7d"] as const) {
    const ms: number[] = [];
    let points = 0;
    for (const id of sample) {
      ms.push(
        ...(await time(3, async () => {
          const h = await getDatastoreHealth({ actor: admin, id, query: { range } });
          points = h.clusters.reduce((n, c) => n + c.series.reduce((m, s) => m + s.points.length, 0), 0);
        })),
      );
    }
    rows.push([`health ${range} (one datastore)`, `${median(ms).toFixed(1)}`, `${Math.max(...ms).toFixed(1)}`, `${points} points, 30-day alarm history`]);
  }

  const cold: number[] = [];
  const warm: number[] = [];
  let found = 0;
  for (let i = 0; i < 3; i++) {
    forgetAtRisk();
    cold.push(...(await time(1, async () => (found = (await listAtRisk({ actor: admin })).items.length))));
    warm.push(...(await time(3, () => listAtRisk({ actor: admin }))));
  }
  rows.push([`at-risk, ${N} datastores, cold`, median(cold).toFixed(1), Math.max(...cold).toFixed(1), `${found} at risk`]);
  rows.push([`at-risk, ${N} datastores, warm`, median(warm).toFixed(1), Math.max(...warm).toFixed(1), "per-datastore, per-minute cache"]);

  const header = ["what", "median ms", "max ms", "size"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 || i === 3 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join("  ");
  console.log(line(header));
  for (const r of rows) console.log(line(r));
  await db().$disconnect();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
