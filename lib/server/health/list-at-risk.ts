// The fleet-wide at-risk list: every active datastore the actor may see, run through every check (AT_RISK_CHECKS),
// those with findings listed critical first. Each datastore's findings are kept for the minute they were computed
// in (at-risk-cache.ts), so the page and its polling cost one pass a minute however many people look; a datastore
// whose thresholds or outputs changed (its version or updatedAt moved) is recomputed at once.
import "server-only";
import type { AtRiskItem, AtRiskList, AtRiskQuery } from "@/lib/schemas/sla-health";
import { reviewsEveryTeam, type Actor } from "../auth/actor";
import { db } from "../db/client";
import { cachedAtRisk, rememberAtRisk } from "./at-risk-cache";
import { AT_RISK_CHECKS } from "./at-risk-checks";
import type { AtRiskCheck, AtRiskDatastore, AtRiskFinding } from "./at-risk-contract";
import type { MetricsSource, MetricsTarget } from "./metrics-source";
import { getMetricsSource, metricsTargetsOf } from "./metrics-source-factory";

/** Datastores checked at once: the cloud (or the database, simulated) is asked in parallel, not 200 at a time. */
const CONCURRENCY = 8;

/** One datastore's reads shared by its checks: both health checks ask for the alarms; ask once. */
function sharedReads(source: MetricsSource): MetricsSource {
  const alarms = new Map<string, ReturnType<MetricsSource["alarms"]>>();
  return {
    kind: source.kind,
    series: (t, q, r, s) => source.series(t, q, r, s),
    alarms: (t, s) => {
      let p = alarms.get(t.datastoreId);
      if (!p) {
        p = source.alarms(t, s);
        alarms.set(t.datastoreId, p);
      }
      return p;
    },
    alarmHistory: (t, f, to, s) => source.alarmHistory(t, f, to, s),
  };
}

export interface ListAtRiskOptions {
  actor: Actor;
  query?: AtRiskQuery;
  now?: Date;
  source?: MetricsSource;
  checks?: readonly AtRiskCheck[];
}

const SEVERITY_RANK = { critical: 0, warning: 1 } as const;

export async function listAtRisk({
  actor,
  query = {},
  now = new Date(),
  source = getMetricsSource(),
  checks = AT_RISK_CHECKS,
}: ListAtRiskOptions): Promise<AtRiskList> {
  const teamFilter = query.team ? { team: { OR: [{ slug: query.team }, { id: query.team }] } } : {};
  const scope = reviewsEveryTeam(actor) ? {} : { teamId: { in: [...actor.roles.keys()] } };
  const rows = await db().datastore.findMany({
    where: { status: "active", ...scope, ...teamFilter },
    select: {
      id: true,
      name: true,
      family: true,
      tier: true,
      teamId: true,
      topology: true,
      outputs: true,
      createdAt: true,
      updatedAt: true,
      version: true,
      team: { select: { id: true, slug: true } },
      request: { select: { workload: true } },
      thresholds: { select: { metric: true, role: true, comparison: true, warning: true, critical: true, unit: true } },
    },
    orderBy: [{ tier: "asc" }, { name: "asc" }],
  });
  const targets = await metricsTargetsOf(db(), rows);
  const minute = Math.floor(now.getTime() / 60_000);
  const checkIds = checks.map((c) => c.id).join(",");
  const errors: AtRiskList["errors"] = [];
  const items: AtRiskItem[] = [];

  const evaluate = async (row: (typeof rows)[number]) => {
    const fingerprint = `${row.version}:${row.updatedAt.getTime()}:${checkIds}:${source.kind}`;
    let findings = cachedAtRisk(row.id, minute, fingerprint);
    if (!findings) {
      const datastore: AtRiskDatastore = {
        id: row.id,
        name: row.name,
        family: row.family,
        tier: row.tier,
        teamId: row.teamId,
        teamSlug: row.team.slug,
        topology: row.topology,
        workload: row.request.workload,
        thresholds: row.thresholds,
      };
      const target = targets.get(row.id) as MetricsTarget;
      const shared = sharedReads(source);
      const found: AtRiskFinding[] = [];
      let failed = false;
      for (const check of checks) {
        try {
          found.push(...(await check.evaluate({ datastore, source: shared, target, now })));
        } catch (error) {
          failed = true;
          errors.push({ datastoreId: row.id, check: check.id, message: error instanceof Error ? error.message.slice(0, 300) : "the check failed" });
        }
      }
      findings = found;
      // A failed check is not remembered: the next read tries again.
      if (!failed) rememberAtRisk(row.id, minute, fingerprint, findings);
    }
    const shown = query.kind ? findings.filter((f) => f.kind === query.kind) : findings;
    if (shown.length === 0) return;
    const sorted = [...shown].sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]);
    items.push({
      datastore: { id: row.id, name: row.name, family: row.family, tier: row.tier, team: { id: row.team.id, slug: row.team.slug } },
      severity: sorted[0]?.severity ?? "warning",
      findings: sorted,
    });
  };

  for (let i = 0; i < rows.length; i += CONCURRENCY) await Promise.all(rows.slice(i, i + CONCURRENCY).map(evaluate));
  items.sort(
    (a, b) =>
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      a.datastore.tier - b.datastore.tier ||
      b.findings.length - a.findings.length ||
      a.datastore.name.localeCompare(b.datastore.name),
  );
  return { items, checked: rows.length, errors, source: source.kind, checkedAt: now.toISOString() };
}
