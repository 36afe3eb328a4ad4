// The simulated world's metrics, as pure functions of a datastore's plan, its thresholds and the incidents injected
// into it: the same model and the same minute always give the same value, so a chart, an alarm's state and its
// history drawn from them agree with one another, on every read and in every process.
//
// One value per minute (the alarms' period, infra/alarms.ts ALARM_PERIOD_SECONDS) for each region, role and metric:
//   planned level (the plan's utilisation at peak, the workload's rates, 40% of the latency SLO)
//   × a daily curve (peak 1.0 at 20:00 UTC, trough 0.4 at 08:00) × seeded noise (a few per cent)
//   × the incidents active at that minute (traffic growth × its factor on throughput and the utilisations it drives,
//     latency spike × its factor on p99, disk filling + its percentage points per day since it began).
// Longer periods aggregate the minutes with the alarm's statistic (Maximum for engine metrics, Average for CPU and
// throughput), as CloudWatch would.
import "server-only";
import type { IncidentKind } from "@/lib/schemas/sla-health";
import type { AlarmStateValue, HealthMetric, MetricPoint } from "./metrics-source";

export const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const MONTH_MS = 30.44 * DAY_MS;

export interface SimIncident {
  kind: IncidentKind;
  /** Null: every region (role). */
  region: string | null;
  role: string | null;
  magnitude: number;
  startsAt: Date;
  endsAt: Date | null;
}

/** What the plan says one cluster (a role in a region) runs at, at peak. */
export interface SimCluster {
  region: string;
  role: string;
  /** Shares 0–1 of what the nodes provide, at peak (the plan's utilisation). */
  cpu: number;
  memory: number;
  /**
   * Share of the nodes' disks the data fills on the day it became active (null: no data disk). The plan's data
   * size without its headroom buffer, against the physical disks: see simulation-model.ts.
   */
  diskAtStart: number | null;
  /** Share of the disks the declared growth adds per month. */
  diskGrowthPerMonth: number;
  readsPerSecond: number;
  writesPerSecond: number;
  readLatencyP99Ms: number;
  writeLatencyP99Ms: number;
}

export interface SimThreshold {
  metric: string;
  role: string;
  comparison: "above" | "below" | string;
  warning: number | null;
  critical: number;
  forMinutes: number;
}

export interface SimModel {
  datastoreId: string;
  activeSince: Date;
  clusters: readonly SimCluster[];
  incidents: readonly SimIncident[];
}

// ── Seeded noise ──────────────────────────────────────────────────────────────────────────────────────────────
function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A value in [−1, 1], a function of the seed and the minute only. */
function noise(seed: number, minute: number): number {
  let x = (seed ^ Math.imul(minute | 0, 0x9e3779b1)) >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  x = (x ^ (x >>> 16)) >>> 0;
  return (x / 0xffffffff) * 2 - 1;
}

/** 1.0 at 20:00 UTC, 0.4 at 08:00 UTC: the planned peak is the day's busiest hour. */
export function dailyCurve(at: number): number {
  const dayShare = (((at % DAY_MS) + DAY_MS) % DAY_MS) / DAY_MS;
  return 0.7 + 0.3 * Math.cos(2 * Math.PI * (dayShare - 20 / 24));
}

// ── Incidents ─────────────────────────────────────────────────────────────────────────────────────────────────
function applies(incident: SimIncident, cluster: SimCluster): boolean {
  return (incident.region === null || incident.region === cluster.region) && (incident.role === null || incident.role === cluster.role);
}

function activeAt(incident: SimIncident, at: number): boolean {
  return incident.startsAt.getTime() <= at && (incident.endsAt === null || at < incident.endsAt.getTime());
}

interface Effects {
  traffic: number;
  latency: number;
  diskPoints: number;
}

