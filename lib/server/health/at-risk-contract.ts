// The fleet-wide "at risk" list is the union of independent checks, each asking one question of one datastore
// (is an alarm firing? is a metric near its threshold? is the disk running out of room? has the load left the
// plan?). The list (lib/server/health) runs every check over the active datastores it may show; a check lives with
// the code that knows its answer (health: alarms and thresholds; runway: room and load) and is registered in
// AT_RISK_CHECKS (lib/server/health/at-risk-checks.ts).
import "server-only";
import type { MetricsSource, MetricsTarget } from "./metrics-source";

/** What a check may read of one datastore (no Prisma in a check: the list loads it once for every check). */
export interface AtRiskDatastore {
  id: string;
  name: string;
  family: string;
  tier: number;
  teamId: string;
  teamSlug: string;
  /** Regions and roles as provisioned (Datastore.topology). */
  topology: unknown;
  /** The request's workload (lib/schemas/workload) the plan was sized for. */
  workload: unknown;
  thresholds: readonly {
    metric: string;
    role: string;
    comparison: string;
    warning: number | null;
    critical: number;
    unit: string;
  }[];
}

export interface AtRiskContext {
  datastore: AtRiskDatastore;
  source: MetricsSource;
  target: MetricsTarget;
  now: Date;
  signal?: AbortSignal;
}

export const AT_RISK_KINDS = ["alarming", "near-threshold", "running-out-of-room", "load-departs-from-plan"] as const;
export type AtRiskKind = (typeof AT_RISK_KINDS)[number];

export interface AtRiskFinding {
  kind: AtRiskKind;
  /** critical: act now (an alarm in critical, a runway under a month); warning: act soon. */
  severity: "critical" | "warning";
  /** One sentence a person acts on: "p99 read latency 1.8 ms against a 2 ms critical threshold (us-east-1, main)". */
  summary: string;
  metric?: string;
  region?: string;
  role?: string;
  /** Where to look: a path in the portal (/catalog/<id>?tab=health). */
  href: string;
}

export interface AtRiskCheck {
  id: string;
  evaluate(ctx: AtRiskContext): Promise<AtRiskFinding[]>;
}
