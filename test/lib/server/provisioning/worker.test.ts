// The worker against the real simulated engine (the datastore program under Pulumi's mocks, a state and a lock file
// per stack) and the test file's own database: the lifecycle of preview and up, per-datastore ordering, cancel,
// an engine that cannot run, a provider failure, and claims that race.
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { existsSync } from "node:fs";
import { PULUMI_PROJECT, stackNameOf, type ProvisioningEngine } from "@/lib/server/provisioning/engine-contract";
import { stackFiles } from "@/infra/engine/simulated-state";
import { AppError } from "@/lib/errors";
import { db } from "@/lib/server/db/client";
import { claimOperation } from "@/lib/server/provisioning/claim-operation";
import { setEngineForTests } from "@/lib/server/provisioning/engine";
import { provisionerStatus, requireProvisioner } from "@/lib/server/provisioning/provisioner-status";
import { startWorker, type Worker, type WorkerOptions } from "@/lib/server/provisioning/worker";
import { DatastoreOutputsSchema, ResourceChangeSchema, type OperationEventData } from "@/lib/schemas/operation";
import { eventsOf, provisionableDatastore, queue, settled, simulatedEngine, specOf, storeOrgSettings, tempDir, waitFor } from "../../../support/provisioning";

const dataDir = tempDir();
const workers: Worker[] = [];

/** A worker on the simulated engine with `stepMs` per resource; stopped after each test. */
async function worker(stepMs = 5, options: WorkerOptions = {}): Promise<Worker> {
  const engine = options.engine ?? (await simulatedEngine(dataDir, stepMs));
  const w = startWorker({ concurrency: 2, leaseMs: 10_000, pollMs: 20, dataDir, ...options, engine });
  workers.push(w);
  return w;
}

const statuses = (events: { data: OperationEventData }[]) => events.flatMap((e) => (e.data.type === "status" ? [e.data.status] : []));
const datastore = (id: string) => db().datastore.findUniqueOrThrow({ where: { id } });
const operation = (id: string) => db().operation.findUniqueOrThrow({ where: { id } });

beforeAll(storeOrgSettings);
afterEach(async () => {
  setEngineForTests(null);
  await Promise.all(workers.splice(0).map((w) => w.stop({ graceMs: 0 })));
});