function effectsAt(incidents: readonly SimIncident[], at: number): Effects {
  let traffic = 1;
  let latency = 1;
  let diskPoints = 0;
  for (const i of incidents) {
    if (i.kind === "disk-filling") {
      const start = i.startsAt.getTime();
      if (at < start) continue;
      const end = Math.min(at, i.endsAt?.getTime() ?? at);
      // The data written while it lasted stays after it ends.
      diskPoints += (i.magnitude * Math.max(0, end - start)) / DAY_MS;
    } else if (activeAt(i, at)) {
      if (i.kind === "traffic-growth") traffic *= i.magnitude;
      else latency *= i.magnitude;
    }
  }
  return { traffic, latency, diskPoints };
}

// ── One minute's value ────────────────────────────────────────────────────────────────────────────────────────
const clampPercent = (v: number) => Math.min(100, Math.max(0, v));

/** The metric's value at `at` (a minute boundary), or null where the role has no such thing (no data disk). */
export function valueAt(
  model: SimModel,
  cluster: SimCluster,
  incidents: readonly SimIncident[],
  metric: HealthMetric,
  seed: number,
  at: number,
): number | null {
  const minute = Math.floor(at / MINUTE_MS);
  const curve = dailyCurve(at);
  // The jitter is written out, not a closure: this runs once per minute of every series (a week is 10,080 minutes a
  // metric), and under tsx (the worker, the benchmarks) every function created is also named at run time, which cost
  // more than the maths.
  const n = noise(seed, minute);
  const fx = effectsAt(incidents, at);
  const load = curve * fx.traffic;
  // Latency climbs with load above the plan (queueing), and by the spike's factor.
  const latencyLoad = (0.8 + 0.2 * curve) * Math.sqrt(Math.max(1, fx.traffic)) * fx.latency;
  switch (metric) {
    case "reads-per-second":
      return cluster.readsPerSecond * load * (1 + 0.03 * n);
    case "writes-per-second":
      return cluster.writesPerSecond * load * (1 + 0.03 * n);
    case "cpu-utilisation":
      return clampPercent(cluster.cpu * 100 * load * (1 + 0.04 * n));
    case "memory-used":
      // Caches and heaps hold memory whatever the hour; the traffic-driven part follows the load.
      return clampPercent(cluster.memory * 100 * (0.9 + 0.1 * curve) * fx.traffic * (1 + 0.01 * n));
    case "disk-used": {
      if (cluster.diskAtStart === null) return null;
      const months = Math.max(0, at - model.activeSince.getTime()) / MONTH_MS;
      return clampPercent((cluster.diskAtStart + cluster.diskGrowthPerMonth * months) * 100 * (1 + 0.002 * n) + fx.diskPoints);
    }
    case "read-latency-p99":
      return 0.4 * cluster.readLatencyP99Ms * latencyLoad * (1 + 0.05 * n);
    case "write-latency-p99":
      return 0.4 * cluster.writeLatencyP99Ms * latencyLoad * (1 + 0.05 * n);
    case "jvm-heap-used":
      return clampPercent(45 * (0.8 + 0.2 * curve) * Math.sqrt(fx.traffic) * (1 + 0.05 * n));
    case "cluster-status":
      return 0;
    case "evictions":
      return Math.max(0, 0.5 * load * load * (1 + 0.5 * n));
    case "queue-depth":
      return Math.max(0, cluster.writesPerSecond * 0.001 * load * load * (1 + 0.2 * n));
    case "queue-oldest-age":
      return Math.max(0, 2 * load * load * (1 + 0.2 * n));
    case "replication-lag":
      return Math.max(0, 0.2 * load * load * (1 + 0.2 * n));
  }
}

/** The statistic a period aggregates its minutes with (infra/alarms.ts METRIC_SOURCES). */
function aggregatesByMax(metric: HealthMetric): boolean {
  return !(metric === "cpu-utilisation" || metric === "reads-per-second" || metric === "writes-per-second");
}

export function seedOf(datastoreId: string, region: string, role: string, metric: string): number {
  return hashString(`${datastoreId}/${region}/${role}/${metric}`);
}

