// The simulated metrics: deterministic, driven by the plan, bent by incidents, and alarms derived from the same minutes.
import { describe, expect, it } from "vitest";
import { planWorkload } from "@/lib/planner";
import { topologyClusterOf } from "@/lib/schemas/datastore";
import { WorkloadSchema } from "@/lib/schemas/workload";
import { SimulatedMetricsSource, type SimulatedWorld } from "@/lib/server/health/simulated-metrics-source";
import { deriveTransitions, simulatedSeries, type SimIncident, type SimModel } from "@/lib/server/health/simulation";
import { honestDisk, PLANNED_CPU_BUSY_SHARE, simModelOf } from "@/lib/server/health/simulation-model";
import type { MetricsTarget } from "@/lib/server/health/metrics-source";
import { viewingHistory } from "../../../api/support";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const activeSince = new Date("2026-11-01T00:00:00Z");
const now = new Date("2026-11-20T12:00:00Z");

const workload = WorkloadSchema.parse({ ...viewingHistory, regions: ["us-east-1"] });
const planResult = planWorkload({ workload, family: "cassandra", alternatives: 1 });
const plan = planResult.plans[0];
if (!plan) throw new Error("the viewing-history workload has a plan");
const planClusters = plan.clusters;
const topology = plan.clusters.map(topologyClusterOf);
const dataCluster = plan.clusters.find((c) => c.role === "data");
if (!dataCluster) throw new Error("a Cassandra plan has a data role");

function model(incidents: SimIncident[] = []): SimModel {
  return simModelOf({ datastoreId: "ds-1", activeSince, topology, planClusters, workload, incidents });
}

function clusterOf(m: SimModel) {
  const c = m.clusters.find((x) => x.role === "data");
  if (!c) throw new Error("no data cluster");
  return c;
}

const day = { from: new Date(now.getTime() - DAY), to: now };

function series(m: SimModel, metric: Parameters<typeof simulatedSeries>[2], period = 300, range = day) {
  return simulatedSeries(m, clusterOf(m), metric, range.from, range.to, period);
}

