// Upgrade campaigns through the real worker (its campaign loop beside the operations loop), the simulated engine and
// cloud, and A's real benchmarks: simulated EVCache clusters are benchmarked for real against a local memcached.
// One campaign over three datastores of three tiers: the tier 3 one passes its gate and is upgraded zone by zone,
// the tier 2 one fails its gate (a latency spike injected once its canary is up: a measured regression) and the
// campaign halts with the canary zone rolled back, and after a resume the tier 0 one waits for a reviewer.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AppError } from "@/lib/errors";
import type { Actor } from "@/lib/server/auth/actor";
import { setBenchModeForTests } from "@/lib/server/bench/bench-target";
import { approveCampaign, commandCampaign, getCampaign, listCampaignEvents } from "@/lib/server/campaigns/campaign-commands";
import { createCampaign } from "@/lib/server/campaigns/create-campaign";
import { listAffected } from "@/lib/server/campaigns/affected";
import { createRelease } from "@/lib/server/campaigns/releases";
import { setCampaignDepsForTests } from "@/lib/server/campaigns/campaign-deps";
import { db } from "@/lib/server/db/client";
import { DATASTORE_INCLUDE } from "@/lib/server/datastores/datastore-dto";
import { refreshDatastoreInventory } from "@/lib/server/fleet/refresh-inventory";
import { SimulatedFleetCloud } from "@/lib/server/fleet/simulated-fleet-cloud";
import { setMaintenanceDepsForTests } from "@/lib/server/maintenance/maintenance-deps";
import { specOfDatastore } from "@/lib/server/provisioning/spec";
import { startWorker, type Worker } from "@/lib/server/provisioning/worker";
import { makeTeam } from "../../../support/actors";
import { makeProvisionedDatastore } from "../../../support/fleet";
import { simulatedEngine, storeOrgSettings, tempDir, waitFor } from "../../../support/provisioning";

const dataDir = tempDir();
const READY_MS = 300;
const cloud = new SimulatedFleetCloud({ readyMs: READY_MS });
let worker: Worker;
const admin: Actor = { kind: "user", userId: "admin-1", label: "user:admin@example.test", isAdmin: true, platformReviewer: false, roles: new Map() };

beforeAll(async () => {
  await storeOrgSettings();
  setBenchModeForTests("simulated");
  setMaintenanceDepsForTests({ cloud, refreshInventory: async (d, signal) => void (await refreshDatastoreInventory(d, { cloud, signal })), pollMs: 50 });
  setCampaignDepsForTests({ pollMs: 50 });
  worker = startWorker({
    concurrency: 2,
    leaseMs: 10_000,
    pollMs: 20,
    dataDir,
    engine: await simulatedEngine(dataDir, 1),
    maintenanceEveryMs: 0,
    webhooks: false,
    fleet: false,
    campaigns: { pollMs: 50 },
  });
});
afterAll(async () => {
  await worker.stop({ graceMs: 0 });
  setBenchModeForTests(null);
  setMaintenanceDepsForTests(null);
  setCampaignDepsForTests(null);
});

async function evcache(tier: 0 | 1 | 2 | 3, name: string, upgradeEarly = false) {
  const team = await makeTeam();
  if (upgradeEarly) await db().team.update({ where: { id: team.id }, data: { upgradeEarly: true } });
  const ds = await makeProvisionedDatastore({ teamId: team.id, family: "evcache", tier, name, regions: ["us-east-1"] });
  await refreshDatastoreInventory(ds.id, { cloud });
  return ds;
}

const liveSims = (datastoreId: string) => db().simCloudInstance.findMany({ where: { datastoreId, terminatedAt: null } });
const targetOf = (campaignId: string, datastoreId: string) => db().campaignTarget.findFirstOrThrow({ where: { campaignId, datastoreId } });

