// Capacity runway and modernisation through the real handlers: observed load against the plan, the disk runway from
// observed (else declared) growth, the re-plan and its cost delta — the same cost the day-2 change then shows —,
// previous-generation shapes re-planned on current ones, who may see it, and the errors.
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { GET as runwayRoute } from "@/app/api/v1/datastores/[id]/runway/route";
import { GET as modernisationRoute } from "@/app/api/v1/datastores/[id]/modernisation/route";
import { planOnShape } from "@/lib/planner";
import { ModernisationSchema, RunwaySchema, type RunwayDto } from "@/lib/schemas/runway";
import { DatastoreChangeSchema } from "@/lib/schemas/change";
import { WorkloadSchema } from "@/lib/schemas/workload";
import { instanceGeneration } from "@/lib/catalog/instance-generation";
import { db } from "@/lib/server/db/client";
import { setEngineForTests } from "@/lib/server/provisioning/engine";
import { setMetricsSourceForTests } from "@/lib/server/health/metrics-source-factory";
import { SimulatedMetricsSource } from "@/lib/server/health/simulated-metrics-source";
import type { HealthMetric, MetricsSource, SeriesQuery } from "@/lib/server/health/metrics-source";
import { jsonRequest, type TestPerson } from "../support/actors";
import { storeOrgSettings } from "../support/provisioning";
import { api, json, makeWorld, workload } from "../support/requests";
import { prov, useSimulatedEngine } from "./provisioning-support";
import { expectJson, expectProblem } from "./support";

const DAY = 86_400_000;
const params = (id: string) => ({ params: Promise.resolve({ id }) });
const runway = (p: TestPerson | null, id: string) => runwayRoute(jsonRequest("GET", `/api/v1/datastores/${id}/runway`, p), params(id));
const modernisation = (p: TestPerson | null, id: string) => modernisationRoute(jsonRequest("GET", `/api/v1/datastores/${id}/modernisation`, p), params(id));

/** A metrics source whose series are functions of the metric, region and time, one point per period of the range. */
type Curve = (q: SeriesQuery, at: number) => number;
function fakeSource(curve: Partial<Record<HealthMetric, Curve>>): MetricsSource & { asked: SeriesQuery[][] } {
  const asked: SeriesQuery[][] = [];
  return {
    kind: "simulated",
    asked,
    series: (_target, queries, range) => {
      asked.push([...queries]);
      const out = new Map();
      for (const q of queries) {
        const f = curve[q.metric];
        const points = [];
        if (f)
          for (let at = range.from.getTime(); at <= range.to.getTime(); at += range.periodSeconds * 1000) points.push({ at: new Date(at), value: f(q, at) });
        out.set(q.id, points);
      }
      return Promise.resolve(out);
    },
    alarms: () => Promise.resolve([]),
    alarmHistory: () => Promise.resolve([]),
  };
}

let w: Awaited<ReturnType<typeof makeWorld>>;
beforeAll(async () => {
  w = await makeWorld();
  await storeOrgSettings();
});
beforeEach(async () => {
  await useSimulatedEngine();
});
afterEach(() => {
  setEngineForTests(null);
  setMetricsSourceForTests(null);
});

let n = 0;
/** A datastore approved from a real request (its topology is the planner's), active since `daysAgo` days. */
async function activeDatastore(extra: Record<string, unknown> = {}, daysAgo = 8) {
  n += 1;
  const name = `vh-runway-${n}`;
  const d = await json(await api.create(w.member, { teamId: w.team.id, workload: workload(name, extra) }), 201);
  await json(await api.submit(w.member, d.id), 200);
  await json(await api.decide(w.reviewer, d.id, { decision: "approved" }), 200);
  const store = await db().datastore.findUniqueOrThrow({ where: { requestId: d.id } });
  await db().operation.updateMany({ where: { datastoreId: store.id }, data: { status: "succeeded", finishedAt: new Date() } });
  return db().datastore.update({ where: { id: store.id }, data: { status: "active", createdAt: new Date(Date.now() - daysAgo * DAY) } });
}

const read = async (p: TestPerson, id: string): Promise<RunwayDto> => RunwaySchema.parse(await expectJson(await runway(p, id), 200));
const planned = { reads: 20_000, writes: 100_000 };

