// The benchmark API through the real route handlers, the test file's database and a real worker: starting a run
// (bad input answered 422 naming each field, nothing queued), the derived default profile, following a run to its
// result, cancelling, comparing two runs (422 / 404 / 409 naming the field), and who may do what.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { GET as listRoute, POST as startRoute } from "@/app/api/v1/datastores/[id]/benchmarks/route";
import { GET as profileRoute } from "@/app/api/v1/datastores/[id]/benchmarks/profile/route";
import { GET as getRoute } from "@/app/api/v1/benchmarks/[id]/route";
import { POST as cancelRoute } from "@/app/api/v1/benchmarks/[id]/cancel/route";
import { GET as compareRoute } from "@/app/api/v1/benchmarks/compare/route";
import { BenchComparisonSchema, BenchRunListSchema, BenchRunSchema, DerivedBenchProfileSchema } from "@/lib/schemas/bench-run";
import { setBenchModeForTests } from "@/lib/server/bench/bench-target";
import { db } from "@/lib/server/db/client";
import { setEngineForTests } from "@/lib/server/provisioning/engine";
import { startWorker, type Worker } from "@/lib/server/provisioning/worker";
import { jsonRequest, makePerson, makeTeam, type TestPerson } from "../support/actors";
import { provisionableDatastore, settled, simulatedEngine, storeOrgSettings, tempDir, waitFor } from "../support/provisioning";
import { prov } from "./provisioning-support";
import { expectJson, expectProblem } from "./support";

const p = (id: string) => ({ params: Promise.resolve({ id }) });
const none = { params: Promise.resolve({}) };
const api = {
  list: (who: TestPerson, id: string) => listRoute(jsonRequest("GET", `/api/v1/datastores/${id}/benchmarks`, who), p(id)),
  start: (who: TestPerson, id: string, body?: unknown) => startRoute(jsonRequest("POST", `/api/v1/datastores/${id}/benchmarks`, who, body), p(id)),
  profile: (who: TestPerson, id: string, query = "") => profileRoute(jsonRequest("GET", `/api/v1/datastores/${id}/benchmarks/profile${query}`, who), p(id)),
  get: (who: TestPerson, id: string) => getRoute(jsonRequest("GET", `/api/v1/benchmarks/${id}`, who), p(id)),
  cancel: (who: TestPerson, id: string) => cancelRoute(jsonRequest("POST", `/api/v1/benchmarks/${id}/cancel`, who), p(id)),
  compare: (who: TestPerson, query: string) => compareRoute(jsonRequest("GET", `/api/v1/benchmarks/compare${query}`, who), none),
};

const dataDir = tempDir();
let worker: Worker | null = null;
let member: TestPerson, outsider: TestPerson;
let teamId: string;

beforeAll(async () => {
  await storeOrgSettings();
  teamId = (await makeTeam()).id;
  member = await makePerson(teamId, "member", "Mia Member");
  outsider = await makePerson((await makeTeam()).id, "admin", "Otto Outsider");
});
beforeEach(() => setBenchModeForTests("simulated"));
afterEach(() => setBenchModeForTests(null));
afterAll(() => worker?.stop({ graceMs: 0 }));

async function runWorker(): Promise<void> {
  worker ??= startWorker({
    concurrency: 1,
    leaseMs: 10_000,
    pollMs: 20,
    dataDir,
    engine: await simulatedEngine(dataDir),
    maintenanceEveryMs: 0,
    webhooks: false,
    fleet: false,
  });
}

const SHORT = { derive: { durationS: 2, warmupS: 0, maxRatePerSecond: 400, maxKeys: 500 } };

