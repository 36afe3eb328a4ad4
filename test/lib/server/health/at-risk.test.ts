// The at-risk list's per-datastore, per-minute cache: a second read in the same minute asks the metrics nothing; the
// next minute, a thresholds change or an injected incident recomputes.
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/server/auth/actor";
import { db } from "@/lib/server/db/client";
import { alarmPrefix } from "@/lib/server/health/alarm-names";
import { forgetAtRisk } from "@/lib/server/health/at-risk-cache";
import { createIncident } from "@/lib/server/health/incidents/create-incident";
import { listAtRisk } from "@/lib/server/health/list-at-risk";
import type { MetricsSource } from "@/lib/server/health/metrics-source";
import { setMetricsSourceForTests } from "@/lib/server/health/metrics-source-factory";
import { SimulatedMetricsSource } from "@/lib/server/health/simulated-metrics-source";
import { makeTeam } from "../../../support/actors";
import { CASSANDRA_THRESHOLDS, makeDatastore } from "../../../support/datastores";

const admin: Actor = { kind: "user", userId: "admin-1", label: "user:admin@example.test", isAdmin: true, platformReviewer: false, roles: new Map() };

/** The simulated source, counting what it is asked. */
function counting(): MetricsSource & { calls: number } {
  const inner = new SimulatedMetricsSource();
  const s = {
    kind: inner.kind,
    calls: 0,
    series: (...a: Parameters<MetricsSource["series"]>) => (s.calls++, inner.series(...a)),
    alarms: (...a: Parameters<MetricsSource["alarms"]>) => (s.calls++, inner.alarms(...a)),
    alarmHistory: (...a: Parameters<MetricsSource["alarmHistory"]>) => (s.calls++, inner.alarmHistory(...a)),
  };
  return s;
}

let id = "";
beforeAll(async () => {
  setMetricsSourceForTests(new SimulatedMetricsSource());
  const team = await makeTeam();
  const ds = await makeDatastore({ teamId: team.id, regions: ["us-east-1"], status: "active", createdAt: new Date(Date.now() - 86_400_000) });
  id = ds.id;
  const alarmNames = CASSANDRA_THRESHOLDS.map((t) => alarmPrefix(ds.name, "us-east-1", t.role, t.metric, "critical"));
  await db().datastore.update({
    where: { id },
    data: { outputs: { datastoreId: id, regions: { "us-east-1": { groupNames: [], groupNamesByRole: {}, securityGroupIds: [], endpoints: {}, alarmNames } } } },
  });
});

describe("listAtRisk", () => {
  it("computes each datastore once a minute, and again when an incident is injected or its thresholds change", async () => {
    forgetAtRisk();
    const source = counting();
    const now = new Date();
    expect((await listAtRisk({ actor: admin, source, now })).items).toEqual([]);
    const first = source.calls;
    expect(first).toBeGreaterThan(0);
    await listAtRisk({ actor: admin, source, now: new Date(now.getTime() + 1) });
    expect(source.calls).toBe(first);
    await listAtRisk({ actor: admin, source, now: new Date(now.getTime() + 60_000) });
    expect(source.calls).toBe(2 * first);

    await createIncident({
      actor: admin,
      datastoreId: id,
      incident: { kind: "latency-spike", magnitude: 8, startsAt: new Date(now.getTime() - 30 * 60_000).toISOString() },
      now,
    });
    const list = await listAtRisk({ actor: admin, source, now: new Date(now.getTime() + 60_000) });
    expect(source.calls).toBe(3 * first);
    expect(list.items[0]?.findings.map((f) => f.kind)).toContain("alarming");

    await db().datastore.update({ where: { id }, data: { version: { increment: 1 } } });
    await listAtRisk({ actor: admin, source, now: new Date(now.getTime() + 60_000) });
    expect(source.calls).toBe(4 * first);
  });
});
