// SLA health through the real handlers: a datastore's health (24 h / 7 d), the incidents API (administrators,
// simulated only), the at-risk list — scoping, bad input, and alarms that follow an injected incident.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as healthRoute } from "@/app/api/v1/datastores/[id]/health/route";
import { GET as listIncidentsRoute, POST as createIncidentRoute } from "@/app/api/v1/datastores/[id]/health/incidents/route";
import { POST as endIncidentRoute } from "@/app/api/v1/datastores/[id]/health/incidents/[incidentId]/end/route";
import { GET as atRiskRoute } from "@/app/api/v1/health/at-risk/route";
import { AtRiskListSchema, DatastoreHealthSchema, IncidentSchema } from "@/lib/schemas/sla-health";
import { db } from "@/lib/server/db/client";
import { forgetAtRisk } from "@/lib/server/health/at-risk-cache";
import { alarmPrefix } from "@/lib/server/health/alarm-names";
import { setMetricsSourceForTests } from "@/lib/server/health/metrics-source-factory";
import { SimulatedMetricsSource } from "@/lib/server/health/simulated-metrics-source";
import { jsonRequest, makePerson, makeTeam, signedInPerson, type TestPerson } from "../support/actors";
import { CASSANDRA_THRESHOLDS, makeDatastore } from "../support/datastores";
import { expectJson, expectProblem } from "./support";

const ctx = (params: Record<string, string>) => ({ params: Promise.resolve(params) });
const getHealth = (p: TestPerson, id: string, qs = "") => healthRoute(jsonRequest("GET", `/api/v1/datastores/${id}/health${qs}`, p), ctx({ id }));
const postIncident = (p: TestPerson, id: string, body: unknown) =>
  createIncidentRoute(jsonRequest("POST", `/api/v1/datastores/${id}/health/incidents`, p, body), ctx({ id }));
const atRisk = (p: TestPerson, qs = "") => atRiskRoute(jsonRequest("GET", `/api/v1/health/at-risk${qs}`, p), ctx({}));

let owner: TestPerson;
let outsider: TestPerson;
let admin: TestPerson;
let teamAdminToken: TestPerson;
let id = "";
let name = "";
let quietId = "";

/** Outputs as an up writes them: each region's alarms named the way infra/alarms.ts names them. */
async function provision(datastoreId: string, dsName: string, regions: string[]) {
  const alarmNames = (region: string) =>
    CASSANDRA_THRESHOLDS.flatMap((t) => [alarmPrefix(dsName, region, t.role, t.metric, "critical"), alarmPrefix(dsName, region, t.role, t.metric, "warning")]);
  await db().datastore.update({
    where: { id: datastoreId },
    data: {
      status: "active",
      outputs: {
        datastoreId,
        regions: Object.fromEntries(
          regions.map((r) => [
            r,
            {
              groupNames: [`${dsName}-${r}-data-a`],
              groupNamesByRole: { data: [`${dsName}-${r}-data-a`] },
              securityGroupIds: [],
              endpoints: {},
              alarmNames: alarmNames(r),
            },
          ]),
        ),
      },
    },
  });
}

beforeAll(async () => {
  setMetricsSourceForTests(new SimulatedMetricsSource());
  const team = await makeTeam();
  owner = await makePerson(team.id, "member");
  outsider = await makePerson((await makeTeam()).id, "admin");
  admin = await signedInPerson(null, "portal-admin");
  teamAdminToken = await makePerson(team.id, "admin");
  const created = new Date(Date.now() - 10 * 86_400_000);
  const ds = await makeDatastore({ teamId: team.id, regions: ["us-east-1"], createdAt: created });
  id = ds.id;
  name = ds.name;
  await provision(id, name, ["us-east-1"]);
  const quiet = await makeDatastore({ teamId: team.id, regions: ["us-east-1"], createdAt: created });
  quietId = quiet.id;
  await provision(quietId, quiet.name, ["us-east-1"]);
  await makeDatastore({ teamId: team.id, regions: ["us-east-1"] }); // approved, never provisioned
});
afterAll(() => setMetricsSourceForTests(null));

