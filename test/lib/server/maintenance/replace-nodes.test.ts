// The maintenance scheduler and the replace-nodes operation against the test file's own database, the real worker
// and an in-memory cloud (the external edge): one operation per datastore's events, planned up front and placed in
// the last window before the deadline; waiting for its window or a reviewer; node by node (Cassandra) and zone by
// zone (EVCache) with never two replicas out; cancel between batches; a retry that resumes without replacing a node
// twice.
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db/client";
import type { Actor } from "@/lib/server/auth/actor";
import { setEngineForTests } from "@/lib/server/provisioning/engine";
import { approveOperation } from "@/lib/server/maintenance/approve-operation";
import { claimOperation } from "@/lib/server/provisioning/claim-operation";
import { setMaintenanceDepsForTests } from "@/lib/server/maintenance/maintenance-deps";
import { scheduleMaintenance } from "@/lib/server/maintenance/schedule-maintenance";
import { startWorker, type Worker } from "@/lib/server/provisioning/worker";
import { toOperationDto, waitingReason } from "@/lib/server/provisioning/operation-rows";
import { eventsOf, provisionableDatastore, queue, settled, simulatedEngine, storeOrgSettings, tempDir, waitFor } from "../../../support/provisioning";
import { FakeFleetCloud, type FakeNode } from "../../../support/fake-fleet-cloud";

const dataDir = tempDir();
const workers: Worker[] = [];
const refreshed: string[] = [];

beforeAll(storeOrgSettings);
// Every test starts with nothing in flight: the scheduling tests claim operations as a worker "w" that never runs
// them, and a real worker started later would otherwise recover them (interrupted), after which the scheduler
// answers their events again and a test could follow another datastore's replacement.
beforeEach(async () => {
  await db().operation.updateMany({
    where: { status: { in: ["queued", "running"] } },
    data: { status: "cancelled", finishedAt: new Date(), leaseOwner: null, leaseExpiresAt: null },
  });
  await db().datastore.updateMany({ where: { lockOperationId: { not: null } }, data: { lockOperationId: null } });
});
afterEach(async () => {
  setMaintenanceDepsForTests(null);
  setEngineForTests(null);
  await Promise.all(workers.splice(0).map((w) => w.stop({ graceMs: 0 })));
});

async function worker(): Promise<Worker> {
  const w = startWorker({
    concurrency: 2,
    leaseMs: 10_000,
    pollMs: 20,
    dataDir,
    engine: await simulatedEngine(dataDir),
    maintenanceEveryMs: 0,
    webhooks: false,
  });
  workers.push(w);
  return w;
}

function useCloud(cloud: FakeFleetCloud): void {
  setMaintenanceDepsForTests({
    cloud,
    refreshInventory: async (id) => void refreshed.push(id),
    pollMs: 10,
    timeoutMs: 20_000,
  });
}

/** An active Cassandra + EVCache datastore in us-east-1 with its nodes in the inventory: 2 data and 2 cache per zone. */
async function activeDatastore(opts: { tier?: 0 | 1 | 2 | 3; autoMaintenance?: boolean } = {}) {
  const ds = await provisionableDatastore({ status: "active", tier: opts.tier ?? 2 });
  if (opts.autoMaintenance !== undefined) await db().team.update({ where: { id: ds.teamId }, data: { autoMaintenance: opts.autoMaintenance } });
  const nodes: FakeNode[] = [];
  for (const role of ["data", "cache"])
    for (const z of ["a", "b", "c"])
      for (let i = 0; i < 2; i++)
        nodes.push({
          instanceId: `i-${ds.id.slice(-6)}-${role}-${z}${i}`,
          region: "us-east-1",
          zone: `us-east-1${z}`,
          role,
          groupName: `${ds.name}-us-east-1-${role}-us-east-1${z}`,
        });
  const now = new Date();
  const rows = [];
  for (const n of nodes)
    rows.push(
      await db().fleetNode.create({
        data: {
          ...n,
          datastoreId: ds.id,
          instanceType: "i4i.2xlarge",
          imageId: "ami-1",
          engineVersion: "4.1",
          launchedAt: now,
          state: "running",
          lifecycle: "in-service",
          healthy: true,
          statusCheck: "ok",
          firstSeenAt: now,
          seenAt: now,
        },
      }),
    );
  return { ds, nodes, rows };
}