/** Minute-by-minute values over [from, to), from the first minute at or after activeSince; null where none. */
export function minuteValues(
  model: SimModel,
  cluster: SimCluster,
  metric: HealthMetric,
  from: number,
  to: number,
): { start: number; values: (number | null)[] } {
  const first = Math.max(Math.ceil(from / MINUTE_MS), Math.ceil(model.activeSince.getTime() / MINUTE_MS)) * MINUTE_MS;
  const incidents = model.incidents.filter((i) => applies(i, cluster));
  const seed = seedOf(model.datastoreId, cluster.region, cluster.role, metric);
  const values: (number | null)[] = [];
  for (let at = first; at < to; at += MINUTE_MS) values.push(valueAt(model, cluster, incidents, metric, seed, at));
  return { start: first, values };
}

/**
 * One point per period, each at its period's start, over [from rounded down to the period, to) as GetMetricData
 * returns them; a period before activeSince has no point.
 */
export function simulatedSeries(model: SimModel, cluster: SimCluster, metric: HealthMetric, from: Date, to: Date, periodSeconds: number): MetricPoint[] {
  const period = Math.max(60, Math.round(periodSeconds / 60) * 60) * 1000;
  const firstBucket = Math.floor(from.getTime() / period) * period;
  // Minutes before `to` only: the period in progress holds what has happened so far.
  const { start, values } = minuteValues(model, cluster, metric, firstBucket, to.getTime());
  const byMax = aggregatesByMax(metric);
  const points: MetricPoint[] = [];
  let bucket = -1;
  let acc = 0;
  let n = 0;
  const flush = () => {
    if (n > 0) points.push({ at: new Date(bucket), value: round3(byMax ? acc : acc / n) });
  };
  values.forEach((v, i) => {
    const at = start + i * MINUTE_MS;
    const b = Math.floor(at / period) * period;
    if (b !== bucket) {
      flush();
      bucket = b;
      acc = byMax ? -Infinity : 0;
      n = 0;
    }
    if (v === null) return;
    acc = byMax ? Math.max(acc, v) : acc + v;
    n++;
  });
  flush();
  return points.filter((p) => p.at.getTime() < to.getTime());
}

function round3(v: number): number {
  return Math.round(v * 1000) / 1000;
}

// ── Alarms, derived from the same minutes ─────────────────────────────────────────────────────────────────────
export interface Breach {
  comparison: string;
  level: number;
  forMinutes: number;
}

export function breaches(value: number, b: Breach): boolean {
  // GreaterThanOrEqualToThreshold / LessThanOrEqualToThreshold (infra/alarms.ts COMPARISON_OPERATORS).
  return b.comparison === "below" ? value <= b.level : value >= b.level;
}

export interface DerivedTransition {
  at: number;
  from: AlarmStateValue;
  to: AlarmStateValue;
  value: number | null;
}

/**
 * CloudWatch's evaluation with datapointsToAlarm = evaluationPeriods = forMinutes: ALARM when the last forMinutes
 * minutes all breach, OK when they are all present and one does not, INSUFFICIENT_DATA while fewer than
 * forMinutes minutes exist (a datastore that just became active). Walks minute by minute from `start`.
 */
export function deriveTransitions(start: number, values: readonly (number | null)[], b: Breach): { transitions: DerivedTransition[]; state: AlarmStateValue } {
  const transitions: DerivedTransition[] = [];
  let state: AlarmStateValue = "insufficient-data";
  let run = 0; // consecutive breaching minutes
  let present = 0; // consecutive minutes with data
  values.forEach((v, i) => {
    if (v === null) {
      run = 0;
      present = 0;
    } else {
      present++;
      run = breaches(v, b) ? run + 1 : 0;
    }
    const next: AlarmStateValue = present < b.forMinutes ? "insufficient-data" : run >= b.forMinutes ? "alarm" : "ok";
    if (next !== state) {
      transitions.push({ at: start + i * MINUTE_MS, from: state, to: next, value: v });
      state = next;
    }
  });
  return { transitions, state };
}