describe("GET /api/v1/datastores/{id}/health", () => {
  it("gives an owner 24 h of 5-minute points per role with the thresholds drawn, the plan, and every alarm routed", async () => {
    const health = DatastoreHealthSchema.parse(await expectJson(await getHealth(owner, id)));
    expect(health.source).toBe("simulated");
    expect(health.periodSeconds).toBe(300);
    const data = health.clusters.find((c) => c.role === "data");
    const p99 = data?.series.find((s) => s.metric === "read-latency-p99");
    expect(p99?.points).toHaveLength(288);
    expect(p99).toMatchObject({ warning: 8, critical: 10, comparison: "above", unit: "ms" });
    expect(data?.series.find((s) => s.metric === "reads-per-second")?.planned).toBe(20_000);
    expect(data?.series.map((s) => s.metric)).toEqual([
      "read-latency-p99",
      "write-latency-p99",
      "reads-per-second",
      "writes-per-second",
      "cpu-utilisation",
      "disk-used",
      "memory-used",
    ]);
    // The cache role's evictions threshold adds its own chart.
    expect(health.clusters.find((c) => c.role === "cache")?.series.map((s) => s.metric)).toContain("evictions");
    expect(health.alarms).toHaveLength(6);
    for (const a of health.alarms) {
      expect(a.state).toBe("ok");
      expect(a.routing).toBe(a.severity === "critical" ? "page" : "team-channel");
      expect(a.runbook.href).toBe(`/runbooks#${a.metric}`);
      expect(a.runbook.firstStep.length).toBeGreaterThan(20);
    }
  });

  it("gives 7 d of hourly points", async () => {
    const health = DatastoreHealthSchema.parse(await expectJson(await getHealth(owner, id, "?range=7d")));
    expect(health.periodSeconds).toBe(3600);
    expect(health.clusters[0]?.series[0]?.points).toHaveLength(168);
  });

  it("names a bad range or an unknown parameter (422), hides other teams' datastores (404), and has no health before provisioning (409)", async () => {
    const bad = await expectProblem(await getHealth(owner, id, "?range=30d"), 422);
    expect(bad.errors?.map((e) => e.field)).toEqual(["range"]);
    const unknown = await expectProblem(await getHealth(owner, id, "?window=24h"), 422);
    expect(unknown.errors?.map((e) => e.field)).toContain("window");
    await expectProblem(await getHealth(outsider, id), 404);
    const approved = await db().datastore.findFirstOrThrow({ where: { status: "approved" } });
    await expectProblem(await getHealth(owner, approved.id), 409);
  });
});

describe("health incidents API", () => {
  it("lets a signed-in administrator inject a latency spike: the alarms fire, the fire count and the at-risk list follow, and ending it is audited", async () => {
    const startsAt = new Date(Date.now() - 20 * 60_000).toISOString();
    const res = await postIncident(admin, id, { kind: "latency-spike", magnitude: 8, role: "data", startsAt });
    const incident = IncidentSchema.parse(await expectJson(res, 201));
    expect(incident).toMatchObject({ kind: "latency-spike", active: true, role: "data", region: null });

    const health = DatastoreHealthSchema.parse(await expectJson(await getHealth(owner, id)));
    const fired = health.alarms.filter((a) => a.metric === "read-latency-p99");
    expect(fired.map((a) => [a.severity, a.state])).toEqual([
      ["critical", "alarm"],
      ["warning", "alarm"],
    ]);
    expect(fired.every((a) => a.firesLast30Days === 1)).toBe(true);
    expect(health.history.some((h) => h.to === "alarm" && h.alarmName === fired[0]?.alarmName)).toBe(true);
    expect(health.incidents.map((i) => i.id)).toEqual([incident.id]);
    // The chart crosses the critical line where the alarm fired.
    const p99 = health.clusters.find((c) => c.role === "data")?.series.find((s) => s.metric === "read-latency-p99");
    expect(p99?.latest).toBeGreaterThanOrEqual(10);

    const list = AtRiskListSchema.parse(await expectJson(await atRisk(owner)));
    const item = list.items.find((i) => i.datastore.id === id);
    expect(item?.severity).toBe("critical");
    expect(item?.findings.filter((f) => f.kind === "alarming").map((f) => f.severity)).toEqual(["critical", "warning"]);
    expect(item?.findings[0]?.summary).toMatch(/^p99 read latency above its critical threshold of 10 ms since \d\d:\d\d UTC \(us-east-1, data\)\.$/);
    expect(item?.findings[0]?.href).toBe(`/catalog/${id}?tab=health`);
    expect(list.items.some((i) => i.datastore.id === quietId)).toBe(false);
    expect(list.checked).toBe(2);

    const listed = await expectJson(await listIncidentsRoute(jsonRequest("GET", `/api/v1/datastores/${id}/health/incidents`, admin), ctx({ id })));
    expect((listed as { items: unknown[] }).items).toHaveLength(1);
    const ended = IncidentSchema.parse(
      await expectJson(
        await endIncidentRoute(
          jsonRequest("POST", `/api/v1/datastores/${id}/health/incidents/${incident.id}/end`, admin),
          ctx({ id, incidentId: incident.id }),
        ),
      ),
    );
    expect(ended.active).toBe(false);
    await expectProblem(
      await endIncidentRoute(jsonRequest("POST", `/api/v1/datastores/${id}/health/incidents/${incident.id}/end`, admin), ctx({ id, incidentId: incident.id })),
      409,
    );
    expect(await db().auditEvent.count({ where: { subjectId: id, action: { startsWith: "datastore.health-incident." } } })).toBe(2);
  });

  it("names every bad field (422) and writes nothing", async () => {
    const before = await db().healthIncident.count();
    const p = await expectProblem(await postIncident(admin, id, { kind: "meteor", magnitude: "big" }), 422);
    expect(p.errors?.map((e) => e.field).sort()).toEqual(["kind", "magnitude"]);
    const m = await expectProblem(await postIncident(admin, id, { kind: "latency-spike", magnitude: 500 }), 422);
    expect(m.errors).toEqual([{ field: "magnitude", message: expect.stringMatching(/between 1 and 100/) }]);
    const r = await expectProblem(await postIncident(admin, id, { kind: "traffic-growth", magnitude: 2, region: "eu-west-1" }), 422);
    expect(r.errors?.map((e) => e.field)).toEqual(["region"]);
    const extra = await expectProblem(await postIncident(admin, id, { kind: "traffic-growth", magnitude: 2, severity: "high" }), 422);
    expect(extra.errors?.map((e) => e.field)).toContain("severity");
    expect(await db().healthIncident.count()).toBe(before);
  });

  it("is for portal administrators: an owner or the team's admin 403, an outsider 404; 409 when metrics are not simulated", async () => {
    const body = { kind: "disk-filling", magnitude: 2 };
    await expectProblem(await postIncident(owner, id, body), 403);
    await expectProblem(await postIncident(teamAdminToken, id, body), 403);
    await expectProblem(await postIncident(outsider, id, body), 404);
    setMetricsSourceForTests(null); // the test environment's PROVISIONER is pulumi: metrics from CloudWatch
    try {
      const p = await expectProblem(await postIncident(admin, id, body), 409);
      expect(p.detail).toMatch(/simulated/);
    } finally {
      setMetricsSourceForTests(new SimulatedMetricsSource());
    }
  });
});

