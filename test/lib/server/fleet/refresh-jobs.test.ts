import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db/client";
import { SimulatedFleetCloud } from "@/lib/server/fleet/simulated-fleet-cloud";
import { queueRefreshJob } from "@/lib/server/fleet/queue-refresh-job";
import { claimRefreshJob, MAX_ATTEMPTS, runRefreshJob, scheduleRefreshWhenDue } from "@/lib/server/fleet/refresh-jobs";
import { pruneFleet } from "@/lib/server/fleet/fleet-retention";
import { setFleetCloudForTests } from "@/lib/server/fleet/fleet-cloud-factory";
import { startWorker, type Worker } from "@/lib/server/provisioning/worker";
import { makeTeam } from "../../../support/actors";
import { simpleTopology } from "../../../support/datastores";
import { makeProvisionedDatastore } from "../../../support/fleet";
import { provisionableDatastore, queue, settled, simulatedEngine, storeOrgSettings, tempDir, waitFor } from "../../../support/provisioning";

const cloud = new SimulatedFleetCloud({ readyMs: 0 });
let teamId: string;

beforeAll(async () => {
  teamId = (await makeTeam()).id;
  setFleetCloudForTests(cloud);
});
afterAll(() => setFleetCloudForTests(null));

const queueJob = (datastoreId: string | null, trigger: "on-demand" | "scheduled" = "on-demand") =>
  db().$transaction((tx) => queueRefreshJob(tx, { trigger, requestedBy: "test", datastoreId }));

