// The health of one provisioned datastore over 24 h or 7 d: per region and role, p99 read/write latency against its
// thresholds, throughput against the plan, CPU/disk/memory (and any other metric it has a threshold for); every
// alarm's state with its routing, runbook and 30-day fire count; the state changes over the range. Read through the
// MetricsSource seam; visible to whoever may see the datastore.
import "server-only";
import { AppError } from "@/lib/errors";
import { RUNBOOKS, runbookPath } from "@/lib/runbooks";
import { isProvisioned } from "@/lib/schemas/datastore";
import { THRESHOLD_METRICS, type Threshold } from "@/lib/schemas/plan";
import type { DatastoreHealth, HealthAlarm, HealthQuery, HealthSeries } from "@/lib/schemas/sla-health";
import type { Actor } from "../auth/actor";
import { db } from "../db/client";
import { toDatastoreDto } from "../datastores/datastore-dto";
import { findVisibleDatastore } from "../datastores/get-datastore";
import { parseAlarmNames } from "./alarm-names";
import { toIncidentDto } from "./incidents/incident-dto";
import type { HealthMetric, MetricsSource } from "./metrics-source";
import { getMetricsSource, metricsTargetOf } from "./metrics-source-factory";
import type { SimCluster } from "./simulation";
import { activeSinceOf, loadSimModel } from "./simulation-model";

const DAY_MS = 86_400_000;
export const RANGES = { "24h": { ms: DAY_MS, periodSeconds: 300 }, "7d": { ms: 7 * DAY_MS, periodSeconds: 3600 } } as const;
const FIRE_WINDOW_MS = 30 * DAY_MS;
const HISTORY_LIMIT = 200;

/** The charts every role gets, in order; a role's other threshold metrics follow. */
const CHART_METRICS = [
  "read-latency-p99",
  "write-latency-p99",
  "reads-per-second",
  "writes-per-second",
  "cpu-utilisation",
  "disk-used",
  "memory-used",
] as const;

const UNITS: Record<string, string> = {
  "read-latency-p99": "ms",
  "write-latency-p99": "ms",
  "reads-per-second": "per-second",
  "writes-per-second": "per-second",
  "cpu-utilisation": "percent",
  "disk-used": "percent",
  "memory-used": "percent",
};

function plannedOf(metric: HealthMetric, plan: SimCluster | undefined): number | null {
  if (!plan) return null;
  switch (metric) {
    case "reads-per-second":
      return plan.readsPerSecond;
    case "writes-per-second":
      return plan.writesPerSecond;
    case "cpu-utilisation":
      return round(plan.cpu * 100);
    case "memory-used":
      return round(plan.memory * 100);
    default:
      return null;
  }
}

function round(v: number): number {
  return Math.round(v * 100) / 100;
}

export interface GetDatastoreHealthOptions {
  actor: Actor;
  id: string;
  query: HealthQuery;
  now?: Date;
  source?: MetricsSource;
}

