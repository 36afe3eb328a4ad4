// Benchmark runs through the real worker and the test file's own database: simulated EVCache and Dynomite run the
// harness for real against a memcached / redis-server started for the run (and stopped after it), progress is written
// while it runs and the result at the end; cancel keeps the figures so far; an injected latency spike goes through a
// delaying loopback proxy and shows as a measured regression in the gate's comparison; Cassandra gets a labelled
// synthetic result from the cluster's model.
import { createConnection } from "node:net";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/server/auth/actor";
import { setBenchModeForTests } from "@/lib/server/bench/bench-target";
import { cancelBenchRun } from "@/lib/server/bench/cancel-bench-run";
import { compareBenchRuns } from "@/lib/server/bench/compare-bench-runs";
import { getBenchRun } from "@/lib/server/bench/get-bench-run";
import { queueBenchmark, type QueueBenchmarkInput } from "@/lib/server/bench/queue-benchmark";
import { db } from "@/lib/server/db/client";
import { startWorker, type Worker } from "@/lib/server/provisioning/worker";
import { BenchResultSchema } from "@/lib/bench/result";
import { eventsOf, provisionableDatastore, settled, simulatedEngine, storeOrgSettings, tempDir, waitFor } from "../../../support/provisioning";

const dataDir = tempDir();
let worker: Worker;
const admin: Actor = { kind: "user", userId: "admin-1", label: "user:admin@example.test", isAdmin: true, platformReviewer: false, roles: new Map() };

beforeAll(async () => {
  await storeOrgSettings();
  worker = startWorker({
    concurrency: 2,
    leaseMs: 10_000,
    pollMs: 20,
    dataDir,
    engine: await simulatedEngine(dataDir),
    maintenanceEveryMs: 0,
    webhooks: false,
    fleet: false,
  });
});
afterAll(() => worker.stop({ graceMs: 0 }));
beforeEach(() => setBenchModeForTests("simulated"));
afterEach(() => setBenchModeForTests(null));

/** A short run: a few hundred requests a second for `durationS`, no warm-up. */
function short(datastoreId: string, extra: Partial<QueueBenchmarkInput> = {}, durationS = 3): Promise<{ operationId: string; runId: string }> {
  return db().$transaction((tx) =>
    queueBenchmark(tx, {
      datastoreId,
      purpose: "manual",
      actorLabel: "user:ana@example.test",
      derive: { durationS, warmupS: 0, maxRatePerSecond: 600, maxKeys: 1000 },
      ...extra,
    }),
  );
}

async function finishedRun(runId: string, operationId: string) {
  const op = await settled(operationId, 60_000);
  const run = await db().benchRun.findUniqueOrThrow({ where: { id: runId } });
  return { op, run, result: run.result === null ? null : BenchResultSchema.parse(run.result) };
}

/** The port a "Started a local … on 127.0.0.1:PORT" event names. */
async function localPortOf(operationId: string): Promise<number> {
  const started = (await eventsOf(operationId)).map((e) => e.data).find((d) => d.type === "diagnostic" && d.message.startsWith("Started a local"));
  const port = started?.type === "diagnostic" ? /127\.0\.0\.1:(\d+)/.exec(started.message)?.[1] : undefined;
  expect(port).toBeDefined();
  return Number(port);
}

const refuses = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = createConnection({ host: "127.0.0.1", port });
    s.once("connect", () => (s.destroy(), resolve(false)));
    s.once("error", () => resolve(true));
  });