describe("simulated series", () => {
  it("are deterministic: the same plan, incidents and range give the same points", () => {
    const a = series(model(), "read-latency-p99");
    const b = series(model(), "read-latency-p99");
    expect(a.length).toBe(288);
    expect(a).toEqual(b);
    // …and a different datastore is a different world (the seed includes its id).
    const other = simModelOf({ datastoreId: "ds-2", activeSince, topology, planClusters, workload, incidents: [] });
    expect(series(other, "read-latency-p99")).not.toEqual(a);
  });

  it("follow the plan: throughput peaks at the workload's rates, CPU at the planned cores' busy share, latency below the SLO", () => {
    const reads = series(model(), "reads-per-second").map((p) => p.value);
    expect(Math.max(...reads)).toBeGreaterThan(viewingHistory.readsPerSecond * 0.95);
    expect(Math.max(...reads)).toBeLessThan(viewingHistory.readsPerSecond * 1.05);
    expect(Math.min(...reads)).toBeLessThan(viewingHistory.readsPerSecond * 0.5); // the daily trough
    const cpu = series(model(), "cpu-utilisation").map((p) => p.value);
    // The planner's utilisation.cpu counts its queueing and background headroom: half of it is busy at peak.
    expect(Math.max(...cpu)).toBeLessThanOrEqual(dataCluster.utilisation.cpu * PLANNED_CPU_BUSY_SHARE * 100 * 1.05);
    expect(Math.max(...cpu)).toBeGreaterThan(dataCluster.utilisation.cpu * PLANNED_CPU_BUSY_SHARE * 100 * 0.9);
    const p99 = series(model(), "read-latency-p99").map((p) => p.value);
    expect(Math.max(...p99)).toBeLessThan(clusterOf(model()).readLatencyP99Ms * 0.5);
  });

  it("have no points before the datastore became active", () => {
    const early = { from: new Date(activeSince.getTime() - 2 * HOUR), to: new Date(activeSince.getTime() + 2 * HOUR) };
    const points = series(model(), "cpu-utilisation", 60, early);
    expect(points.length).toBe(120);
    expect(points[0]?.at.getTime()).toBe(activeSince.getTime());
  });

  it("a traffic growth raises throughput and the utilisations it drives by its factor, from its start", () => {
    const start = new Date(now.getTime() - 6 * HOUR);
    const grown = model([{ kind: "traffic-growth", region: null, role: null, magnitude: 1.3, startsAt: start, endsAt: null }]);
    for (const metric of ["reads-per-second", "writes-per-second", "cpu-utilisation", "memory-used"] as const) {
      const before = series(model(), metric, 60);
      const after = series(grown, metric, 60);
      after.forEach((p, i) => {
        const base = before[i]?.value ?? NaN;
        if (p.at < start) expect(p.value, `${metric} before the start`).toBe(base);
        else expect(p.value / base, `${metric} at ${p.at.toISOString()}`).toBeCloseTo(1.3, 2);
      });
    }
  });

  it("a latency spike multiplies p99 by its magnitude while it lasts, in its region and role only", () => {
    const start = new Date(now.getTime() - 4 * HOUR);
    const end = new Date(now.getTime() - 2 * HOUR);
    const spiked = model([{ kind: "latency-spike", region: "us-east-1", role: "data", magnitude: 5, startsAt: start, endsAt: end }]);
    const before = series(model(), "write-latency-p99", 60);
    series(spiked, "write-latency-p99", 60).forEach((p, i) => {
      const base = before[i]?.value ?? NaN;
      const inside = p.at >= start && p.at < end;
      expect(p.value / base).toBeCloseTo(inside ? 5 : 1, 2);
    });
    const elsewhere = model([{ kind: "latency-spike", region: "eu-west-1", role: null, magnitude: 5, startsAt: start, endsAt: null }]);
    expect(series(elsewhere, "read-latency-p99")).toEqual(series(model(), "read-latency-p99"));
  });

  it("a disk filling adds its percentage points per day, and what it wrote stays after it ends", () => {
    const start = new Date(now.getTime() - 3 * DAY);
    const end = new Date(now.getTime() - DAY);
    const filling = model([{ kind: "disk-filling", region: null, role: "data", magnitude: 4, startsAt: start, endsAt: end }]);
    const week = { from: new Date(now.getTime() - 7 * DAY), to: now };
    const before = series(model(), "disk-used", 3600, week);
    const after = series(filling, "disk-used", 3600, week);
    const at = (pts: typeof before, t: number) => pts.find((p) => p.at.getTime() === t)?.value ?? NaN;
    const hourAligned = (t: number) => Math.floor(t / HOUR) * HOUR;
    expect(at(after, hourAligned(start.getTime() - HOUR)) - at(before, hourAligned(start.getTime() - HOUR))).toBeCloseTo(0, 3);
    // One day in: +4 points (the hourly Maximum's last minute is 59 minutes past the hour).
    const oneDay = hourAligned(start.getTime() + DAY);
    expect(at(after, oneDay) - at(before, oneDay)).toBeCloseTo(4 * (1 + 59 / 1440), 1);
    const afterEnd = hourAligned(now.getTime() - 2 * HOUR);
    expect(at(after, afterEnd) - at(before, afterEnd)).toBeCloseTo(8, 1);
  });
});

describe("disk utilisation", () => {
  it("is the plan's data without its headroom buffer, scaled to today's data, against the physical disks", () => {
    const t = topology.find((c) => c.role === "data");
    if (!t?.drive) throw new Error("Cassandra runs on local disks");
    const buffer = Number(dataCluster.params["disk.buffer"]);
    expect(buffer).toBeGreaterThan(1);
    const disk = honestDisk(t, { ...dataCluster, params: dataCluster.params }, workload);
    const atHorizon = viewingHistory.datasetGiB + viewingHistory.growthGiBPerMonth * workload.horizonMonths;
    const expected = ((dataCluster.requirements.diskGib / buffer) * (viewingHistory.datasetGiB / atHorizon)) / (t.nodesPerZone * t.drive.sizeGib);
    expect(disk?.atStart).toBeCloseTo(expected, 6);
    // Never the planner's buffered requirement: that would count the compaction headroom twice.
    expect(disk?.atStart).toBeLessThan(dataCluster.utilisation.disk / buffer + 1e-9);
    expect(disk?.perMonth).toBeCloseTo(
      ((dataCluster.requirements.diskGib / buffer) * (viewingHistory.growthGiBPerMonth / atHorizon)) / (t.nodesPerZone * t.drive.sizeGib),
      6,
    );
    // A new cluster sits far below Cassandra's 55% disk alarm.
    const first = series(model(), "disk-used", 3600, { from: activeSince, to: new Date(activeSince.getTime() + DAY) })[0];
    expect(first?.value).toBeLessThan(55);
    expect(first?.value).toBeCloseTo(expected * 100, 0);
  });

  it("has no series for a role without a data disk", () => {
    const m = simModelOf({
      datastoreId: "ds-3",
      activeSince,
      topology: [{ region: "us-east-1", role: "cache", family: "evcache", instanceType: "r6g.xlarge", nodesPerZone: 2, zones: 3, nodes: 6 }],
      planClusters: [],
      workload,
      incidents: [],
    });
    const cache = m.clusters[0];
    if (!cache) throw new Error("one cluster");
    expect(simulatedSeries(m, cache, "disk-used", day.from, day.to, 300)).toEqual([]);
    expect(simulatedSeries(m, cache, "cpu-utilisation", day.from, day.to, 300).length).toBe(288);
  });
});

