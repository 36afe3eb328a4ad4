// The campaign runner in `npm run worker` as a real process (simulated engine, cloud and benchmarks, the test file's
// database): killed with SIGKILL while its canary's replacement runs, the next worker process takes the campaign's
// lease when it runs out and resumes at the same step — the interrupted replacement is retried from where it stopped
// — and no finished step is repeated: one preview, one baseline, each canary node replaced exactly once.
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/server/auth/actor";
import { listCampaignEvents } from "@/lib/server/campaigns/campaign-commands";
import { createCampaign } from "@/lib/server/campaigns/create-campaign";
import { createRelease } from "@/lib/server/campaigns/releases";
import { db } from "@/lib/server/db/client";
import { refreshDatastoreInventory } from "@/lib/server/fleet/refresh-inventory";
import { SimulatedFleetCloud } from "@/lib/server/fleet/simulated-fleet-cloud";
import { makeTeam } from "../../../support/actors";
import { CASSANDRA_THRESHOLDS, simpleTopology } from "../../../support/datastores";
import { makeProvisionedDatastore } from "../../../support/fleet";
import { storeOrgSettings, tempDir, waitFor } from "../../../support/provisioning";
import { workerProcesses } from "../../../support/worker-process";

const dataDir = tempDir();
const READY_MS = 2500;
const admin: Actor = { kind: "user", userId: "admin-1", label: "user:admin@example.test", isAdmin: true, platformReviewer: false, roles: new Map() };

const worker = workerProcesses(dataDir, {
  SIM_REPLACEMENT_READY_MS: String(READY_MS),
  MAINTENANCE_POLL_MS: "100",
  WORKER_LEASE_SECONDS: "3",
  WORKER_CONCURRENCY: "2",
});
const spawnWorker = worker.spawn;

beforeAll(storeOrgSettings);
afterEach(() => {
  worker.killAll();
});

describe("a campaign worker killed mid-canary", () => {
  it("resumes at the same step in the next worker without repeating a finished one", async () => {
    const team = await makeTeam();
    // Cassandra: the simulation's benchmark result is its labelled synthetic model, so the gate's verdict does not
    // depend on how busy the machine is while two worker processes start (the measured path: campaign-runner.test.ts).
    const ds = await makeProvisionedDatastore({
      teamId: team.id,
      family: "cassandra",
      tier: 3,
      name: "viewing-history",
      regions: ["us-east-1"],
      topology: simpleTopology("cassandra", ["us-east-1"]),
      thresholds: CASSANDRA_THRESHOLDS.filter((t) => t.role === "data"),
    });
    await refreshDatastoreInventory(ds.id, { cloud: new SimulatedFleetCloud() });
    const canaryNodes = (await db().simCloudInstance.findMany({ where: { datastoreId: ds.id, zone: "us-east-1a" } })).map((s) => s.instanceId).sort();
    expect(canaryNodes).toHaveLength(2);
    const release = await createRelease({
      actor: admin,
      input: { family: "cassandra", engineVersion: "4.1.99", imageIds: { "us-east-1": "ami-0new0000000000001" } },
    });
    const campaign = await createCampaign({ actor: admin, input: { releaseId: release.id, benchmarkDurationS: 2, maxRegressionPct: 10, start: true } });
    const target = () => db().campaignTarget.findFirstOrThrow({ where: { campaignId: campaign.id, datastoreId: ds.id } });

    const first = spawnWorker();
    const killedOp = await waitFor(
      "the first worker to be replacing the canary zone",
      async () => {
        if (first.child.exitCode !== null) throw new Error(`the worker exited early:\n${first.output()}`);
        const t = await target();
        if (t.step !== "canary" || !t.operationId) return undefined;
        const steps = await db().replacementStep.findMany({ where: { operationId: t.operationId } });
        return steps.some((s) => s.status === "waiting") ? t.operationId : undefined;
      },
      120_000,
      20,
    ).catch((error: unknown) => {
      throw new Error(`${String(error)}\n${first.output().slice(-4000)}`);
    });
    const before = await target();
    first.child.kill("SIGKILL");
    expect(await first.exited).toMatchObject({ signal: "SIGKILL" });

    const second = spawnWorker();
    await waitFor(
      "the second worker to take the datastore through its gate to the end",
      async () => {
        if (second.child.exitCode !== null) throw new Error(`the worker exited early:\n${second.output()}`);
        const t = await target();
        if (t.step === "failed") throw new Error(`the target failed: ${t.error ?? ""}`);
        return t.step === "done" || t.step === "rolled-back";
      },
      180_000,
      100,
    ).catch((error: unknown) => {
      throw new Error(`${String(error)}\n${second.output().slice(-4000)}`);
    });

    // The interrupted canary replacement was retried (not planned anew), and resumed after what it had done.
    const killed = await db().operation.findUniqueOrThrow({ where: { id: killedOp } });
    expect(killed.status).toBe("interrupted");
    const retries = await db().operation.findMany({ where: { retryOfId: killedOp } });
    expect(retries).toHaveLength(1);
    expect(retries[0]!.status).toBe("succeeded");

    // No finished step repeated: one preview, one baseline (the run from before the kill), one validation.
    const done = await target();
    expect(done.baselineRunId).toBe(before.baselineRunId);
    expect(await db().operation.count({ where: { datastoreId: ds.id, kind: "preview" } })).toBe(1);
    const runs = await db().benchRun.findMany({ where: { campaignTargetId: done.id } });
    expect(runs.map((r) => r.purpose).sort()).toEqual(["baseline", "validation"]);
    const events = (await listCampaignEvents({ actor: admin, id: campaign.id })).items.map((e) => e.message);
    for (const step of ["previewing", "baseline benchmark on", "canary: 2 nodes", "validation benchmark$", "judging the gate"])
      expect(
        events.filter((m) => new RegExp(step).test(m)),
        step,
      ).toHaveLength(1);
    expect(events.some((m) => m.includes("the canary's replacement was interrupted; resuming it"))).toBe(true);

    // Each canary node terminated exactly once by the canary, which launched exactly one node on the release for each.
    const zoneA = await db().simCloudInstance.findMany({ where: { datastoreId: ds.id, zone: "us-east-1a" }, orderBy: { launchedAt: "asc" } });
    const original = zoneA.filter((s) => canaryNodes.includes(s.instanceId));
    expect(original.every((s) => s.terminatedAt !== null)).toBe(true);
    expect(zoneA.filter((s) => s.engineVersion === "4.1.99")).toHaveLength(2);
    // Then the gate decided (the campaign's other tests check each verdict's consequences): rolled out everywhere,
    // or the canary zone back on the old version and the rest untouched.
    const live = await db().simCloudInstance.findMany({ where: { datastoreId: ds.id, terminatedAt: null } });
    if (done.step === "done") expect(live.map((s) => s.engineVersion)).toEqual(Array(6).fill("4.1.99"));
    else expect(live.every((s) => s.engineVersion === ds.engineVersion)).toBe(true);
  }, 420_000);
});