describe("refresh jobs", () => {
  it("coalesces a refresh asked for twice before a worker gets to it", async () => {
    const ds = await makeProvisionedDatastore({
      teamId,
      family: "evcache",
      regions: ["us-east-1"],
      topology: simpleTopology("evcache", ["us-east-1"], "cache"),
    });
    const a = await queueJob(ds.id);
    const b = await queueJob(ds.id);
    expect(b.id).toBe(a.id);
    const whole = await queueJob(null);
    expect(whole.id).not.toBe(a.id);
    await db().fleetRefreshJob.deleteMany({});
  });

  it("is claimed once, runs under its lease and records its summary", async () => {
    const ds = await makeProvisionedDatastore({
      teamId,
      family: "evcache",
      regions: ["us-east-1"],
      topology: simpleTopology("evcache", ["us-east-1"], "cache"),
    });
    const job = await queueJob(ds.id);
    const claimed = await claimRefreshJob({ workerId: "w1", leaseMs: 10_000 });
    expect(claimed).toMatchObject({ id: job.id, status: "running", leaseOwner: "w1", attempt: 1 });
    // Nobody else gets it while the lease holds.
    expect(await claimRefreshJob({ workerId: "w2", leaseMs: 10_000 })).toBeNull();
    if (!claimed) throw new Error("claimed");
    expect(await runRefreshJob(claimed, { workerId: "w1", leaseMs: 10_000 })).toMatchObject({ status: "succeeded", summary: { added: 6, nodes: 6 } });
    const done = await db().fleetRefreshJob.findUniqueOrThrow({ where: { id: job.id } });
    expect(done).toMatchObject({ status: "succeeded", leaseOwner: null, summary: expect.objectContaining({ datastores: 1, added: 6 }) as unknown });
    expect(await db().fleetNode.count({ where: { datastoreId: ds.id, goneAt: null } })).toBe(6);
  });

  it("is claimed again after its worker died (lease expired), and the dead worker's late outcome is not recorded", async () => {
    const ds = await makeProvisionedDatastore({
      teamId,
      family: "evcache",
      regions: ["us-east-1"],
      topology: simpleTopology("evcache", ["us-east-1"], "cache"),
    });
    const job = await queueJob(ds.id);
    const t0 = new Date();
    const dead = await claimRefreshJob({ workerId: "dead", leaseMs: 1000, now: t0 });
    expect(dead?.id).toBe(job.id);
    // Within the lease: nothing to claim. After it: the job again, second attempt.
    expect(await claimRefreshJob({ workerId: "w2", leaseMs: 10_000, now: new Date(t0.getTime() + 500) })).toBeNull();
    const again = await claimRefreshJob({ workerId: "w2", leaseMs: 10_000, now: new Date(t0.getTime() + 1500) });
    expect(again).toMatchObject({ id: job.id, leaseOwner: "w2", attempt: 2 });
    if (!again || !dead) throw new Error("claimed");
    expect((await runRefreshJob(dead, { workerId: "dead", leaseMs: 1000 })).status).toBe("lost");
    expect((await db().fleetRefreshJob.findUniqueOrThrow({ where: { id: job.id } })).status).toBe("running");
    expect((await runRefreshJob(again, { workerId: "w2", leaseMs: 10_000 })).status).toBe("succeeded");
    expect((await db().fleetRefreshJob.findUniqueOrThrow({ where: { id: job.id } })).status).toBe("succeeded");
  });

  it(`fails a job whose workers died ${MAX_ATTEMPTS} times instead of claiming it forever`, async () => {
    const job = await db().fleetRefreshJob.create({
      data: {
        trigger: "scheduled",
        requestedBy: "system",
        status: "running",
        leaseOwner: "gone",
        leaseExpiresAt: new Date(Date.now() - 1000),
        attempt: MAX_ATTEMPTS,
      },
    });
    expect(await claimRefreshJob({ workerId: "w3", leaseMs: 10_000 })).toBeNull();
    expect(await db().fleetRefreshJob.findUniqueOrThrow({ where: { id: job.id } })).toMatchObject({
      status: "failed",
      error: { message: expect.stringMatching(/stopped 3 times/) as unknown },
    });
  });

  it("records a failed refresh with its reason", async () => {
    const job = await queueJob(null);
    const claimed = await claimRefreshJob({ workerId: "w4", leaseMs: 10_000 });
    if (!claimed) throw new Error("claimed");
    const broken = {
      kind: "aws" as const,
      describe: () => Promise.reject(new Error("UnauthorizedOperation: not allowed")),
      terminateInGroup: () => Promise.resolve(),
    };
    expect((await runRefreshJob(claimed, { workerId: "w4", leaseMs: 10_000, cloud: broken })).status).toBe("failed");
    expect(await db().fleetRefreshJob.findUniqueOrThrow({ where: { id: job.id } })).toMatchObject({
      status: "failed",
      error: { message: "UnauthorizedOperation: not allowed" },
    });
  });

  it("queues the scheduled refresh once per period", async () => {
    const now = new Date("2030-01-01T00:00:00Z");
    await db().fleetRefreshJob.deleteMany({ where: { trigger: "scheduled" } });
    expect(await scheduleRefreshWhenDue(now, 300_000)).not.toBeNull();
    await db().fleetRefreshJob.updateMany({ where: { trigger: "scheduled" }, data: { createdAt: now } });
    expect(await scheduleRefreshWhenDue(new Date(now.getTime() + 299_000), 300_000)).toBeNull();
    await db().fleetRefreshJob.updateMany({ where: { trigger: "scheduled" }, data: { status: "succeeded" } });
    expect(await scheduleRefreshWhenDue(new Date(now.getTime() + 300_000), 300_000)).not.toBeNull();
    await db().fleetRefreshJob.deleteMany({ where: { trigger: "scheduled" } });
  });

  it("forgets finished jobs after a week, gone nodes and resolved events after a month", async () => {
    const ds = await makeProvisionedDatastore({
      teamId,
      family: "evcache",
      regions: ["us-east-1"],
      topology: simpleTopology("evcache", ["us-east-1"], "cache"),
    });
    const now = new Date();
    const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);
    const oldJob = await db().fleetRefreshJob.create({ data: { trigger: "on-demand", requestedBy: "t", status: "succeeded", finishedAt: daysAgo(8) } });
    const newJob = await db().fleetRefreshJob.create({ data: { trigger: "on-demand", requestedBy: "t", status: "succeeded", finishedAt: daysAgo(6) } });
    const node = (instanceId: string, goneAt: Date | null) =>
      db().fleetNode.create({
        data: {
          datastoreId: ds.id,
          instanceId,
          region: "us-east-1",
          zone: "us-east-1a",
          role: "cache",
          groupName: "g",
          instanceType: "r6g.large",
          imageId: "ami-1",
          engineVersion: "1.6",
          launchedAt: now,
          state: "running",
          lifecycle: "in-service",
          healthy: true,
          statusCheck: "ok",
          firstSeenAt: now,
          seenAt: now,
          goneAt,
        },
      });
    const longGone = await node("i-old", daysAgo(31));
    const recentlyGone = await node("i-recent", daysAgo(29));
    const live = await node("i-live", null);
    const event = (nodeId: string, eventId: string, resolvedAt: Date | null) =>
      db().fleetEvent.create({ data: { nodeId, datastoreId: ds.id, eventId, code: "instance-reboot", description: "", firstSeenAt: now, resolvedAt } });
    await event(longGone.id, "e1", daysAgo(31));
    const oldResolved = await event(live.id, "e2", daysAgo(31));
    const open = await event(live.id, "e3", null);
    const recentResolved = await event(recentlyGone.id, "e4", daysAgo(29));

    const result = await pruneFleet(now);
    expect(result.fleetNodes).toBe(1);
    expect(await db().fleetRefreshJob.findUnique({ where: { id: oldJob.id } })).toBeNull();
    expect(await db().fleetRefreshJob.findUnique({ where: { id: newJob.id } })).not.toBeNull();
    expect((await db().fleetNode.findMany({ where: { datastoreId: ds.id } })).map((n) => n.instanceId).sort()).toEqual(["i-live", "i-recent"]);
    expect((await db().fleetEvent.findMany({ where: { datastoreId: ds.id } })).map((e) => e.id).sort()).toEqual([open.id, recentResolved.id].sort());
    expect(await db().fleetEvent.findUnique({ where: { id: oldResolved.id } })).toBeNull();
  });
});

