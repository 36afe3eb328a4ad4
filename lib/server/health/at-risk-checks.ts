// The questions the at-risk list asks of every active datastore (lib/server/health/at-risk-contract.ts). Health's
// two: is an alarm firing, and is a metric near its threshold without having fired yet. The runway's checks
// (running out of room, load departing from the plan) live with the runway (runway-at-risk.ts).
import "server-only";
import { formatMetric, metricTitle } from "@/lib/metric-format";
import type { Threshold } from "@/lib/schemas/plan";
import { parseAlarmNames } from "./alarm-names";
import type { AtRiskCheck, AtRiskContext, AtRiskFinding } from "./at-risk-contract";
import { RUNWAY_AT_RISK_CHECK } from "./runway-at-risk";

/** "Near" a threshold: the last half hour's worst point within this share of the warning level (critical without one). */
export const NEAR_SHARE = 0.05;
const NEAR_WINDOW_MS = 30 * 60_000;

const healthHref = (id: string) => `/catalog/${id}?tab=health`;

function regionsOf(ctx: AtRiskContext): { region: string; role: string }[] {
  const topology = Array.isArray(ctx.datastore.topology) ? (ctx.datastore.topology as unknown[]) : [];
  return topology.flatMap((c) => {
    if (typeof c !== "object" || c === null) return [];
    const { region, role } = c as { region?: unknown; role?: unknown };
    return typeof region === "string" && typeof role === "string" ? [{ region, role }] : [];
  });
}

/** An alarm of the datastore is in ALARM: critical ones page, warnings go to the team. */
export const alarmingCheck: AtRiskCheck = {
  id: "alarming",
  async evaluate(ctx) {
    const states = await ctx.source.alarms(ctx.target, ctx.signal);
    const firing = new Map(states.filter((s) => s.state === "alarm").map((s) => [s.alarmName, s]));
    if (firing.size === 0) return [];
    const refs = parseAlarmNames([...firing.keys()], {
      datastoreName: ctx.datastore.name,
      regions: [...new Set(regionsOf(ctx).map((r) => r.region))],
      thresholds: ctx.datastore.thresholds,
    });
    return refs.map((ref): AtRiskFinding => {
      const t = ctx.datastore.thresholds.find((x) => x.role === ref.role && x.metric === ref.metric);
      const level = t ? (ref.severity === "critical" ? t.critical : t.warning) : null;
      const since = firing.get(ref.alarmName)?.since;
      const at = since ? ` since ${since.toISOString().slice(11, 16)} UTC` : "";
      const against = level !== null && t ? ` its ${ref.severity} threshold of ${formatMetric(level, t.unit)}` : ` its ${ref.severity} threshold`;
      return {
        kind: "alarming",
        severity: ref.severity,
        summary: `${metricTitle(ref.metric)} ${t?.comparison === "below" ? "below" : "above"}${against}${at} (${ref.region}, ${ref.role}).`,
        metric: ref.metric,
        region: ref.region,
        role: ref.role,
        href: healthHref(ctx.datastore.id),
      };
    });
  },
};

function near(t: Pick<Threshold, "comparison">, value: number, level: number): boolean {
  return t.comparison === "below" ? value <= level * (1 + NEAR_SHARE) : value >= level * (1 - NEAR_SHARE);
}

/**
 * A metric's last half hour came within 5% of its warning level (critical when it has none), or crossed it without
 * the alarm having fired yet (not for long enough): act before it pages. Alarms already firing are "alarming".
 */
export const nearThresholdCheck: AtRiskCheck = {
  id: "near-threshold",
  async evaluate(ctx) {
    const clusters = regionsOf(ctx);
    const queries = ctx.datastore.thresholds.flatMap((t) =>
      clusters
        .filter((c) => c.role === t.role)
        .map((c) => ({ id: `${c.region}/${t.role}/${t.metric}`, region: c.region, role: t.role, metric: t.metric as Threshold["metric"], t })),
    );
    if (queries.length === 0) return [];
    const [series, states] = await Promise.all([
      ctx.source.series(ctx.target, queries, { from: new Date(ctx.now.getTime() - NEAR_WINDOW_MS), to: ctx.now, periodSeconds: 60 }, ctx.signal),
      ctx.source.alarms(ctx.target, ctx.signal),
    ]);
    const firing = parseAlarmNames(
      states.filter((s) => s.state === "alarm").map((s) => s.alarmName),
      { datastoreName: ctx.datastore.name, regions: [...new Set(clusters.map((c) => c.region))], thresholds: ctx.datastore.thresholds },
    );
    return queries.flatMap(({ id, region, role, t }): AtRiskFinding[] => {
      if (firing.some((f) => f.region === region && f.role === role && f.metric === t.metric)) return [];
      const values = (series.get(id) ?? []).map((p) => p.value);
      if (values.length === 0) return [];
      const worst = t.comparison === "below" ? Math.min(...values) : Math.max(...values);
      const level = t.warning ?? t.critical;
      if (!near({ comparison: t.comparison === "below" ? "below" : "above" }, worst, level)) return [];
      const which = t.warning !== null ? "warning" : "critical";
      const crossed = t.comparison === "below" ? worst <= level : worst >= level;
      return [
        {
          kind: "near-threshold",
          severity: "warning",
          summary: `${metricTitle(t.metric)} reached ${formatMetric(worst, t.unit)} in the last 30 minutes, ${crossed ? "past" : "within 5% of"} its ${which} threshold of ${formatMetric(level, t.unit)} (${region}, ${role}).`,
          metric: t.metric,
          region,
          role,
          href: healthHref(ctx.datastore.id),
        },
      ];
    });
  },
};

/** Every check the at-risk list runs (the lead adds the runway's at merge). */
export const AT_RISK_CHECKS: AtRiskCheck[] = [alarmingCheck, nearThresholdCheck, RUNWAY_AT_RISK_CHECK];
