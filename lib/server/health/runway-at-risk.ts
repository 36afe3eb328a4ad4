// The at-risk list's capacity questions (lib/server/health/at-risk-contract.ts): is a disk running out of room before
// the planning horizon, and has the load left the plan by more than 25%? The same analysis as the capacity tab
// (runway-analysis.ts), over shorter windows: the at-risk list asks every datastore at once, so the check reads the
// last day of traffic (today's peak is what "departs now" means; the daily curve peaks once a day) and three days of
// disk (two whole days for a growth line), a quarter of the tab's week. A check reads no database, so it has no plan
// to turn declared growth into disk points: only observed growth counts here, and the capacity tab adds the
// declared one.
import "server-only";
import { z } from "zod";
import { TopologyClusterSchema } from "@/lib/schemas/datastore";
import { StoredWorkloadSchema, WorkloadSchema } from "@/lib/schemas/workload";
import type { AtRiskCheck, AtRiskContext, AtRiskFinding } from "./at-risk-contract";
import { analyseRunway, runwayQueries } from "./runway-analysis";
import { runwayRange } from "./runway-window";

const DAY_MS = 86_400_000;
const TRAFFIC_WINDOW_MS = DAY_MS;
const DISK_WINDOW_MS = 3 * DAY_MS;

const fmt = (n: number, digits = 0) => n.toLocaleString("en-US", { maximumFractionDigits: digits });

async function evaluate(ctx: AtRiskContext): Promise<AtRiskFinding[]> {
  const { datastore, source, target, now } = ctx;
  const topology = z.array(z.object(TopologyClusterSchema.shape)).safeParse(datastore.topology);
  // Stored workloads are read without the input bounds (an old row still reads), then defaulted as the planner would.
  const stored = StoredWorkloadSchema.safeParse(datastore.workload);
  const workload = stored.success ? WorkloadSchema.safeParse(stored.data) : undefined;
  if (!topology.success || !workload?.success) return [];
  const inputs = { topology: topology.data, thresholds: datastore.thresholds, workload: workload.data };
  const queries = runwayQueries(inputs);
  const [disk, traffic] = await Promise.all([
    source.series(
      target,
      queries.filter((q) => q.metric === "disk-used"),
      runwayRange(now, target.activeSince, DISK_WINDOW_MS),
      ctx.signal,
    ),
    source.series(
      target,
      queries.filter((q) => q.metric !== "disk-used"),
      runwayRange(now, target.activeSince, TRAFFIC_WINDOW_MS),
      ctx.signal,
    ),
  ]);
  const series = new Map([...disk, ...traffic]);
  const a = analyseRunway(inputs, series);
  const href = `/catalog/${datastore.id}?tab=capacity`;
  const horizon = workload.data.horizonMonths;
  const rooms: AtRiskFinding[] = a.rooms
    .filter((r) => r.short && r.basis === "observed")
    .map((r) => ({
      kind: "running-out-of-room",
      severity: (r.months ?? 0) < 1 ? "critical" : "warning",
      summary:
        r.months === 0
          ? `Disk ${fmt(r.usedPercent ?? 0)}% used, past its ${fmt(r.thresholdPercent)}% threshold (${r.region}, ${r.role})`
          : `Disk reaches its ${fmt(r.thresholdPercent)}% threshold in ${fmt(r.months ?? 0, 1)} months at the observed growth, within the ${horizon}-month horizon (${r.region}, ${r.role})`,
      metric: "disk-used",
      region: r.region,
      role: r.role,
      href,
    }));
  const load: AtRiskFinding[] = a.traffic
    .filter((t) => t.departs)
    .map((t) => ({
      kind: "load-departs-from-plan",
      severity: "warning",
      summary: `Peak ${t.metric === "reads-per-second" ? "reads" : "writes"} ${fmt(t.observedPeak ?? 0)}/s against ${fmt(t.planned)}/s planned${t.departure === null ? "" : ` (${t.departure > 0 ? "+" : ""}${fmt(t.departure * 100)}%)`} (${t.region}, ${t.role})`,
      metric: t.metric,
      region: t.region,
      role: t.role,
      href,
    }));
  return [...rooms, ...load];
}

/** One of AT_RISK_CHECKS (lib/server/health/at-risk-checks.ts). */
export const RUNWAY_AT_RISK_CHECK: AtRiskCheck = { id: "runway", evaluate };