async function retire(datastoreId: string, nodeIds: string[], deadline: Date | null, code = "instance-retirement") {
  for (const [i, nodeId] of nodeIds.entries())
    await db().fleetEvent.create({
      data: {
        nodeId,
        datastoreId,
        eventId: `instance-event-${nodeId.slice(-8)}-${i}`,
        code,
        description: "The instance is running on degraded hardware",
        notBefore: deadline,
        deadline,
        firstSeenAt: new Date(),
      },
    });
}

/** Claims everything that can run now (as a worker would), returning the ids. */
async function claimAll(): Promise<string[]> {
  const ids: string[] = [];
  for (let op = await claimOperation({ workerId: "w", leaseMs: 10_000 }); op; op = await claimOperation({ workerId: "w", leaseMs: 10_000 })) ids.push(op.id);
  return ids;
}

/** Runs the scheduler and returns the replacement it queued for this datastore. */
async function scheduledFor(datastoreId: string): Promise<string> {
  const { scheduled } = await scheduleMaintenance();
  const op = await db().operation.findFirstOrThrow({ where: { id: { in: scheduled }, datastoreId }, select: { id: true } });
  return op.id;
}

const inDays = (d: number) => new Date(Date.now() + d * 86_400_000);

describe("scheduling maintenance", () => {
  it("queues one replace-nodes per datastore for its events, planned in the family's order, and answers each event once", async () => {
    const { ds, rows } = await activeDatastore();
    const targets = [rows[0]!, rows[3]!, rows[6]!, rows[8]!]; // data a0, data b1, cache a0, cache b0
    await retire(
      ds.id,
      targets.map((r) => r.id),
      inDays(10),
    );

    const first = await scheduleMaintenance();
    const again = await scheduleMaintenance();
    const ops = await db().operation.findMany({ where: { datastoreId: ds.id, kind: "replace-nodes" } });
    expect(first.scheduled).toEqual([ops[0]?.id]);
    expect(again.scheduled).toEqual([]);
    expect(ops).toHaveLength(1);
    expect(ops[0]).toMatchObject({ purpose: "maintenance", status: "queued", notBefore: null, approvalRequired: false, plannedSteps: 4 });

    const steps = await db().replacementStep.findMany({ where: { operationId: ops[0]!.id }, orderBy: { seq: "asc" } });
    // Cache before data (roles in name order); the EVCache zone's nodes one batch each zone, Cassandra one node a batch.
    expect(steps.map((s) => [s.role, s.zone, s.batch, s.status])).toEqual([
      ["cache", "us-east-1a", 0, "pending"],
      ["cache", "us-east-1b", 1, "pending"],
      ["data", "us-east-1a", 2, "pending"],
      ["data", "us-east-1b", 3, "pending"],
    ]);
    const events = await db().fleetEvent.findMany({ where: { datastoreId: ds.id } });
    expect(events.every((e) => e.operationId === ops[0]!.id)).toBe(true);
    const log = (await eventsOf(ops[0]!.id)).map((e) => (e.data.type === "diagnostic" ? e.data.message : ""));
    expect(log.some((m) => m.startsWith("Scheduled as soon as possible: the datastore has no maintenance windows"))).toBe(true);
    const audit = await db().auditEvent.findFirst({ where: { action: "maintenance.scheduled", subjectId: ds.id } });
    expect(audit?.detail).toMatchObject({ operationId: ops[0]!.id, approvalRequired: false });
  });

  it("folds a newer event into a replacement that has not started: one operation for all, the older one superseded", async () => {
    const { ds, rows } = await activeDatastore();
    await retire(ds.id, [rows[0]!.id], inDays(4));
    const [first] = (await scheduleMaintenance()).scheduled;
    await retire(ds.id, [rows[3]!.id], inDays(2));
    const [second] = (await scheduleMaintenance()).scheduled;
    expect(second).not.toBe(first);
    expect(await db().operation.findUniqueOrThrow({ where: { id: first } })).toMatchObject({ status: "cancelled" });
    const steps = await db().replacementStep.findMany({ where: { operationId: second }, orderBy: { seq: "asc" } });
    expect(steps.map((s) => s.instanceId)).toEqual([rows[0]!.instanceId, rows[3]!.instanceId]);
    expect((await db().fleetEvent.findMany({ where: { datastoreId: ds.id } })).every((e) => e.operationId === second)).toBe(true);
  });

  it("answers an event again when its replacement failed and nobody retried it, but not after a person cancelled it", async () => {
    const { ds, rows } = await activeDatastore();
    await retire(ds.id, [rows[0]!.id], inDays(4));
    const [first] = (await scheduleMaintenance()).scheduled;
    await db().operation.update({ where: { id: first }, data: { status: "failed", finishedAt: new Date() } });
    const [second] = (await scheduleMaintenance()).scheduled;
    expect(second).toBeDefined();
    expect(second).not.toBe(first);
    expect((await db().fleetEvent.findFirstOrThrow({ where: { datastoreId: ds.id } })).operationId).toBe(second);
    await db().operation.update({ where: { id: second }, data: { status: "cancelled", finishedAt: new Date() } });
    await scheduleMaintenance();
    expect(await db().operation.count({ where: { datastoreId: ds.id, kind: "replace-nodes" } })).toBe(2);
  });

  it("places it at the start of the last window that ends before the deadline, and the worker leaves it until then", async () => {
    const { ds, rows } = await activeDatastore();
    const deadline = inDays(9);
    // Every day 03:00–04:00 UTC: the last one that ends before the deadline.
    await db().maintenanceWindow.createMany({
      data: [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ datastoreId: ds.id, weekday, startMinute: 180, durationMinutes: 60 })),
    });
    await retire(ds.id, [rows[1]!.id], deadline);
    const [id] = (await scheduleMaintenance()).scheduled;
    const op = await db().operation.findUniqueOrThrow({ where: { id } });

    const expected = new Date(Date.UTC(deadline.getUTCFullYear(), deadline.getUTCMonth(), deadline.getUTCDate(), 3));
    if (expected.getTime() + 3_600_000 > deadline.getTime()) expected.setUTCDate(expected.getUTCDate() - 1);
    expect(op.notBefore).toEqual(expected);
    expect(waitingReason(op)).toBe(`waiting for its window (starts ${expected.toISOString().slice(0, 16).replace("T", " ")} UTC)`);
    expect(await claimAll()).not.toContain(id);
    // The window opens: now it is claimed.
    await db().operation.update({ where: { id }, data: { notBefore: new Date(Date.now() - 1000) } });
    expect(await claimAll()).toContain(id);
  });

  it("holds a tier 0/1 replacement for a reviewer unless the team's policy is automatic, and never blocks the datastore's other work", async () => {
    const held = await activeDatastore({ tier: 1 });
    await retire(held.ds.id, [held.rows[0]!.id], inDays(5));
    const auto = await activeDatastore({ tier: 0, autoMaintenance: true });
    await retire(auto.ds.id, [auto.rows[0]!.id], inDays(5));
    await scheduleMaintenance();
    const heldOp = await db().operation.findFirstOrThrow({ where: { datastoreId: held.ds.id, kind: "replace-nodes" } });
    const autoOp = await db().operation.findFirstOrThrow({ where: { datastoreId: auto.ds.id, kind: "replace-nodes" } });
    expect(heldOp.approvalRequired).toBe(true);
    expect(autoOp.approvalRequired).toBe(false);
    expect(
      toOperationDto(heldOp, { cancel: { allowed: true }, retry: { allowed: false }, confirm: { allowed: false }, approve: { allowed: true } }).waiting,
    ).toBe("waiting for a reviewer's approval");

    // A drift check queued after the held replacement runs first: the waiting operation holds nobody up.
    const drift = await queue(held.ds.id, "refresh", "drift");
    const claimed = await claimAll();
    expect(claimed).toContain(drift.id);
    expect(claimed).toContain(autoOp.id);
    expect(claimed).not.toContain(heldOp.id);

    // A team member may not approve it; the team's reviewer does (audited), and then it runs.
    const member: Actor = {
      kind: "user",
      userId: "u-m",
      label: "user:m@example.test",
      isAdmin: false,
      platformReviewer: false,
      roles: new Map([[held.ds.teamId, "member"]]),
    };
    const reviewer: Actor = { ...member, userId: "u-r", label: "user:r@example.test", roles: new Map([[held.ds.teamId, "reviewer"]]) };
    await expect(approveOperation({ actor: member, id: heldOp.id })).rejects.toMatchObject({ code: "forbidden" });
    const approved = await approveOperation({ actor: reviewer, id: heldOp.id });
    expect(approved).toMatchObject({ approvedBy: "user:r@example.test", waiting: null, actions: { approve: { allowed: false } } });
    await expect(approveOperation({ actor: reviewer, id: heldOp.id })).rejects.toMatchObject({ code: "conflict" });
    expect(await db().auditEvent.count({ where: { action: "operation.approved", subjectId: held.ds.id } })).toBe(1);
    // Its datastore is still busy with the drift check claimed above: release it, then the replacement is claimed.
    await db().datastore.update({ where: { id: held.ds.id }, data: { lockOperationId: null } });
    await db().operation.update({ where: { id: drift.id }, data: { status: "succeeded" } });
    expect(await claimAll()).toContain(heldOp.id);
  });
});

