// replace-nodes in `npm run worker` as a real process, on the simulated cloud (sim_cloud_instances, shared through
// the test file's database): killed with SIGKILL mid-replacement, the next worker marks it interrupted, and the
// retry resumes — every node terminated exactly once (one replacement launched per node), none forgotten.
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/server/auth/actor";
import { db } from "@/lib/server/db/client";
import { SimulatedFleetCloud } from "@/lib/server/fleet/simulated-fleet-cloud";
import { refreshDatastoreInventory } from "@/lib/server/fleet/refresh-inventory";
import { setMaintenanceDepsForTests } from "@/lib/server/maintenance/maintenance-deps";
import { scheduleMaintenance } from "@/lib/server/maintenance/schedule-maintenance";
import { setEngineForTests } from "@/lib/server/provisioning/engine";
import { retryOperation } from "@/lib/server/provisioning/retry-operation";
import { startWorker, type Worker } from "@/lib/server/provisioning/worker";
import { provisionableDatastore, queue, settled, simulatedEngine, storeOrgSettings, tempDir, waitFor } from "../../../support/provisioning";
import { workerProcesses } from "../../../support/worker-process";

const dataDir = tempDir();
const workers: Worker[] = [];
const READY_MS = 1500;

const worker = workerProcesses(dataDir, {
  SIM_REPLACEMENT_READY_MS: String(READY_MS),
  MAINTENANCE_POLL_MS: "100",
  WORKER_LEASE_SECONDS: "3",
  WORKER_CONCURRENCY: "1",
});
const spawnWorker = worker.spawn;

beforeAll(storeOrgSettings);
afterEach(async () => {
  worker.killAll();
  await Promise.all(workers.splice(0).map((w) => w.stop({ graceMs: 0 })));
  setMaintenanceDepsForTests(null);
  setEngineForTests(null);
});

/** An active datastore provisioned by the simulated engine (so it has outputs), its inventory refreshed. */
async function provisioned(cloud: SimulatedFleetCloud) {
  const engine = await simulatedEngine(dataDir, 2);
  const w = startWorker({ engine, concurrency: 1, leaseMs: 30_000, pollMs: 20, dataDir, maintenanceEveryMs: 0, webhooks: false });
  const ds = await provisionableDatastore({ tier: 2 });
  const preview = await settled((await queue(ds.id, "preview", "provision")).id);
  const up = await settled((await queue(ds.id, "up", "provision", { previewId: preview.id })).id);
  expect(up.status).toBe("succeeded");
  await w.stop({ graceMs: 0 });
  await refreshDatastoreInventory(ds.id, { cloud });
  return ds;
}

describe("a replace-nodes worker killed mid-replacement", () => {
  it("is recovered, and its retry replaces every node exactly once", async () => {
    const cloud = new SimulatedFleetCloud({ readyMs: READY_MS });
    const ds = await provisioned(cloud);
    const data = await db().fleetNode.findMany({
      where: { datastoreId: ds.id, role: "data", goneAt: null },
      orderBy: [{ zone: "asc" }, { instanceId: "asc" }],
    });
    // One data node in each zone: three batches of one, a couple of seconds each.
    const targets = ["us-east-1a", "us-east-1b", "us-east-1c"].map((z) => data.find((n) => n.zone === z)!);
    for (const t of targets)
      await cloud.inject({
        instanceId: t.instanceId,
        code: "instance-retirement",
        description: "degraded hardware",
        notBefore: new Date(Date.now() + 7 * 86_400_000),
        notAfter: null,
        injectedBy: "test",
      });
    await refreshDatastoreInventory(ds.id, { cloud });
    const [id] = (await scheduleMaintenance()).scheduled;
    expect(id).toBeDefined();

    const proc = spawnWorker();
    await waitFor(
      "the worker process to have replaced one node and be on the next",
      async () => {
        if (proc.child.exitCode !== null) throw new Error(`the worker exited early:\n${proc.output()}`);
        const steps = await db().replacementStep.findMany({ where: { operationId: id } });
        return steps.filter((s) => s.status === "done").length === 1 && steps.some((s) => s.status === "waiting");
      },
      90_000,
      20,
    ).catch((error: unknown) => {
      throw new Error(`${String(error)}\n${proc.output()}`);
    });
    proc.child.kill("SIGKILL");
    expect(await proc.exited).toMatchObject({ signal: "SIGKILL" });

    // The next worker recovers it when the dead one's lease runs out; an owner retries it.
    setMaintenanceDepsForTests({ cloud, refreshInventory: async (d, signal) => void (await refreshDatastoreInventory(d, { cloud, signal })), pollMs: 50 });
    const engine = await simulatedEngine(dataDir, 2);
    setEngineForTests(engine);
    workers.push(startWorker({ engine, concurrency: 2, leaseMs: 30_000, pollMs: 50, dataDir, maintenanceEveryMs: 0, webhooks: false }));
    const interrupted = await settled(id!, 30_000);
    expect(interrupted.status).toBe("interrupted");
    expect(interrupted.error).toMatchObject({ code: "interrupted", message: expect.stringContaining("retry to resume it") });
    const owner: Actor = {
      kind: "user",
      userId: "u-owner",
      label: "user:owner@example.test",
      isAdmin: false,
      platformReviewer: false,
      roles: new Map([[ds.teamId, "member"]]),
    };
    const retry = await retryOperation({ actor: owner, id: id! });
    const done = await settled(retry.id, 60_000);
    expect(done.status).toBe("succeeded");

    // Exactly one termination per target: each group launched one replacement, no other instance was touched.
    const sims = await db().simCloudInstance.findMany({ where: { datastoreId: ds.id } });
    const terminated = sims
      .filter((s) => s.terminatedAt !== null)
      .map((s) => s.instanceId)
      .sort();
    expect(terminated).toEqual(targets.map((t) => t.instanceId).sort());
    for (const t of targets) {
      const group = sims.filter((s) => s.groupName === t.groupName);
      expect(
        group.filter((s) => s.launchedAt > t.launchedAt && s.terminatedAt === null && s.lifecycle === "in-service"),
        t.groupName,
      ).toHaveLength(1);
    }
    const steps = await db().replacementStep.findMany({ where: { operationId: retry.id }, orderBy: { seq: "asc" } });
    expect(steps.map((s) => s.status)).toEqual(["done", "done", "done"]);
    expect(new Set(steps.map((s) => s.replacementInstanceId)).size).toBe(3);
    // The refresh after it: the replacements are in the inventory, the retired nodes gone, the events resolved.
    const live = new Set((await db().fleetNode.findMany({ where: { datastoreId: ds.id, goneAt: null } })).map((n) => n.instanceId));
    for (const s of steps) {
      expect(live.has(s.replacementInstanceId!)).toBe(true);
      expect(live.has(s.instanceId)).toBe(false);
    }
    expect(await db().fleetEvent.count({ where: { datastoreId: ds.id, resolvedAt: null } })).toBe(0);
  }, 180_000);
});