describe("starting a benchmark", () => {
  it("answers bad input with a 422 naming each field and queues nothing", async () => {
    const ds = await provisionableDatastore({ teamId, family: "evcache", status: "active" });
    const bad = await expectProblem(
      await api.start(member, ds.id, {
        region: "mars-1",
        profile: {
          mix: { read: 0.5, write: 0.5 },
          keySpace: { count: 0, distribution: "uniform" },
          valueSize: { kind: "fixed", bytes: 10 },
          rate: -1,
          connections: 2,
          durationS: 2,
        },
      }),
      422,
    );
    expect(bad.errors?.map((e) => e.field).sort()).toEqual(["profile.keySpace.count", "profile.rate"]);
    const mixed = await expectProblem(
      await api.start(member, ds.id, { profile: { ...validProfile, mix: { read: 0.5, write: 0.4 } }, derive: { durationS: 2 } }),
      422,
    );
    expect(mixed.errors?.map((e) => e.field).sort()).toEqual(["derive", "profile.mix"]);
    const region = await expectProblem(await api.start(member, ds.id, { region: "mars-1", profile: validProfile }), 422);
    expect(region.errors).toEqual([{ field: "region", message: "is not a region of " + ds.name + "; its regions are: us-east-1" }]);
    const derive = await expectProblem(await api.start(member, ds.id, { derive: { durationS: 0, shareOfFleet: 2 } }), 422);
    expect(derive.errors?.map((e) => e.field).sort()).toEqual(["derive.durationS", "derive.shareOfFleet"]);
    expect(await db().benchRun.count({ where: { datastoreId: ds.id } })).toBe(0);
    expect(await db().operation.count({ where: { datastoreId: ds.id } })).toBe(0);
  });

  it("is for the owning team on an active datastore: 404 for others, 409 before it is active", async () => {
    const ds = await provisionableDatastore({ teamId, family: "evcache", status: "active" });
    await expectProblem(await api.start(outsider, ds.id, SHORT), 404);
    await expectProblem(await api.list(outsider, ds.id), 404);
    const approved = await provisionableDatastore({ teamId, family: "evcache", status: "approved" });
    expect((await expectProblem(await api.start(member, approved.id, SHORT), 409)).detail).toMatch(/only an active datastore is benchmarked/);
    const list = BenchRunListSchema.parse(await expectJson(await api.list(member, approved.id)));
    expect(list.actions.start).toMatchObject({ allowed: false, code: "conflict" });
  });

  it("shows the derived default profile of a cluster, and 422 for a cluster it does not have", async () => {
    const ds = await provisionableDatastore({ teamId, status: "active" });
    const derived = DerivedBenchProfileSchema.parse(await expectJson(await api.profile(member, ds.id, "?role=cache")));
    expect(derived).toMatchObject({ driver: "memcached", target: "local-server", derive: { durationS: 10, maxRatePerSecond: 2000 } });
    expect(derived.clusters).toEqual([
      { region: "us-east-1", role: "data" },
      { region: "us-east-1", role: "cache" },
    ]);
    expect(derived.notes[0]).toMatch(/^the load of one node of \d+ in us-east-1 cache/);
    expect(DerivedBenchProfileSchema.parse(await expectJson(await api.profile(member, ds.id))).target).toBe("synthetic");
    const bad = await expectProblem(await api.profile(member, ds.id, "?role=search"), 422);
    expect(bad.errors?.[0]?.field).toBe("role");
    const unknown = await expectProblem(await api.profile(member, ds.id, "?zone=a"), 422);
    expect(unknown.errors?.[0]?.field).toBe("zone");
  });
});

const validProfile = {
  mix: { read: 0.5, write: 0.5 },
  keySpace: { count: 500, distribution: "uniform" },
  valueSize: { kind: "fixed", bytes: 100 },
  rate: 300,
  connections: 2,
  durationS: 2,
  prefill: true,
};