describe("replacing nodes", () => {
  it("replaces node by node (Cassandra) and zone by zone (EVCache), never two replicas out, then refreshes the inventory", async () => {
    const { ds, rows, nodes } = await activeDatastore();
    // The owning team's webhook hears when it is scheduled and when it completed.
    const hook = await db().webhookSubscription.create({
      data: {
        teamId: ds.teamId,
        url: "https://hooks.example.test/m",
        events: ["maintenance.scheduled", "maintenance.completed", "maintenance.failed"],
        secretCipher: "x.y.z",
        secretPrefix: "whsec_x",
        createdBy: "user:owner@example.test",
      },
    });
    // Progress while it runs, seen from the last batch's termination (the operation cannot end while the cloud is
    // answering it): the progress the worker flushes shows some nodes done, not all.
    const progress: { status: string; doneSteps: number }[] = [];
    let opId = "";
    const cloud = new (class extends FakeFleetCloud {
      override async terminateInGroup(target: Parameters<FakeFleetCloud["terminateInGroup"]>[0]): Promise<void> {
        if (this.terminated.length === 5)
          progress.push(
            await waitFor("the progress of the first batches stored", async () => {
              const op = await db().operation.findUniqueOrThrow({ where: { id: opId }, select: { status: true, doneSteps: true } });
              return op.doneSteps > 0 && op;
            }),
          );
        return super.terminateInGroup(target);
      }
    })(nodes, 40);
    useCloud(cloud);
    const targets = [rows[0]!, rows[2]!, rows[4]!, rows[6]!, rows[7]!, rows[9]!];
    await retire(
      ds.id,
      targets.map((r) => r.id),
      inDays(3),
    );
    const id = (opId = await scheduledFor(ds.id));
    await worker();

    const done = await settled(id);
    expect(progress).toHaveLength(1);
    expect(progress[0]!.status).toBe("running");
    expect(progress[0]!.doneSteps).toBeGreaterThan(0);
    expect(progress[0]!.doneSteps).toBeLessThan(6);
    expect(done.status).toBe("succeeded");
    expect(done).toMatchObject({ plannedSteps: 6, doneSteps: 6, summary: { replace: 6 } });

    expect([...cloud.terminated].sort()).toEqual(targets.map((r) => r.instanceId).sort());
    expect(cloud.terminateCalls).toHaveLength(6);
    for (const out of cloud.outAtOnce) {
      const roles = out.map((o) => nodes.find((n) => n.instanceId === o)!);
      expect(roles.filter((n) => n.role === "data").length, `data nodes out together: ${out.join(", ")}`).toBeLessThanOrEqual(1);
      expect(new Set(roles.filter((n) => n.role === "cache").map((n) => n.zone)).size, `cache zones out together: ${out.join(", ")}`).toBeLessThanOrEqual(1);
      // Nothing of the cache and the data role out at once either: one batch at a time.
      expect(new Set(roles.map((n) => n.role)).size).toBeLessThanOrEqual(1);
    }
    // The two cache nodes of zone a went out together.
    expect(cloud.outAtOnce.some((out) => out.includes(rows[6]!.instanceId) && out.includes(rows[7]!.instanceId))).toBe(true);

    const steps = await db().replacementStep.findMany({ where: { operationId: id }, orderBy: { seq: "asc" } });
    expect(steps.every((s) => s.status === "done" && s.replacementInstanceId?.startsWith("i-new") && s.terminatedAt && s.doneAt)).toBe(true);
    expect(new Set(steps.map((s) => s.replacementInstanceId)).size).toBe(6);
    expect(refreshed).toContain(ds.id);
    const log = await eventsOf(id);
    expect(log.filter((e) => e.data.type === "resource-done")).toHaveLength(6);
    expect(log.at(-1)?.data).toEqual({ type: "status", status: "succeeded", message: "Replaced nodes: 6 to replace." });
    const deliveries = await db().webhookDelivery.findMany({ where: { subscriptionId: hook.id }, orderBy: { createdAt: "asc" } });
    expect(deliveries.map((d) => d.eventType)).toEqual(["maintenance.scheduled", "maintenance.completed"]);
    const scheduledBody = JSON.parse(deliveries[0]!.payload) as { data: { maintenance: { operationId: string; instanceIds: string[] } } };
    expect(scheduledBody.data.maintenance).toMatchObject({ operationId: id, instanceIds: expect.arrayContaining(targets.map((t) => t.instanceId)) });
  });

  it("stops between batches when cancelled: the batch out comes back, the later nodes are never touched", async () => {
    const { ds, rows, nodes } = await activeDatastore();
    // Slow replacements: the cancel is seen (at the worker's next control tick) while the first batch is out.
    const cloud = new FakeFleetCloud(nodes, 3000);
    useCloud(cloud);
    await retire(ds.id, [rows[0]!.id, rows[2]!.id, rows[4]!.id], inDays(3));
    const id = await scheduledFor(ds.id);
    await worker();
    await waitFor("the first node terminated", async () => cloud.terminated.length === 1, 20_000, 5);
    await db().operation.update({ where: { id }, data: { cancelRequestedAt: new Date() } });
    const op = await settled(id);
    expect(op.status).toBe("cancelled");
    expect(cloud.terminated).toEqual([rows[0]!.instanceId]);
    const steps = await db().replacementStep.findMany({ where: { operationId: id }, orderBy: { seq: "asc" } });
    expect(steps.map((s) => s.status)).toEqual(["waiting", "pending", "pending"]);
  });

  it("resumes in a retry without terminating a node twice: a node recorded terminating that the cloud already terminated is only waited for", async () => {
    const { ds, rows, nodes } = await activeDatastore();
    const cloud = new FakeFleetCloud(nodes, 20);
    useCloud(cloud);
    await retire(ds.id, [rows[0]!.id, rows[2]!.id], inDays(3));
    const id = await scheduledFor(ds.id);
    // What a worker killed right after asking the cloud leaves behind: the step "terminating", the node terminated.
    await cloud.terminateInGroup({ region: "us-east-1", groupName: nodes[0]!.groupName, instanceId: rows[0]!.instanceId });
    await db().replacementStep.updateMany({
      where: { operationId: id, instanceId: rows[0]!.instanceId },
      data: { status: "terminating", startedAt: new Date(Date.now() - 1000) },
    });
    await db().operation.update({ where: { id }, data: { status: "interrupted", finishedAt: new Date() } });
    const { retryOperation } = await import("@/lib/server/provisioning/retry-operation");
    const actor: Actor = {
      kind: "user",
      userId: "u-1",
      label: "user:owner@example.test",
      isAdmin: false,
      platformReviewer: false,
      roles: new Map([[ds.teamId, "member"]]),
    };
    // No Pulumi CLI on this machine: an up could not be retried, a replacement (the cloud's API, not Pulumi) can.
    const simulated = await simulatedEngine(dataDir);
    setEngineForTests({
      kind: "pulumi",
      status: async () => ({ available: false, version: null, message: "No Pulumi CLI was found." }),
      run: (run) => simulated.run(run),
      cancel: (target) => simulated.cancel(target),
      outputs: (target) => simulated.outputs(target),
    });
    const retry = await retryOperation({ actor, id });
    setEngineForTests(simulated);
    await worker();
    expect((await settled(retry.id)).status).toBe("succeeded");
    expect(cloud.terminateCalls).toEqual([rows[0]!.instanceId, rows[2]!.instanceId]);
    const steps = await db().replacementStep.findMany({ where: { operationId: retry.id }, orderBy: { seq: "asc" } });
    expect(steps.map((s) => s.status)).toEqual(["done", "done"]);
  });
});
