// `npm run worker` as a real process against the test file's database: killed with SIGKILL in the middle of an up,
// the operation is recovered by the next worker (interrupted, stack lock cleared, nothing lost) and a retry
// provisions; stopped with SIGTERM, it lets the running operation finish and exits cleanly.
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { existsSync } from "node:fs";
import { PULUMI_PROJECT, stackNameOf } from "@/lib/server/provisioning/engine-contract";
import { stackFiles } from "@/infra/engine/simulated-state";
import { db } from "@/lib/server/db/client";
import { parseStoredSpec } from "@/lib/server/provisioning/spec";
import { startWorker, type Worker } from "@/lib/server/provisioning/worker";
import { DatastoreOutputsSchema, type OperationEventData } from "@/lib/schemas/operation";
import { eventsOf, provisionableDatastore, queue, settled, simulatedEngine, specOf, storeOrgSettings, tempDir, waitFor } from "../../../support/provisioning";
import { workerProcesses } from "../../../support/worker-process";

const dataDir = tempDir();
const workers: Worker[] = [];

const worker = workerProcesses(dataDir, { SIMULATED_STEP_MS: "300", WORKER_LEASE_SECONDS: "3", WORKER_CONCURRENCY: "1" });
const spawnWorker = worker.spawn;

/** A wait that timed out on a worker process says what the process printed (why it never got going). */
const withOutputOf = (proc: { output: () => string }) => (error: unknown) => {
  throw new Error(`${String(error)}\n${proc.output()}`);
};
const doneCount = (events: { data: OperationEventData }[]) => events.filter((e) => e.data.type === "resource-done").length;
const operation = (id: string) => db().operation.findUniqueOrThrow({ where: { id } });

beforeAll(storeOrgSettings);
afterEach(async () => {
  worker.killAll();
  await Promise.all(workers.splice(0).map((w) => w.stop({ graceMs: 0 })));
});

describe("the worker process", () => {
  it("killed with SIGKILL mid-up: the next worker marks the operation interrupted, clears the stack lock, keeps every event; a retry provisions", async () => {
    const ds = await provisionableDatastore();
    const up = await queue(ds.id, "up", "provision");
    const lockFile = stackFiles(dataDir, PULUMI_PROJECT, stackNameOf(await specOf(ds.id))).lock;
    const proc = spawnWorker();

    await waitFor(
      "the worker process to be two resources into the up",
      async () => {
        if (proc.child.exitCode !== null) throw new Error(`the worker exited early:\n${proc.output()}`);
        const row = await operation(up.id);
        return row.status === "running" && doneCount(await eventsOf(up.id)) >= 2;
      },
      90_000,
      20,
    ).catch(withOutputOf(proc));
    proc.child.kill("SIGKILL");
    expect(await proc.exited).toMatchObject({ signal: "SIGKILL" });
    expect(proc.output()).toMatch(/provisioning worker started/);

    const beforeRecovery = await eventsOf(up.id);
    expect(await operation(up.id)).toMatchObject({ status: "running", finishedAt: null });
    expect(beforeRecovery.map((e) => e.seq)).toEqual(beforeRecovery.map((_, i) => i + 1));
    expect(existsSync(lockFile)).toBe(true);
    expect(await db().datastore.findUniqueOrThrow({ where: { id: ds.id } })).toMatchObject({ status: "provisioning", lockOperationId: up.id });

    // A new worker recovers it once the dead one's (3 s) lease runs out. Its own lease is long: on a loaded machine a
    // 3 s lease of its own could lapse between heartbeats and it would recover (interrupt) its own retry.
    workers.push(startWorker({ engine: await simulatedEngine(dataDir, 5), concurrency: 2, leaseMs: 30_000, pollMs: 50, dataDir }));
    const recovered = await settled(up.id, 30_000);
    expect(recovered.status).toBe("interrupted");
    expect(recovered.error).toMatchObject({ code: "interrupted", message: expect.stringMatching(/lease expired at .*lock was cleared; retry/) });
    expect(existsSync(lockFile)).toBe(false);
    expect(await db().datastore.findUniqueOrThrow({ where: { id: ds.id } })).toMatchObject({ status: "failed", lockOperationId: null });
    const afterRecovery = await eventsOf(up.id);
    expect(afterRecovery.slice(0, beforeRecovery.length)).toEqual(beforeRecovery);
    expect(afterRecovery.map((e) => e.seq)).toEqual(afterRecovery.map((_, i) => i + 1));
    const added = afterRecovery.slice(beforeRecovery.length).map((e) => e.data);
    expect(added.at(-1)).toMatchObject({ type: "status", status: "interrupted" });
    expect(added.some((d) => d.type === "diagnostic" && /lock .* was cleared/.test(d.message))).toBe(true);
    expect(recovered.doneSteps).toBe(doneCount(beforeRecovery));

    // Retry, as the lifecycle API inserts it: same kind, purpose and spec, the next attempt.
    const retry = await queue(ds.id, "up", "provision", {
      spec: parseStoredSpec(recovered.spec),
      retryOfId: up.id,
      attempt: 2,
      previewId: recovered.previewId,
    });
    const retried = await settled(retry.id, 30_000);
    expect(retried.status).toBe("succeeded");
    const store = await db().datastore.findUniqueOrThrow({ where: { id: ds.id } });
    expect(store).toMatchObject({ status: "active", lockOperationId: null });
    expect(DatastoreOutputsSchema.parse(store.outputs).regions["us-east-1"]?.groupNames).toHaveLength(6);
    // The resources the killed run had created are kept, not created twice.
    const summary = retried.summary as Record<string, number>;
    expect(summary.same).toBeGreaterThanOrEqual(2);
  }, 180_000);

  it("stopped with SIGTERM, lets the running operation finish and exits with 0", async () => {
    const ds = await provisionableDatastore({ regions: ["eu-west-1"] });
    const up = await queue(ds.id, "up", "provision");
    const proc = spawnWorker();
    await waitFor(
      "the worker process to be into the up",
      async () => {
        if (proc.child.exitCode !== null) throw new Error(`the worker exited early:\n${proc.output()}`);
        return (await operation(up.id)).doneSteps >= 1;
      },
      90_000,
      20,
    ).catch(withOutputOf(proc));
    proc.child.kill("SIGTERM");
    expect(await proc.exited).toEqual({ code: 0, signal: null });
    expect(proc.output()).toMatch(/provisioning worker stopping/);
    expect(await operation(up.id)).toMatchObject({ status: "succeeded" });
    expect(await db().datastore.findUniqueOrThrow({ where: { id: ds.id } })).toMatchObject({ status: "active", lockOperationId: null });
  }, 180_000);
});