describe("a benchmark run", () => {
  it("runs to its result, is compared with another, and a finished one cannot be cancelled", async () => {
    await runWorker();
    const ds = await provisionableDatastore({ teamId, family: "evcache", status: "active" });
    const started = await api.start(member, ds.id, { label: "before", profile: validProfile });
    const first = BenchRunSchema.parse(await expectJson(started, 202));
    expect(first).toMatchObject({
      status: "queued",
      label: "before",
      target: "local-server",
      synthetic: false,
      createdBy: expect.stringMatching(/^token:/),
      actions: { cancel: { allowed: true } },
    });
    // Not finished yet (a 2 s run just queued): a comparison has nothing to compare (409 naming the field).
    const second = BenchRunSchema.parse(await expectJson(await api.start(member, ds.id, { profile: validProfile }), 202));
    const early = await expectProblem(await api.compare(member, `?baseline=${first.id}&candidate=${second.id}`), 409);
    expect(early.errors?.[0]?.field).toBe("baseline");

    await settled(second.operationId, 60_000);
    const done = BenchRunSchema.parse(await expectJson(await api.get(member, first.id)));
    expect(done.status).toBe("succeeded");
    expect(done.result?.outcome).toBe("completed");
    expect(done.result!.reads.ok + done.result!.writes.ok).toBeGreaterThan(400);
    expect(done.progress?.series.length).toBeGreaterThanOrEqual(2);
    expect((await expectProblem(await api.cancel(member, first.id), 409)).detail).toMatch(/only a queued or running/);

    const cmp = BenchComparisonSchema.parse(await expectJson(await api.compare(member, `?baseline=${first.id}&candidate=${second.id}&maxRegressionPct=1000`)));
    expect(cmp).toMatchObject({
      baselineRunId: first.id,
      candidateRunId: second.id,
      thresholds: { maxRegressionPct: 1000 },
      thresholdSources: { maxRegressionPct: "override" },
    });
    expect(cmp.comparison.reads?.percentiles.p99.baselineMs).toBe(done.result!.reads.latency.percentilesMs.p99);

    const list = BenchRunListSchema.parse(await expectJson(await api.list(member, ds.id)));
    expect(list.runs.map((r) => r.id)).toEqual([second.id, first.id]);
    expect(list.actions.start.allowed).toBe(true);
  });

  it("compares only what it is given right: 422 naming the missing field, 404 for a run nobody has", async () => {
    const missing = await expectProblem(await api.compare(member, "?baseline=abc"), 422);
    expect(missing.errors?.map((e) => e.field)).toEqual(["candidate"]);
    const bad = await expectProblem(await api.compare(member, "?baseline=a&candidate=b&maxRegressionPct=-3"), 422);
    expect(bad.errors?.map((e) => e.field)).toEqual(["maxRegressionPct"]);
    const unknown = await expectProblem(await api.compare(member, "?baseline=nope&candidate=nope2"), 404);
    expect(unknown.errors?.[0]?.field).toBe("baseline");
  });

  it("is cancelled while it runs, by its team only", async () => {
    await runWorker();
    const ds = await provisionableDatastore({ teamId, family: "dynomite", status: "active" });
    const run = BenchRunSchema.parse(await expectJson(await api.start(member, ds.id, { profile: { ...validProfile, durationS: 60 } }), 202));
    await waitFor("the run to measure", async () => BenchRunSchema.parse(await expectJson(await api.get(member, run.id))).progress?.phase === "measure");
    await expectProblem(await api.cancel(outsider, run.id), 404);
    BenchRunSchema.parse(await expectJson(await api.cancel(member, run.id), 202));
    await settled(run.operationId, 30_000);
    const after = BenchRunSchema.parse(await expectJson(await api.get(member, run.id)));
    expect(after).toMatchObject({ status: "cancelled", result: { outcome: "cancelled" } });
    // Its figures belong to the run: a new run is started, the operation is not retried.
    setEngineForTests(await simulatedEngine(dataDir));
    try {
      expect((await expectProblem(await prov.retry(member, run.operationId), 409)).detail).toMatch(/a benchmark is not retried/);
    } finally {
      setEngineForTests(null);
    }
    expect(await db().auditEvent.count({ where: { action: "benchmark.started", subjectId: ds.id } })).toBe(1);
  });
});