describe("derived alarm transitions", () => {
  const b = { comparison: "above", level: 10, forMinutes: 3 };
  it("need forMinutes of data, then forMinutes breaching minutes to alarm, and one good minute to clear", () => {
    const { transitions, state } = deriveTransitions(0, [1, 1, 1, 11, 11, 12, 12, 9, 11], b);
    expect(transitions.map((t) => [t.at / 60_000, t.from, t.to])).toEqual([
      [2, "insufficient-data", "ok"],
      [5, "ok", "alarm"],
      [7, "alarm", "ok"],
    ]);
    expect(state).toBe("ok");
  });
  it("compare below-thresholds the other way, and go to insufficient data when data stops", () => {
    const { transitions } = deriveTransitions(0, [5, 5, 5, null, null], { comparison: "below", level: 5, forMinutes: 3 });
    expect(transitions.map((t) => t.to)).toEqual(["alarm", "insufficient-data"]);
  });
});

describe("the simulated source's alarms", () => {
  const thresholds = [
    {
      metric: "read-latency-p99",
      role: "data",
      comparison: "above",
      warning: 0.4 * clusterOf(model()).readLatencyP99Ms * 2,
      critical: clusterOf(model()).readLatencyP99Ms,
      forMinutes: 5,
    },
  ];
  const alarmNames = ["vh-us-east-1-alarms-data-read-latency-p99-critical", "vh-us-east-1-alarms-data-read-latency-p99-warning-a1b2c3", "someone-else-alarm"];
  const target: MetricsTarget = { datastoreId: "ds-1", family: "cassandra", alarmNames, activeSince };
  const source = (incidents: SimIncident[]) =>
    new SimulatedMetricsSource(
      async (): Promise<SimulatedWorld> => ({ model: model(incidents), datastoreName: "vh", regions: ["us-east-1"], thresholds }),
      () => now,
    );

  it("are ok on the plan, and every alarm of the outputs that names a threshold is reported", async () => {
    const states = await source([]).alarms(target);
    expect(states.map((s) => [s.alarmName, s.state])).toEqual([
      ["vh-us-east-1-alarms-data-read-latency-p99-critical", "ok"],
      ["vh-us-east-1-alarms-data-read-latency-p99-warning-a1b2c3", "ok"],
    ]);
    expect(await source([]).alarmHistory(target, new Date(now.getTime() - 7 * DAY), now)).toEqual([]);
  });

  it("fire where the chart crosses the threshold for forMinutes, and the history agrees with the series", async () => {
    const start = new Date(now.getTime() - 90 * 60_000);
    const s = source([{ kind: "latency-spike", region: null, role: null, magnitude: 6, startsAt: start, endsAt: null }]);
    const states = await s.alarms(target);
    expect(states.every((a) => a.state === "alarm")).toBe(true);
    const history = await s.alarmHistory(target, new Date(now.getTime() - DAY), now);
    const critical = history.filter((h) => h.alarmName.endsWith("-critical"));
    expect(critical.length).toBeGreaterThanOrEqual(1);
    const firstAlarm = critical.find((h) => h.to === "alarm");
    if (!firstAlarm) throw new Error("the critical alarm fired");
    // The minute it fired, the last five minutes of the series were all at or above the critical level.
    const minutes = await s.series(target, [{ id: "p99", region: "us-east-1", role: "data", metric: "read-latency-p99" }], {
      from: new Date(firstAlarm.at.getTime() - 4 * 60_000),
      to: new Date(firstAlarm.at.getTime() + 1),
      periodSeconds: 60,
    });
    const values = (minutes.get("p99") ?? []).filter((p) => p.at <= firstAlarm.at).map((p) => p.value);
    expect(values).toHaveLength(5);
    for (const v of values) expect(v).toBeGreaterThanOrEqual(thresholds[0]?.critical ?? Infinity);
    expect(firstAlarm.at.getTime()).toBeGreaterThanOrEqual(start.getTime() + 4 * 60_000);
    expect(firstAlarm.reason).toMatch(/simulated/);
  });
});