describe("GET /api/v1/datastores/{id}/runway", () => {
  it("compares observed peaks with the plan and proposes the observed workload, priced as the day-2 change prices it", async () => {
    const ds = await activeDatastore();
    // Reads doubled; writes as planned; disks flat at 20%.
    setMetricsSourceForTests(
      fakeSource({ "reads-per-second": () => planned.reads * 2, "writes-per-second": () => planned.writes * 0.95, "disk-used": () => 20 }),
    );
    const r = await read(w.member, ds.id);
    expect(r.source).toBe("simulated");
    expect(r.traffic).toHaveLength(4); // two regions × reads and writes, of the data role
    const reads = r.traffic.filter((t) => t.metric === "reads-per-second");
    for (const t of reads) expect(t).toMatchObject({ role: "data", planned: planned.reads, observedPeak: planned.reads * 2, departs: true });
    expect(reads[0]?.departure).toBeCloseTo(1, 9);
    expect(r.traffic.filter((t) => t.metric === "writes-per-second").every((t) => !t.departs)).toBe(true);
    for (const room of r.rooms) expect(room).toMatchObject({ metric: "disk-used", basis: "observed", months: null, short: false, thresholdPercent: 55 });

    const p = r.proposal;
    if (!p) throw new Error("expected a proposal");
    expect(p.reasons.join(" ")).toMatch(/Peak reads in us-east-1 were 40,000\/s against 20,000\/s planned \(\+100%\)/);
    expect(p.workload).toMatchObject({ readsPerSecond: 40_000, writesPerSecond: 95_000, name: ds.name, tier: 1, regions: ["us-east-1", "eu-west-1"] });
    expect(p.observed).toMatchObject({ readsPerSecond: 40_000, writesPerSecond: 95_000, growthBasis: "observed" });
    // Flat disks: no growth observed, so the data stays what the disks hold now.
    expect(p.workload.growthGiBPerMonth).toBe(0);
    expect(p.current).toMatchObject({ annualCost: ds.annualCost, monthlyCost: ds.monthlyCost });
    const expected = planOnShape({ workload: WorkloadSchema.parse(p.workload), family: "cassandra", instanceType: p.current.instanceType, alternatives: 1 })
      .plans[0];
    expect(p.proposed?.annualCost).toBeCloseTo(expected?.annualCost ?? NaN, 6);
    expect(p.costDelta?.annual).toBeCloseTo((expected?.annualCost ?? NaN) - ds.annualCost, 1);
    expect(p.costDelta?.monthly).toBeCloseTo((expected?.monthlyCost ?? NaN) - ds.monthlyCost, 1);

    // One click: the proposal's workload as a day-2 change is re-planned on the server to the same cost.
    const change = DatastoreChangeSchema.parse(
      await expectJson(await prov.createChange(w.member, ds.id, { kind: "update", workload: p.workload, reason: "re-plan" }), 201),
    );
    expect(change.after?.annualCost).toBeCloseTo(p.proposed?.annualCost ?? NaN, 6);
    expect(change.workload).toMatchObject({ readsPerSecond: 40_000 });
  });

  it("proposes nothing while load stays within 25% of the plan and the disks have room past the horizon", async () => {
    const ds = await activeDatastore();
    setMetricsSourceForTests(
      fakeSource({ "reads-per-second": () => planned.reads * 1.2, "writes-per-second": () => planned.writes * 0.8, "disk-used": () => 20 }),
    );
    const r = await read(w.member, ds.id);
    expect(r.traffic.every((t) => !t.departs)).toBe(true);
    expect(r.proposal).toBeNull();
  });

  it("counts the disk runway from observed growth and proposes a re-plan when it is shorter than the horizon", async () => {
    const ds = await activeDatastore();
    const start = Date.now() - 7 * DAY;
    // From 12% (what the declared 5,000 GiB fill of these disks) up 0.15 points a day: 55% in about 9 months.
    const growth = (at: number) => 12 + ((at - start) / DAY) * 0.15;
    setMetricsSourceForTests(
      fakeSource({ "reads-per-second": () => planned.reads, "writes-per-second": () => planned.writes, "disk-used": (_q, at) => growth(at) }),
    );
    const r = await read(w.member, ds.id);
    expect(r.window.periodSeconds).toBe(3600);
    expect(r.rooms).toHaveLength(2);
    for (const room of r.rooms) {
      expect(room).toMatchObject({ basis: "observed", short: true });
      expect(room.growthPointsPerMonth).toBeCloseTo(0.15 * (365.25 / 12), 3);
      expect(room.usedPercent).toBeCloseTo(12 + 7 * 0.15, 1);
      expect(room.months).toBeCloseTo((55 - (room.usedPercent ?? 0)) / (0.15 * (365.25 / 12)), 6);
    }
    const p = r.proposal;
    expect(
      p?.reasons.some((s) =>
        /Disk in us-east-1 \(data\) reaches its 55% threshold in 9\.\d months \(observed growth\), within the 12-month planning horizon/.test(s),
      ),
    ).toBe(true);
    // The observed growth, in GiB, is far above the declared 200 GiB a month, and the data now above the declared 5,000.
    expect(p?.observed.growthBasis).toBe("observed");
    expect(p?.workload.growthGiBPerMonth).toBeGreaterThan(1000);
    expect(p?.workload.datasetGiB).toBeGreaterThan(5000);
    expect(p?.planError).toBeNull();
    expect(p?.costDelta?.annual).toBeGreaterThan(0);
  });

  it("uses the workload's declared growth until two whole days are observed, and says so", async () => {
    const ds = await activeDatastore({}, 0.5);
    setMetricsSourceForTests(fakeSource({ "reads-per-second": () => planned.reads, "writes-per-second": () => planned.writes, "disk-used": () => 20 }));
    const r = await read(w.member, ds.id);
    expect(new Date(r.window.to).getTime() - new Date(r.window.from).getTime()).toBeLessThan(0.6 * DAY);
    for (const room of r.rooms) {
      expect(room.basis).toBe("declared");
      expect(room.growthPointsPerMonth).toBeGreaterThan(0);
      expect(room.months).toBeCloseTo((55 - 20) / (room.growthPointsPerMonth ?? NaN), 6);
    }
  });

  it("reads the simulated metrics as the simulation wrote them: the declared data and growth come back as observed", async () => {
    const ds = await activeDatastore({}, 10);
    // The real simulated source, and traffic ×2 for the last day (so there is a proposal to read the figures from).
    setMetricsSourceForTests(new SimulatedMetricsSource());
    await db().healthIncident.create({
      data: { datastoreId: ds.id, kind: "traffic-growth", magnitude: 2, startsAt: new Date(Date.now() - DAY), createdBy: "test" },
    });
    const r = await read(w.member, ds.id);
    for (const room of r.rooms) expect(room.basis).toBe("observed");
    const p = r.proposal;
    expect(p?.observed.growthBasis).toBe("observed");
    // 200 GiB a month declared, 5,000 GiB at activation ten days ago: what the disks show, read back through the plan.
    expect(p?.observed.growthGiBPerMonth).toBeGreaterThan(200 * 0.95);
    expect(p?.observed.growthGiBPerMonth).toBeLessThan(200 * 1.05);
    const expectedNow = 5000 + (200 * 10) / (365.25 / 12);
    expect(Math.abs((p?.observed.datasetGiB ?? 0) - expectedNow) / expectedNow).toBeLessThan(0.01);
    // Peaks: the daily curve's peak is the plan's, twice over.
    expect((p?.observed.readsPerSecond ?? 0) / planned.reads).toBeGreaterThan(1.9);
  });

  it("answers the datastore's team and platform reviewers, and 404 to other teams", async () => {
    const ds = await activeDatastore();
    setMetricsSourceForTests(fakeSource({ "disk-used": () => 20 }));
    await read(w.member, ds.id);
    await read(w.platformToken, ds.id);
    await expectProblem(await runway(w.otherMember, ds.id), 404);
    await expectProblem(await runway(w.otherReviewer, ds.id), 404);
    await expectProblem(await runway(null, ds.id), 401);
    await expectProblem(await runway(w.member, "no-such-datastore"), 404);
    await expectProblem(await modernisation(w.otherMember, ds.id), 404);
  });

  it("is a 409 for a datastore that has not been provisioned, before any metric is read", async () => {
    const ds = await activeDatastore();
    await db().datastore.update({ where: { id: ds.id }, data: { status: "approved" } });
    const source = fakeSource({});
    setMetricsSourceForTests(source);
    const problem = await expectProblem(await runway(w.member, ds.id), 409);
    expect(problem.detail).toMatch(/is approved: it has no capacity to observe until it has been provisioned/);
    expect(source.asked).toHaveLength(0);
    await expectProblem(await modernisation(w.member, ds.id), 409);
  });
});