export async function getDatastoreHealth({
  actor,
  id,
  query,
  now = new Date(),
  source = getMetricsSource(),
}: GetDatastoreHealthOptions): Promise<DatastoreHealth> {
  const row = await findVisibleDatastore(db(), actor, id);
  const dto = toDatastoreDto(row);
  if (!isProvisioned(dto)) throw new AppError("conflict", `${dto.name} is ${dto.status}: it has no health to show until it has been provisioned.`);

  const activeSince = (await activeSinceOf(db(), [id])).get(id) ?? row.createdAt;
  const target = metricsTargetOf({ ...row, activeSince });
  const plan = await loadSimModel(id, activeSince);
  const { ms, periodSeconds } = RANGES[query.range];
  // Aligned to the period, so the range holds exactly its points (the last one the period in progress).
  const from = new Date(Math.ceil((now.getTime() - ms) / (periodSeconds * 1000)) * periodSeconds * 1000);

  const thresholdOf = (role: string, metric: string): Threshold | undefined => dto.thresholds.find((t) => t.role === role && t.metric === metric);
  const queries = dto.topology.flatMap((c) => {
    const extra = dto.thresholds.filter((t) => t.role === c.role && !(CHART_METRICS as readonly string[]).includes(t.metric)).map((t) => t.metric);
    return [...CHART_METRICS, ...extra].map((metric) => ({
      id: `${c.region}/${c.role}/${metric}`,
      region: c.region,
      role: c.role,
      metric: metric as HealthMetric,
    }));
  });

  const [series, states, history] = await Promise.all([
    source.series(target, queries, { from, to: now, periodSeconds }),
    source.alarms(target),
    source.alarmHistory(target, new Date(now.getTime() - FIRE_WINDOW_MS), now),
  ]);

  const clusters = dto.topology.map((c) => {
    const planCluster = plan?.clusters.find((p) => p.region === c.region && p.role === c.role);
    const own = queries.filter((q) => q.region === c.region && q.role === c.role);
    return {
      region: c.region,
      role: c.role,
      family: c.family,
      series: own.map((q): HealthSeries => {
        const t = thresholdOf(c.role, q.metric);
        const points = (series.get(q.id) ?? []).map((p) => ({ at: p.at.toISOString(), value: p.value }));
        const values = points.map((p) => p.value);
        const worst = values.length === 0 ? null : t?.comparison === "below" ? Math.min(...values) : Math.max(...values);
        return {
          metric: q.metric,
          unit: t?.unit ?? UNITS[q.metric] ?? "count",
          points,
          warning: t?.warning ?? null,
          critical: t?.critical ?? null,
          comparison: t?.comparison ?? null,
          planned: plannedOf(q.metric, planCluster),
          latest: values.at(-1) ?? null,
          worst,
        };
      }),
    };
  });

  const refs = parseAlarmNames(target.alarmNames, { datastoreName: dto.name, regions: dto.regions, thresholds: dto.thresholds });
  const stateByName = new Map(states.map((s) => [s.alarmName, s]));
  const fires = new Map<string, number>();
  for (const h of history) if (h.to === "alarm") fires.set(h.alarmName, (fires.get(h.alarmName) ?? 0) + 1);
  const alarms = refs.flatMap((ref): HealthAlarm[] => {
    const metric = THRESHOLD_METRICS.find((m) => m === ref.metric);
    if (!metric) return [];
    const t = thresholdOf(ref.role, ref.metric);
    const s = stateByName.get(ref.alarmName);
    return [
      {
        alarmName: ref.alarmName,
        region: ref.region,
        role: ref.role,
        metric,
        severity: ref.severity,
        state: s?.state ?? "insufficient-data",
        reason: s?.reason ?? "The cloud does not report this alarm.",
        since: (s?.since ?? activeSince).toISOString(),
        firesLast30Days: fires.get(ref.alarmName) ?? 0,
        routing: ref.severity === "critical" ? "page" : "team-channel",
        runbook: { href: runbookPath(metric), firstStep: RUNBOOKS[metric].firstStep },
        level: t ? (ref.severity === "critical" ? t.critical : (t.warning ?? null)) : null,
        unit: t?.unit ?? UNITS[metric] ?? "count",
      },
    ];
  });
  // Firing first, criticals before warnings; then by region, role and metric.
  const rank = (a: HealthAlarm) => (a.state === "alarm" ? 0 : 2) + (a.severity === "critical" ? 0 : 1);
  alarms.sort((a, b) => rank(a) - rank(b) || a.region.localeCompare(b.region) || a.role.localeCompare(b.role) || a.metric.localeCompare(b.metric));

  const incidents =
    source.kind === "simulated"
      ? (await db().healthIncident.findMany({ where: { datastoreId: id }, orderBy: { startsAt: "desc" }, take: 50 })).map((r) => toIncidentDto(r, now))
      : [];

  return {
    datastoreId: id,
    range: query.range,
    from: from.toISOString(),
    to: now.toISOString(),
    periodSeconds,
    source: source.kind,
    clusters,
    alarms,
    history: history
      .filter((h) => h.at >= from)
      .reverse()
      .slice(0, HISTORY_LIMIT)
      .map((h) => ({ alarmName: h.alarmName, at: h.at.toISOString(), from: h.from, to: h.to, reason: h.reason })),
    incidents,
  };
}