describe("the worker's inventory loop", () => {
  let worker: Worker;
  afterAll(async () => {
    await worker.stop({ graceMs: 0 });
  });

  it("refreshes a datastore after its up succeeds: the simulated engine's groups become nodes in their zones", async () => {
    await storeOrgSettings();
    const dataDir = tempDir();
    const engine = await simulatedEngine(dataDir, 1);
    worker = startWorker({ engine, dataDir, pollMs: 20, leaseMs: 10_000, retentionEveryMs: 0, webhooks: false, fleet: { pollMs: 20, everyMs: 0 } });
    const ds = await provisionableDatastore({ teamId });
    const preview = await settled((await queue(ds.id, "preview", "provision")).id);
    expect(preview.status).toBe("succeeded");
    const up = await settled((await queue(ds.id, "up", "provision", { previewId: preview.id })).id);
    expect(up.status).toBe("succeeded");

    const job = await waitFor("the refresh after the up", async () => {
      const j = await db().fleetRefreshJob.findFirst({ where: { datastoreId: ds.id, trigger: "after-operation" } });
      return j?.status === "succeeded" ? j : undefined;
    });
    expect(job.requestedBy).toBe(`operation:${up.id}`);
    const nodes = await db().fleetNode.findMany({ where: { datastoreId: ds.id, goneAt: null } });
    // Cassandra 4 per zone and EVCache 2 per zone, in three zones of us-east-1.
    expect(nodes).toHaveLength(18);
    expect(new Set(nodes.map((n) => n.zone))).toEqual(new Set(["us-east-1a", "us-east-1b", "us-east-1c"]));
    expect(nodes.filter((n) => n.role === "data").every((n) => n.instanceType === "i4i.2xlarge" && n.engineVersion === ds.engineVersion)).toBe(true);
    expect(nodes.filter((n) => n.role === "cache")).toHaveLength(6);
  });
});