describe("the worker's lifecycle", () => {
  it("runs a preview to a structured diff without touching the datastore, then an up that makes it active with outputs", async () => {
    const ds = await provisionableDatastore();
    const preview = await queue(ds.id, "preview", "provision");
    await worker(40);

    const previewed = await settled(preview.id);
    expect(previewed.status).toBe("succeeded");
    const diff = ResourceChangeSchema.array().parse(previewed.diff);
    expect(diff.length).toBeGreaterThan(5);
    expect(diff.every((c) => c.op === "create" && c.region === "us-east-1")).toBe(true);
    // One Auto Scaling group per zone and role: the diff names every zone.
    const groupZones = diff.filter((c) => c.type === "aws:autoscaling/group:Group").map((c) => `${c.role}:${c.zone}`);
    expect(new Set(groupZones).size).toBe(6);
    expect(previewed.summary).toEqual({ create: diff.length });
    expect(await datastore(ds.id)).toMatchObject({ status: "approved", outputs: null, lockOperationId: null, version: ds.version });

    const up = await queue(ds.id, "up", "provision", { previewId: preview.id, plannedSteps: diff.length });
    // While it runs, the catalog shows the datastore provisioning.
    await waitFor("the datastore to show provisioning", async () => (await datastore(ds.id)).status === "provisioning", 20_000, 5);
    expect((await datastore(ds.id)).lockOperationId).toBe(up.id);

    const done = await settled(up.id);
    expect(done.status).toBe("succeeded");
    expect(done.error).toBeNull();
    expect(done.doneSteps).toBe(diff.length);
    expect(done.plannedSteps).toBe(diff.length);
    const outputs = DatastoreOutputsSchema.parse(done.outputs);
    expect(outputs.datastoreId).toBe(ds.id);
    expect(outputs.regions["us-east-1"]?.groupNames).toHaveLength(6);
    const after = await datastore(ds.id);
    expect(after).toMatchObject({ status: "active", lockOperationId: null });
    expect(after.outputs).toEqual(done.outputs);

    for (const id of [preview.id, up.id]) {
      const events = await eventsOf(id);
      expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
      expect(statuses(events)).toEqual(["queued", "running", "succeeded"]);
      expect(events[0]?.data).toMatchObject({ type: "status", status: "queued" });
      expect(events.at(-1)?.data).toMatchObject({ type: "status", status: "succeeded" });
      expect(events.find((e) => e.data.type === "started")?.seq).toBeLessThan(events.find((e) => e.data.type === "summary")?.seq ?? 0);
      expect((await operation(id)).eventCount).toBe(events.length);
    }
    expect((await eventsOf(up.id)).filter((e) => e.data.type === "resource-done")).toHaveLength(diff.length);
    const audit = await db().auditEvent.findMany({ where: { subjectId: ds.id }, orderBy: { at: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["operation.succeeded", "operation.succeeded"]);
  });

  it("runs one datastore's operations one after another in the order queued, and another datastore's beside them", async () => {
    const a = await provisionableDatastore();
    const b = await provisionableDatastore();
    const a1 = await queue(a.id, "up", "provision");
    const a2 = await queue(a.id, "refresh", "drift");
    const a3 = await queue(a.id, "destroy", "cleanup");
    const b1 = await queue(b.id, "up", "provision");
    await worker(20);

    const [r1, r2, r3, rb] = await Promise.all([a1, a2, a3, b1].map((op) => settled(op.id)));
    if (!r1 || !r2 || !r3 || !rb) throw new Error("missing rows");
    expect([r1, r2, r3, rb].map((r) => r.status)).toEqual(["succeeded", "succeeded", "succeeded", "succeeded"]);
    const t = (d: Date | null) => d?.getTime() ?? Number.NaN;
    expect(t(r1.finishedAt)).toBeLessThanOrEqual(t(r2.startedAt));
    expect(t(r2.finishedAt)).toBeLessThanOrEqual(t(r3.startedAt));
    // The other datastore's up ran while the first one's did.
    expect(t(rb.startedAt)).toBeLessThan(t(r1.finishedAt));
    expect(t(r1.startedAt)).toBeLessThan(t(rb.finishedAt));
    // A cleanup destroy leaves a datastore that can be provisioned again.
    expect(await datastore(a.id)).toMatchObject({ status: "approved", outputs: null, lockOperationId: null });
    expect(await datastore(b.id)).toMatchObject({ status: "active", lockOperationId: null });
    expect(
      ResourceChangeSchema.array()
        .parse(r2.diff)
        .every((c) => c.op === "same"),
    ).toBe(true);
  });

  it("skips an operation that is no longer queued", async () => {
    const ds = await provisionableDatastore();
    const withdrawn = await queue(ds.id, "preview", "provision");
    await db().operation.update({ where: { id: withdrawn.id }, data: { status: "cancelled", finishedAt: new Date() } });
    const next = await queue(ds.id, "preview", "provision");
    await worker();

    expect((await settled(next.id)).status).toBe("succeeded");
    const skipped = await operation(withdrawn.id);
    expect(skipped).toMatchObject({ status: "cancelled", startedAt: null, leaseOwner: null });
    expect(statuses(await eventsOf(withdrawn.id))).toEqual(["queued"]);
  });

  it("frees a datastore whose lock names an operation that is not running, so its queue moves again", async () => {
    const ds = await provisionableDatastore();
    const old = await queue(ds.id, "preview", "provision");
    await db().operation.update({ where: { id: old.id }, data: { status: "failed", finishedAt: new Date() } });
    await db().datastore.update({ where: { id: ds.id }, data: { lockOperationId: old.id } });
    const next = await queue(ds.id, "preview", "provision");
    await worker();

    expect((await settled(next.id)).status).toBe("succeeded");
    expect(await datastore(ds.id)).toMatchObject({ lockOperationId: null });
  });
});

describe("cancelling and failing", () => {
  it("aborts a running up when a cancel is requested: cancelled, the locks released, the datastore failed", async () => {
    const ds = await provisionableDatastore();
    const up = await queue(ds.id, "up", "provision");
    await worker(150, { leaseMs: 1500 });
    await waitFor("the up to get going", async () => (await operation(up.id)).doneSteps >= 1);
    await db().operation.update({ where: { id: up.id }, data: { cancelRequestedAt: new Date() } });

    const done = await settled(up.id);
    expect(done.status).toBe("cancelled");
    expect(done.error).toMatchObject({ code: "cancelled" });
    expect(await datastore(ds.id)).toMatchObject({ status: "failed", lockOperationId: null });
    expect(existsSync(stackFiles(dataDir, PULUMI_PROJECT, stackNameOf(await specOf(ds.id))).lock)).toBe(false);
    const events = await eventsOf(up.id);
    expect(statuses(events)).toEqual(["queued", "running", "cancelled"]);
    expect(done.doneSteps).toBe(events.filter((e) => e.data.type === "resource-done").length);
  });

  it("fails an up with the provider's message and the failing resource, and marks the datastore failed", async () => {
    const ds = await provisionableDatastore({ name: `orders-fail-sim-${Math.random().toString(36).slice(2, 6)}` });
    const up = await queue(ds.id, "up", "provision");
    await worker();

    const done = await settled(up.id);
    expect(done.status).toBe("failed");
    const failed = (await eventsOf(up.id)).find((e) => e.data.type === "resource-failed")?.data;
    if (failed?.type !== "resource-failed") throw new Error("no resource-failed event");
    expect(done.error).toMatchObject({ code: "engine", message: failed.message, urn: failed.resource.urn });
    expect(failed.message).toMatch(/CreateAutoScalingGroup/);
    expect(await datastore(ds.id)).toMatchObject({ status: "failed", lockOperationId: null });
    expect(statuses(await eventsOf(up.id))).toEqual(["queued", "running", "failed"]);
  });
});

describe("stopping and losing the lease", () => {
  it("aborts what runs when stopped without grace: interrupted, every lock released, the datastore failed", async () => {
    const ds = await provisionableDatastore();
    const up = await queue(ds.id, "up", "provision");
    const w = await worker(150);
    await waitFor("the up to get going", async () => (await operation(up.id)).doneSteps >= 1);
    await w.stop({ graceMs: 0 });

    const done = await operation(up.id);
    expect(done.status).toBe("interrupted");
    expect(done.error).toMatchObject({ code: "interrupted", message: expect.stringMatching(/shut down/) });
    expect(await datastore(ds.id)).toMatchObject({ status: "failed", lockOperationId: null });
    expect(existsSync(stackFiles(dataDir, PULUMI_PROJECT, stackNameOf(await specOf(ds.id))).lock)).toBe(false);
    expect(statuses(await eventsOf(up.id))).toEqual(["queued", "running", "interrupted"]);
  });

  it("stops and writes nothing more once another worker has taken its lease", async () => {
    const ds = await provisionableDatastore();
    const up = await queue(ds.id, "up", "provision");
    const w = await worker(150, { leaseMs: 1500 });
    await waitFor("the up to get going", async () => (await operation(up.id)).doneSteps >= 1);
    // What a recoverer does to an expired lease: the operation is someone else's now.
    await db().operation.update({ where: { id: up.id }, data: { leaseOwner: "recoverer", leaseExpiresAt: new Date(Date.now() + 60_000) } });
    const taken = await operation(up.id);
    await waitFor("the worker to let go", async () => w.running === 0);

    const after = await operation(up.id);
    expect(after).toMatchObject({ status: "running", leaseOwner: "recoverer", finishedAt: null });
    expect(after.eventCount).toBe(taken.eventCount);
    expect(await datastore(ds.id)).toMatchObject({ lockOperationId: up.id });
    // Tidy: settle it as the recoverer would, so no later worker of this file meets it.
    await db().operation.update({ where: { id: up.id }, data: { status: "interrupted", finishedAt: new Date() } });
    await db().datastore.update({ where: { id: ds.id }, data: { lockOperationId: null } });
  });
});

describe("without an engine that can run", () => {
  it("claims nothing, and the provisioner status and guard say what to install", async () => {
    const calls: string[] = [];
    const refuse = async () => {
      calls.push("run");
      throw new Error("must not run");
    };
    const missingCli: ProvisioningEngine = {
      kind: "pulumi",
      status: async () => ({ available: false, version: null, message: "The Pulumi CLI (pulumi) was not found on PATH." }),
      run: refuse,
      cancel: async () => void calls.push("cancel"),
      outputs: async () => null,
    };
    setEngineForTests(missingCli);
    const ds = await provisionableDatastore();
    const preview = await queue(ds.id, "preview", "provision");
    const w = startWorker({ concurrency: 2, leaseMs: 10_000, pollMs: 20, dataDir });
    workers.push(w);
    await w.idle();
    await w.idle();

    expect(await operation(preview.id)).toMatchObject({ status: "queued", startedAt: null, leaseOwner: null, eventCount: 1 });
    expect(await datastore(ds.id)).toMatchObject({ lockOperationId: null, status: "approved" });
    expect(calls).toEqual([]);
    const status = await provisionerStatus();
    expect(status).toMatchObject({ engine: "pulumi", available: false, version: null, inProcessWorker: false });
    expect(status.message).toMatch(/install/i);
    const refused = await requireProvisioner().catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ code: "service_unavailable", message: expect.stringMatching(/Pulumi CLI.*install/i) });
    // Withdrawn so that no later worker of this file runs it.
    await db().operation.update({ where: { id: preview.id }, data: { status: "cancelled" } });
  });
});

describe("claiming", () => {
  it("gives a datastore's oldest queued operation to exactly one of many racing claimers, and nothing else of it", async () => {
    const ds = await provisionableDatastore();
    const first = await queue(ds.id, "preview", "provision");
    const second = await queue(ds.id, "preview", "provision");
    const claims = await Promise.all(Array.from({ length: 6 }, (_, i) => claimOperation({ workerId: `racer-${i}`, leaseMs: 60_000 })));
    const won = claims.filter((c) => c !== null);
    expect(won.map((c) => c?.id)).toEqual([first.id]);
    expect(await operation(second.id)).toMatchObject({ status: "queued" });
    expect(await datastore(ds.id)).toMatchObject({ lockOperationId: first.id });
    expect(statuses(await eventsOf(first.id))).toEqual(["queued", "running"]);
    // Tidy: leave nothing running for the other tests' workers.
    await db().operation.updateMany({ where: { id: { in: [first.id, second.id] } }, data: { status: "cancelled" } });
    await db().datastore.update({ where: { id: ds.id }, data: { lockOperationId: null } });
  });
});