describe("GET /api/v1/health/at-risk", () => {
  it("shows only the caller's teams' datastores, filters by kind, and names a bad kind", async () => {
    forgetAtRisk();
    await postIncident(admin, quietId, { kind: "latency-spike", magnitude: 8, startsAt: new Date(Date.now() - 15 * 60_000).toISOString() });
    const mine = AtRiskListSchema.parse(await expectJson(await atRisk(owner, "?kind=alarming")));
    expect(mine.items.map((i) => i.datastore.id)).toContain(quietId);
    expect(mine.items.flatMap((i) => i.findings).every((f) => f.kind === "alarming")).toBe(true);
    const theirs = AtRiskListSchema.parse(await expectJson(await atRisk(outsider)));
    expect(theirs).toMatchObject({ items: [], checked: 0 });
    const bad = await expectProblem(await atRisk(owner, "?kind=doomed"), 422);
    expect(bad.errors?.map((e) => e.field)).toEqual(["kind"]);
  });
});

describe("the at-risk list asks the runway's questions too", () => {
  it("lists a datastore whose disk is filling at a rate that reaches its threshold within the planning horizon", async () => {
    const team = await makeTeam();
    const member = await makePerson(team.id, "member");
    const ds = await makeDatastore({ teamId: team.id, regions: ["us-east-1"], createdAt: new Date(Date.now() - 10 * 86_400_000) });
    await provision(ds.id, ds.name, ["us-east-1"]);
    forgetAtRisk();
    const calm = AtRiskListSchema.parse(await expectJson(await atRisk(member, "?kind=running-out-of-room")));
    expect(calm.items).toEqual([]);

    await expectJson(
      await postIncident(admin, ds.id, { kind: "disk-filling", magnitude: 3, startsAt: new Date(Date.now() - 6 * 86_400_000).toISOString() }),
      201,
    );
    const filling = AtRiskListSchema.parse(await expectJson(await atRisk(member, "?kind=running-out-of-room")));
    const findings = filling.items.find((i) => i.datastore.id === ds.id)?.findings ?? [];
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.every((f) => f.kind === "running-out-of-room" && f.href === `/catalog/${ds.id}?tab=capacity`)).toBe(true);
    expect(findings[0]?.summary).toMatch(/^Disk (reaches its \d+% threshold in [\d.]+ months at the observed growth|\d+% used, past its \d+% threshold)/);
  });
});