describe("an upgrade campaign", () => {
  it("upgrades a passing datastore zone by zone, halts and rolls back a regressed canary, and waits for review on tier 0", async () => {
    const passing = await evcache(3, "cdn-urls");
    const regressing = await evcache(2, "delay-queue");
    const critical = await evcache(0, "playback");
    const from = passing.engineVersion;
    const release = await createRelease({
      actor: admin,
      input: { family: "evcache", engineVersion: "1.6.99", imageIds: { "us-east-1": "ami-0new0000000000001" } },
    });

    const affected = await listAffected({ actor: admin, releaseId: release.id });
    expect(affected.items.map((i) => i.datastore.name)).toEqual(["cdn-urls", "delay-queue", "playback"]);
    expect(affected.nodeCount).toBe(18);

    const campaign = await createCampaign({
      actor: admin,
      input: { releaseId: release.id, benchmarkDurationS: 2, maxRegressionPct: 100, datastoreIds: [passing.id, regressing.id, critical.id] },
    });
    expect(campaign.status).toBe("draft");
    expect(campaign.waves.map((w) => [w.tier, w.approvalRequired, w.targets.map((t) => t.datastore.name)])).toEqual([
      [3, false, ["cdn-urls"]],
      [2, false, ["delay-queue"]],
      [0, true, ["playback"]],
    ]);
    await commandCampaign({ actor: admin, id: campaign.id, command: "start" });

    // The tier 3 datastore: every step in order, every node on the new version, the stack's version recorded.
    await waitFor("cdn-urls to be done", async () => ["done", "failed", "rolled-back"].includes((await targetOf(campaign.id, passing.id)).step), 120_000, 100);
    const done = await targetOf(campaign.id, passing.id);
    expect(done.canaryZone).toBe("us-east-1a");
    expect(done.gate).toMatchObject({ verdict: "pass" });
    const runs = await db().benchRun.findMany({ where: { campaignTargetId: done.id }, orderBy: { createdAt: "asc" } });
    expect(runs.map((r) => [r.purpose, r.engineVersion, r.target])).toEqual([
      ["baseline", from, "local-server"],
      // The cluster under test: the canary zone on the release, the other zones still on the old version.
      ["validation", `${from}, 1.6.99`, "local-server"],
    ]);
    expect(new Set((await liveSims(passing.id)).map((s) => `${s.engineVersion} ${s.imageId}`))).toEqual(new Set(["1.6.99 ami-0new0000000000001"]));
    expect((await db().datastore.findUniqueOrThrow({ where: { id: passing.id } })).engineVersion).toBe("1.6.99");
    // The rollout's up applied the release's image to the stack; its outputs keep it, so the next spec (any later up) does.
    const upgraded = await db().datastore.findUniqueOrThrow({ where: { id: passing.id }, include: DATASTORE_INCLUDE });
    expect(upgraded.outputs).toMatchObject({ imageIds: { "us-east-1": "ami-0new0000000000001" } });
    expect(specOfDatastore(upgraded)).toMatchObject({ engineVersion: "1.6.99", imageIds: { "us-east-1": "ami-0new0000000000001" } });
    const steps = (await listCampaignEvents({ actor: admin, id: campaign.id })).items
      .filter((e) => e.targetId === done.id && e.kind === "step-started")
      .map((e) => e.message.replace(/^cdn-urls: /, "").split(/[ ;:(]/)[0]);
    expect(steps).toEqual(["previewing", "preview", "baseline", "canary", "validation", "gate", "the"]);

    // The tier 2 datastore: a latency spike once its canary is up; the validation measures it; the gate fails.
    await waitFor("delay-queue's canary", async () => (await targetOf(campaign.id, regressing.id)).step === "canary", 120_000, 50);
    await db().healthIncident.create({
      data: {
        datastoreId: regressing.id,
        kind: "latency-spike",
        region: "us-east-1",
        role: null,
        magnitude: 6,
        startsAt: new Date(Date.now() - 1000),
        createdBy: "test",
      },
    });
    await waitFor("delay-queue to be rolled back", async () => (await targetOf(campaign.id, regressing.id)).step === "rolled-back", 120_000, 100);
    const rolled = await targetOf(campaign.id, regressing.id);
    expect(rolled.gate).toMatchObject({ verdict: "fail" });
    // A measured regression of a gated percentile (p50, p95 or p99) beyond the campaign's bound.
    expect((rolled.gate as { reasons: string[] }).reasons.join("\n")).toMatch(
      /(reads|writes) p(50|95|99) rose from [\d.]+ ms to [\d.]+ ms .* more than the 100 % allowed/,
    );
    const halted = await getCampaign({ actor: admin, id: campaign.id });
    expect(halted.status).toBe("halted");
    expect(halted.haltReason).toMatch(/delay-queue: the gate failed/);
    // The canary zone went to 1.6.99 and back; the other zones were never touched; the stack's version is unchanged.
    const sims = await db().simCloudInstance.findMany({ where: { datastoreId: regressing.id } });
    const canary = sims.filter((s) => s.zone === "us-east-1a");
    expect(canary.filter((s) => s.engineVersion === "1.6.99" && s.terminatedAt !== null)).toHaveLength(2);
    expect(canary.filter((s) => s.terminatedAt === null).map((s) => s.engineVersion)).toEqual([from, from]);
    // …on the image its region's nodes ran before (the target recorded it per region), not the release's.
    const oldImage = sims.find((s) => s.zone !== "us-east-1a")!.imageId;
    expect(rolled.fromImageIds).toEqual({ "us-east-1": oldImage });
    expect(canary.filter((s) => s.terminatedAt === null).map((s) => s.imageId)).toEqual([oldImage, oldImage]);
    expect(sims.filter((s) => s.zone !== "us-east-1a").every((s) => s.terminatedAt === null && s.engineVersion === from)).toBe(true);
    expect((await db().datastore.findUniqueOrThrow({ where: { id: regressing.id } })).engineVersion).toBe(from);
    expect(specOfDatastore(await db().datastore.findUniqueOrThrow({ where: { id: regressing.id }, include: DATASTORE_INCLUDE })).imageIds).toBeUndefined();
    expect((await targetOf(campaign.id, critical.id)).step).toBe("pending");

    // Resumed: the tier 0 datastore waits for a reviewer; a member of its team may not approve, a reviewer may.
    await commandCampaign({ actor: admin, id: campaign.id, command: "resume" });
    await waitFor("playback to wait for review", async () => (await targetOf(campaign.id, critical.id)).step === "waiting-review", 30_000, 50);
    await new Promise((r) => setTimeout(r, 300));
    expect((await targetOf(campaign.id, critical.id)).operationId).toBeNull();
    const member: Actor = {
      kind: "user",
      userId: "m-1",
      label: "user:member@example.test",
      isAdmin: false,
      platformReviewer: false,
      roles: new Map([[critical.teamId, "member"]]),
    };
    await expect(approveCampaign({ actor: member, id: campaign.id, input: { wave: 2 } })).rejects.toMatchObject({
      code: "forbidden",
    } satisfies Partial<AppError>);
    const reviewer: Actor = { ...member, userId: "r-1", label: "user:reviewer@example.test", roles: new Map([[critical.teamId, "reviewer"]]) };
    const approved = await approveCampaign({ actor: reviewer, id: campaign.id, input: { wave: 2 } });
    expect(approved.waves[2]).toMatchObject({ approved: true });
    await waitFor("playback to be previewed", async () => (await targetOf(campaign.id, critical.id)).step !== "waiting-review", 30_000, 50);

    // Aborted: the one under way stops where it is, its operation cancelled.
    const aborted = await commandCampaign({ actor: admin, id: campaign.id, command: "abort", reason: "enough for today" });
    expect(aborted.status).toBe("aborted");
    expect((await targetOf(campaign.id, critical.id)).step).toBe("failed");
    const actions = (await db().auditEvent.findMany({ where: { subjectId: { in: [campaign.id, critical.id] } }, orderBy: { at: "asc" } })).map((a) => a.action);
    // The runner's halt is audited too (as the system), between the people's actions.
    expect(actions).toEqual(["campaign.created", "campaign.started", "campaign.halted", "campaign.resumed", "campaign.approved", "campaign.aborted"]);
  }, 300_000);
});
