// The at-risk list's capacity check: a disk running out of room before the horizon (from observed growth) and load
// more than 25% from the plan become findings a person acts on; a datastore within its plan has none.
import { describe, expect, it } from "vitest";
import { RUNWAY_AT_RISK_CHECK } from "@/lib/server/health/runway-at-risk";
import type { AtRiskContext, AtRiskDatastore } from "@/lib/server/health/at-risk-contract";
import type { HealthMetric, MetricsSource, SeriesQuery } from "@/lib/server/health/metrics-source";
import { viewingHistory } from "../../../api/support";

const DAY = 86_400_000;
const NOW = new Date(Date.UTC(2026, 11, 3, 12));

const drive = { kind: "local-nvme" as const, type: "ephemeral", sizeGib: 873 };
const datastore: AtRiskDatastore = {
  id: "ds1",
  name: "vh",
  family: "cassandra",
  tier: 1,
  teamId: "t1",
  teamSlug: "streaming",
  topology: ["us-east-1", "eu-west-1"].map((region) => ({
    region,
    role: "data",
    family: "cassandra",
    instanceType: "i4i.xlarge",
    nodesPerZone: 16,
    zones: 3,
    nodes: 48,
    drive,
  })),
  workload: { ...viewingHistory, name: "vh-risk" },
  thresholds: [{ metric: "disk-used", role: "data", comparison: "above", warning: 50, critical: 55, unit: "percent" }],
};

function source(curve: Partial<Record<HealthMetric, (q: SeriesQuery, at: number) => number>>): MetricsSource {
  return {
    kind: "simulated",
    series: (_t, queries, range) =>
      Promise.resolve(
        new Map(
          queries.map((q) => {
            const f = curve[q.metric];
            const points = [];
            if (f)
              for (let at = range.from.getTime(); at <= range.to.getTime(); at += range.periodSeconds * 1000)
                points.push({ at: new Date(at), value: f(q, at) });
            return [q.id, points];
          }),
        ),
      ),
    alarms: () => Promise.resolve([]),
    alarmHistory: () => Promise.resolve([]),
  };
}

const ctx = (s: MetricsSource, activeDaysAgo = 10): AtRiskContext => ({
  datastore,
  source: s,
  target: { datastoreId: "ds1", family: "cassandra", alarmNames: [], activeSince: new Date(NOW.getTime() - activeDaysAgo * DAY) },
  now: NOW,
});
const asPlanned = { "reads-per-second": () => 20_000, "writes-per-second": () => 100_000 };

describe("RUNWAY_AT_RISK_CHECK", () => {
  it("finds nothing while the load is the plan's and the disks have room past the horizon", async () => {
    expect(await RUNWAY_AT_RISK_CHECK.evaluate(ctx(source({ ...asPlanned, "disk-used": () => 20 })))).toEqual([]);
  });

  it("flags a disk that reaches its threshold within the horizon at the observed growth, critical under a month", async () => {
    const start = NOW.getTime() - 7 * DAY;
    const slow = await RUNWAY_AT_RISK_CHECK.evaluate(
      ctx(source({ ...asPlanned, "disk-used": (q, at) => (q.region === "us-east-1" ? 20 + ((at - start) / DAY) * 0.2 : 20) })),
    );
    expect(slow).toHaveLength(1);
    expect(slow[0]).toMatchObject({
      kind: "running-out-of-room",
      severity: "warning",
      region: "us-east-1",
      role: "data",
      metric: "disk-used",
      href: "/catalog/ds1?tab=capacity",
    });
    expect(slow[0]?.summary).toMatch(
      /^Disk reaches its 55% threshold in 5\.\d months at the observed growth, within the 12-month horizon \(us-east-1, data\)$/,
    );

    const fast = await RUNWAY_AT_RISK_CHECK.evaluate(ctx(source({ ...asPlanned, "disk-used": (_q, at) => 40 + ((at - start) / DAY) * 1 })));
    expect(fast.map((f) => [f.kind, f.severity])).toEqual([
      ["running-out-of-room", "critical"],
      ["running-out-of-room", "critical"],
    ]);
  });

  it("does not guess from less than two days of disk data (no plan to scale declared growth by)", async () => {
    const findings = await RUNWAY_AT_RISK_CHECK.evaluate(ctx(source({ ...asPlanned, "disk-used": () => 54 }), 1));
    expect(findings).toEqual([]);
  });

  it("flags load more than 25% from the plan, either way, per region", async () => {
    const findings = await RUNWAY_AT_RISK_CHECK.evaluate(
      ctx(source({ "reads-per-second": (q) => (q.region === "eu-west-1" ? 30_000 : 20_000), "writes-per-second": () => 60_000, "disk-used": () => 20 })),
    );
    expect(findings.map((f) => f.summary)).toEqual([
      "Peak writes 60,000/s against 100,000/s planned (-40%) (us-east-1, data)",
      "Peak reads 30,000/s against 20,000/s planned (+50%) (eu-west-1, data)",
      "Peak writes 60,000/s against 100,000/s planned (-40%) (eu-west-1, data)",
    ]);
    expect(findings.every((f) => f.kind === "load-departs-from-plan" && f.severity === "warning")).toBe(true);
  });

  it("passes over a datastore whose workload or topology does not read", async () => {
    const broken = { ...ctx(source(asPlanned)), datastore: { ...datastore, workload: { nonsense: true } } };
    expect(await RUNWAY_AT_RISK_CHECK.evaluate(broken)).toEqual([]);
  });
});