describe("a benchmark operation", () => {
  it("runs a simulated EVCache cluster's benchmark for real against a local memcached, writing progress and the result", async () => {
    const ds = await provisionableDatastore({ family: "evcache", status: "active" });
    // The owning team's webhook hears that it completed.
    const hook = await db().webhookSubscription.create({
      data: {
        teamId: ds.teamId,
        url: "https://hooks.example.test/b",
        events: ["benchmark.completed"],
        secretCipher: "x.y.z",
        secretPrefix: "whsec_x",
        createdBy: "user:owner@example.test",
      },
    });
    const { operationId, runId } = await short(ds.id, { label: "before the upgrade" });
    const queued = await db().benchRun.findUniqueOrThrow({ where: { id: runId } });
    expect(queued).toMatchObject({ driver: "memcached", target: "local-server", region: "us-east-1", role: "data", label: "before the upgrade" });

    // Progress shows while it measures (the live chart), before the end.
    const live = await waitFor("progress in the measured phase", async () => {
      const r = await db().benchRun.findUniqueOrThrow({ where: { id: runId } });
      const p = r.progress as { phase?: string; answered?: number } | null;
      return p?.phase === "measure" && (p.answered ?? 0) > 0 && r.result === null ? p : undefined;
    });
    expect(live.answered).toBeGreaterThan(0);

    const { op, run, result } = await finishedRun(runId, operationId);
    expect(op.status).toBe("succeeded");
    expect(result).toMatchObject({ driver: "memcached", outcome: "completed", mode: "open-loop" });
    // ~600/s for 3 s, answered by a real memcached: every request answered, none failed.
    const answered = result!.reads.ok + result!.writes.ok;
    expect(answered).toBeGreaterThan(1500);
    expect(result!.errors).toEqual([]);
    expect(result!.reads.hits).toBeGreaterThan(0); // prefilled keys are found
    expect(run.finishedAt).not.toBeNull();
    expect((run.progress as { series: unknown[] }).series.length).toBeGreaterThanOrEqual(3);
    // The server started for the run is gone with it.
    expect(await refuses(await localPortOf(operationId))).toBe(true);
    const deliveries = await db().webhookDelivery.findMany({ where: { subscriptionId: hook.id } });
    expect(deliveries.map((d) => d.eventType)).toEqual(["benchmark.completed"]);
    const body = JSON.parse(deliveries[0]!.payload) as { data: { benchmark: { id: string; target: string } } };
    expect(body.data.benchmark).toMatchObject({ id: runId, target: "local-server" });
    const dto = await getBenchRun({ actor: admin, id: runId });
    expect(dto).toMatchObject({ status: "succeeded", synthetic: false, target: "local-server", actions: { cancel: { allowed: false, code: "conflict" } } });
  });

  it("runs a simulated Dynomite cluster's benchmark against a local redis-server", async () => {
    const ds = await provisionableDatastore({ family: "dynomite", status: "active" });
    const { operationId, runId } = await short(ds.id, {}, 2);
    const { op, result } = await finishedRun(runId, operationId);
    expect(op.status).toBe("succeeded");
    expect(result).toMatchObject({ driver: "redis", outcome: "completed" });
    expect(result!.reads.ok + result!.writes.ok).toBeGreaterThan(1000);
    expect(result!.errors).toEqual([]);
  });

  it("is cancelled through its operation: the harness stops sending and the figures so far are kept", async () => {
    const ds = await provisionableDatastore({ family: "evcache", status: "active" });
    const { operationId, runId } = await short(ds.id, {}, 60);
    await waitFor("a measured second", async () => {
      const p = (await db().benchRun.findUniqueOrThrow({ where: { id: runId } })).progress as { series?: unknown[] } | null;
      return (p?.series?.length ?? 0) >= 1;
    });
    const asked = await cancelBenchRun({ actor: admin, id: runId });
    expect(asked.status).toBe("running");
    const { op, result } = await finishedRun(runId, operationId);
    expect(op.status).toBe("cancelled");
    expect(result).toMatchObject({ outcome: "cancelled" });
    expect(result!.measuredS).toBeLessThan(30);
    expect(result!.reads.ok + result!.writes.ok).toBeGreaterThan(0);
    expect((await getBenchRun({ actor: admin, id: runId })).status).toBe("cancelled");
  });

  it("shows an injected latency spike as a measured regression, through a delaying proxy in front of the server", async () => {
    const ds = await provisionableDatastore({ family: "evcache", status: "active" });
    // Connections enough for the spike's hold: the regression is the added latency, not a queue.
    const spec = { derive: { durationS: 3, warmupS: 0, maxRatePerSecond: 400, maxKeys: 1000, connections: 32 } };
    const baseline = await short(ds.id, { purpose: "baseline", ...spec });
    await finishedRun(baseline.runId, baseline.operationId);
    const again = await short(ds.id, { purpose: "validation", ...spec });
    await finishedRun(again.runId, again.operationId);
    const calm = await compareBenchRuns(baseline.runId, again.runId);
    // A local server's comparison says how it chose its thresholds: no SLA, the shared machine's noise floor.
    expect(calm.thresholds.minRegressionMs).toBe(10);
    // Only the median is gated: a loopback server's tail is the shared machine's scheduler.
    expect(calm.thresholds.gatedPercentiles).toEqual(["p50"]);
    expect(calm.thresholdSources).toMatchObject({ minRegressionMs: "default", maxRegressionPct: "default" });
    expect(calm.thresholds.p99ReadMs).toBeUndefined();
    expect(calm.notes[0]).toMatch(/A local server stood in for the cluster/);
    // A smaller floor asked for (a campaign's gate asks for 2 ms, right for a cluster) is raised to the loopback's.
    const asked = await compareBenchRuns(baseline.runId, again.runId, { minRegressionMs: 2, maxRegressionPct: 50 });
    expect(asked.thresholds).toMatchObject({ minRegressionMs: 10, maxRegressionPct: 50 });
    expect(asked.thresholdSources).toMatchObject({ minRegressionMs: "default", maxRegressionPct: "override" });

    await db().healthIncident.create({
      data: {
        datastoreId: ds.id,
        kind: "latency-spike",
        region: "us-east-1",
        role: null,
        magnitude: 2,
        startsAt: new Date(Date.now() - 1000),
        createdBy: "test",
      },
    });
    const spiked = await short(ds.id, { purpose: "validation", ...spec });
    const { result } = await finishedRun(spiked.runId, spiked.operationId);
    const proxied = (await eventsOf(spiked.operationId)).map((e) => e.data).find((d) => d.type === "diagnostic" && d.message.includes("loopback proxy"));
    const delayMs = Number(proxied?.type === "diagnostic" ? /held ([\d.]+) ms/.exec(proxied.message)?.[1] : NaN);
    expect(delayMs).toBeGreaterThanOrEqual(20);
    // Measured, not added by hand: every answer took at least the proxy's hold.
    expect(result!.writes.serviceTime.percentilesMs.p50).toBeGreaterThanOrEqual(delayMs * 0.95);
    expect(result!.reads.serviceTime.percentilesMs.p50).toBeGreaterThanOrEqual(delayMs * 0.95);

    const gate = await compareBenchRuns(baseline.runId, spiked.runId);
    expect(gate.verdict, JSON.stringify({ delayMs, checks: gate.comparison.checks })).toBe("fail");
    expect(gate.reasons.join("\n")).toMatch(/writes p50 rose from [\d.]+ ms to [\d.]+ ms/);
    expect(gate.comparison.writes!.percentiles.p50.deltaMs).toBeGreaterThan(delayMs * 0.5);
    // The calm pair moved far less than the spike did.
    expect(calm.comparison.writes!.percentiles.p50.deltaMs).toBeLessThan(gate.comparison.writes!.percentiles.p50.deltaMs / 2);
  });

  it("gives Cassandra a synthetic result from the cluster's model, labelled so, that a spike slows down", async () => {
    const ds = await provisionableDatastore({ status: "active" });
    const calm = await short(ds.id, { role: "data" }, 2);
    const a = await finishedRun(calm.runId, calm.operationId);
    expect(a.op.status).toBe("succeeded");
    expect(a.run).toMatchObject({ target: "synthetic", driver: "cassandra" });
    expect((await getBenchRun({ actor: admin, id: calm.runId })).synthetic).toBe(true);
    expect((await eventsOf(calm.operationId)).some((e) => e.data.type === "diagnostic" && e.data.message.startsWith("Synthetic: no load is sent"))).toBe(true);

    await db().healthIncident.create({
      data: { datastoreId: ds.id, kind: "latency-spike", region: null, role: "data", magnitude: 4, startsAt: new Date(Date.now() - 1000), createdBy: "test" },
    });
    const slow = await short(ds.id, { role: "data" }, 2);
    const b = await finishedRun(slow.runId, slow.operationId);
    // Computed from the model, not timed: ×4 on the model's latency is ×4 on every percentile (HDR's rounding aside).
    const ratio = b.result!.writes.latency.percentilesMs.p99 / a.result!.writes.latency.percentilesMs.p99;
    expect(ratio).toBeGreaterThan(3.9);
    expect(ratio).toBeLessThan(4.1);
    // And the same profile on the same model gives the same figures: a calm gate passes.
    await db().healthIncident.updateMany({ where: { datastoreId: ds.id }, data: { endsAt: new Date() } });
    const twin = await short(ds.id, { role: "data" }, 2);
    const c = await finishedRun(twin.runId, twin.operationId);
    expect(c.result!.reads).toEqual(a.result!.reads);
    expect((await compareBenchRuns(calm.runId, twin.runId)).verdict).toBe("pass");
    const gate = await compareBenchRuns(calm.runId, slow.runId);
    expect(gate).toMatchObject({ verdict: "fail", synthetic: true });
    // The datastore's SLA alarms (CASSANDRA_THRESHOLDS: read p99 critical at 10 ms) are the p99 thresholds.
    expect(gate.thresholds.p99ReadMs).toBe(10);
    expect(gate.thresholdSources.p99ReadMs).toBe("sla");
  });
});