describe("GET /api/v1/datastores/{id}/modernisation", () => {
  it("re-plans a previous-generation datastore on current families, priced as the day-2 change prices it", async () => {
    // The team restricted the planner to i3, a previous generation (i7 is in the catalogue; AWS lists i3 as previous).
    const ds = await activeDatastore({ advanced: { instanceFamilies: ["i3"] } });
    const m = ModernisationSchema.parse(await expectJson(await modernisation(w.member, ds.id), 200));
    expect(m.clusters.every((c) => c.instanceType.startsWith("i3.") && c.generation === "previous")).toBe(true);
    const p = m.proposal;
    if (!p) throw new Error("expected a proposal");
    expect(instanceGeneration(p.instanceType)).toBe("current");
    expect(p.reasons[0]).toMatch(/^us-east-1 data runs i3\.\w+, a previous-generation i3 shape\.$/);
    // The restriction to i3 moves to the current families of the same series.
    expect(p.workload.advanced?.instanceFamilies?.includes("i3")).toBe(false);
    expect(p.workload.advanced?.instanceFamilies?.length).toBeGreaterThan(0);
    expect(p.workload.advanced?.instanceFamilies?.every((f) => f.startsWith("i") && instanceGeneration(f) === "current")).toBe(true);
    expect(p.instanceType.startsWith("i")).toBe(true);
    expect(p.costDelta?.annual).toBeCloseTo((p.proposed?.annualCost ?? NaN) - ds.annualCost, 1);

    const change = DatastoreChangeSchema.parse(
      await expectJson(await prov.createChange(w.member, ds.id, { kind: "update", workload: p.workload, instanceType: p.instanceType }), 201),
    );
    expect(change.after?.topology[0]?.instanceType).toBe(p.instanceType);
    expect(change.after?.annualCost).toBeCloseTo(p.proposed?.annualCost ?? NaN, 6);
  });

  it("has nothing to propose when every cluster runs a current-generation shape", async () => {
    const ds = await activeDatastore();
    const m = ModernisationSchema.parse(await expectJson(await modernisation(w.member, ds.id), 200));
    expect(m.clusters.every((c) => c.generation === "current")).toBe(true);
    expect(m).toMatchObject({ proposal: null, note: "Every cluster runs a current-generation shape." });
  });
});
