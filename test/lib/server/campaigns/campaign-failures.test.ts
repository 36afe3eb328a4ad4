// The campaign runner when things go wrong, one move at a time (advanceCampaign under a lease, no worker): the
// operations a step waits on are settled here the way the worker settles them, so each failure lands on the step it
// is meant for. A step that throws is retried with a growing backoff and halts the campaign at the STEP_MAX_FAILURES-th
// failure in a row, naming the datastore, the step and the last error; a resume counts afresh. An operation that
// failed (preview, benchmark, canary or rollout replacement, up) halts the campaign with its error at once.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/server/auth/actor";
import { setBenchModeForTests } from "@/lib/server/bench/bench-target";
import { commandCampaign, getCampaign } from "@/lib/server/campaigns/campaign-commands";
import { setCampaignDepsForTests } from "@/lib/server/campaigns/campaign-deps";
import { claimCampaigns } from "@/lib/server/campaigns/campaign-loop";
import { createCampaign } from "@/lib/server/campaigns/create-campaign";
import { createRelease } from "@/lib/server/campaigns/releases";
import { STEP_MAX_FAILURES } from "@/lib/server/campaigns/step-failures";
import { db } from "@/lib/server/db/client";
import { advance, driveTo, evcacheWithNodes as evcache, LEASE_MS, settle, targetOf, useCampaignDeps as useDeps } from "../../../support/campaigns";
import { storeOrgSettings } from "../../../support/provisioning";

const admin: Actor = { kind: "user", userId: "admin-1", label: "user:admin@example.test", isAdmin: true, platformReviewer: false, roles: new Map() };
let releaseId = "";
const BACKOFF_MS = 250;

beforeAll(async () => {
  await storeOrgSettings();
  setBenchModeForTests("simulated");
  releaseId = (await createRelease({ actor: admin, input: { family: "evcache", engineVersion: "1.7.0", imageIds: { "us-east-1": "ami-0fail000000000001" } } }))
    .id;
});
beforeEach(() => useDeps());
afterAll(() => {
  setBenchModeForTests(null);
  setCampaignDepsForTests(null);
});

async function startedCampaign(...datastoreIds: string[]) {
  return createCampaign({ actor: admin, input: { releaseId, benchmarkDurationS: 1, maxRegressionPct: 100, datastoreIds, start: true } });
}

interface RetryDetail {
  retry: true;
  failures: number;
  step: string;
  retryAt: string;
  error: string;
}
const retryEvents = async (campaignId: string) =>
  (await db().campaignEvent.findMany({ where: { campaignId, kind: "error" }, orderBy: { seq: "asc" } }))
    .map((e) => e.detail as RetryDetail | null)
    .filter((d): d is RetryDetail => d?.retry === true);

describe("a campaign step that throws on every attempt", () => {
  it("backs off between attempts, halts at the limit naming the datastore, the step and the error, and counts afresh after a resume", async () => {
    const ds = await evcache("session-cache");
    const campaign = await startedCampaign(ds.id);
    await advance(campaign.id);
    await settle(campaign.id, ds.id, "succeeded");
    // The move from the preview to the baseline benchmark throws, every time.
    // A backoff long enough that the immediate second look below falls inside it on a busy machine.
    useDeps({
      stepRetryMs: BACKOFF_MS,
      queueBenchmark: () => {
        throw new Error("no benchmark driver answers");
      },
    });

    await advance(campaign.id);
    expect(await retryEvents(campaign.id)).toMatchObject([{ failures: 1, step: "preview", error: "no benchmark driver answers" }]);
    // Within its backoff the step is not tried again.
    await advance(campaign.id);
    expect(await retryEvents(campaign.id)).toHaveLength(1);

    for (let n = 2; n <= STEP_MAX_FAILURES; n++) {
      const [last] = (await retryEvents(campaign.id)).slice(-1);
      await new Promise((r) => setTimeout(r, Math.max(0, Date.parse(last!.retryAt) - Date.now()) + 5));
      // A worker restarted meanwhile (another id, the lease run out) goes on counting where the last one stopped.
      if (n === 3) await db().upgradeCampaign.update({ where: { id: campaign.id }, data: { leaseExpiresAt: new Date(Date.now() - 1) } });
      await advance(campaign.id, n >= 3 ? "worker-2" : "worker-1");
      expect((await retryEvents(campaign.id)).map((e) => e.failures)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
    }
    const events = await db().campaignEvent.findMany({ where: { campaignId: campaign.id, kind: "error" }, orderBy: { seq: "asc" } });
    expect(events).toHaveLength(STEP_MAX_FAILURES);
    // The waits double after each failure.
    expect(events.map((e) => (e.detail as { retryInMs: number }).retryInMs)).toEqual([1, 2, 4, 8, 16].map((k) => k * BACKOFF_MS));
    expect(events[0]!.message).toMatch(/^session-cache: the preview step failed \(1 of 5\): no benchmark driver answers; trying again in/);

    const halted = await getCampaign({ actor: admin, id: campaign.id });
    expect(halted.status).toBe("halted");
    expect(halted.haltReason).toBe("session-cache: the preview step failed 5 times in a row; the last error: no benchmark driver answers");
    // The target stays at its step (a resume tries it again); the halt is an event and an audit entry.
    expect((await targetOf(campaign.id, ds.id)).step).toBe("preview");
    const haltEvent = await db().campaignEvent.findFirstOrThrow({ where: { campaignId: campaign.id, kind: "halted" } });
    expect(haltEvent.detail).toMatchObject({ datastore: { name: "session-cache" }, step: "preview", error: "no benchmark driver answers" });
    expect(await db().auditEvent.findFirst({ where: { subjectId: campaign.id, action: "campaign.halted" } })).toMatchObject({ actor: "system" });
    // Halted, nothing is tried.
    expect(await claimCampaigns("worker-1", LEASE_MS)).not.toContain(campaign.id);

    // Resumed with the cause still there: the count starts again at 1, it does not halt at once.
    await commandCampaign({ actor: admin, id: campaign.id, command: "resume" });
    await db().upgradeCampaign.update({ where: { id: campaign.id }, data: { leaseOwner: null, leaseExpiresAt: null } });
    await advance(campaign.id);
    expect((await retryEvents(campaign.id)).slice(STEP_MAX_FAILURES).map((e) => e.failures)).toEqual([1]);
    expect((await getCampaign({ actor: admin, id: campaign.id })).status).toBe("running");

    // Fixed: after the backoff the step moves on.
    useDeps();
    const [last] = (await retryEvents(campaign.id)).slice(-1);
    await new Promise((r) => setTimeout(r, Math.max(0, Date.parse(last!.retryAt) - Date.now()) + 5));
    await advance(campaign.id);
    expect((await targetOf(campaign.id, ds.id)).step).toBe("baseline");
  });

  it("fails a rollback that throws on every attempt instead of retrying it forever", async () => {
    const ds = await evcache("rollback-cache");
    const campaign = await startedCampaign(ds.id);
    await driveTo(campaign.id, ds.id, "canary");
    await settle(campaign.id, ds.id, "failed", "the replacement never turned healthy");
    await advance(campaign.id);
    expect((await targetOf(campaign.id, ds.id)).step).toBe("rolling-back");
    // The rollback was interrupted, and its stored spec no longer parses (written by an older portal): retrying it
    // throws, every time.
    const rollback = (await targetOf(campaign.id, ds.id)).operationId ?? "";
    await db().operation.update({ where: { id: rollback }, data: { status: "interrupted", finishedAt: new Date(), spec: { schema: "old" } } });
    for (let n = 1; n <= STEP_MAX_FAILURES; n++) {
      const last = (await retryEvents(campaign.id)).at(-1);
      if (last) await new Promise((r) => setTimeout(r, Math.max(0, Date.parse(last.retryAt) - Date.now()) + 5));
      await advance(campaign.id);
    }
    expect((await retryEvents(campaign.id)).filter((e) => e.step === "rolling-back").map((e) => e.failures)).toEqual([1, 2, 3, 4, 5]);
    const t = await targetOf(campaign.id, ds.id);
    expect(t.step).toBe("failed");
    expect(t.error).toMatch(/the rollback could not go on/);
    expect(await claimCampaigns("worker-1", LEASE_MS)).not.toContain(campaign.id);
  });
});

describe("an operation a step waits on that is interrupted again and again", () => {
  it("is retried, but the fifth interruption in a row halts the campaign; a resume counts afresh", async () => {
    const ds = await evcache("op-interrupted");
    const campaign = await startedCampaign(ds.id);
    await driveTo(campaign.id, ds.id, "canary");
    const ops: string[] = [];
    for (let n = 1; n <= STEP_MAX_FAILURES; n++) {
      ops.push((await targetOf(campaign.id, ds.id)).operationId ?? "");
      await settle(campaign.id, ds.id, "interrupted", "the worker stopped");
      await advance(campaign.id);
    }
    // Four retries, each a new attempt of the same replacement; the fifth interruption is not retried.
    expect(new Set(ops).size).toBe(STEP_MAX_FAILURES);
    expect((await db().operation.findMany({ where: { id: { in: ops } }, orderBy: { attempt: "asc" } })).map((o) => o.attempt)).toEqual([1, 2, 3, 4, 5]);
    const halted = await getCampaign({ actor: admin, id: campaign.id });
    expect(halted.status).toBe("halted");
    expect(halted.haltReason).toBe(
      "op-interrupted: the canary step failed: its replace-nodes operation was interrupted 5 times in a row (the last: the worker stopped)",
    );
    expect((await targetOf(campaign.id, ds.id)).operationId).toBe(ops.at(-1));

    await commandCampaign({ actor: admin, id: campaign.id, command: "resume" });
    await advance(campaign.id);
    const retried = await targetOf(campaign.id, ds.id);
    expect(retried.step).toBe("canary");
    expect(ops).not.toContain(retried.operationId);
    expect((await getCampaign({ actor: admin, id: campaign.id })).status).toBe("running");
  });
});

describe("an operation a step waits on that failed", () => {
  const cases = [
    { step: "preview", reason: /^op-preview: preview failed: the preview failed: stack locked by another update$/ },
    { step: "baseline", reason: /^op-baseline: baseline failed: the baseline benchmark failed: stack locked by another update$/ },
    { step: "canary", reason: /^op-canary: the canary's replacement failed: stack locked by another update$/ },
    { step: "validation", reason: /^op-validation: the validation benchmark failed: stack locked by another update$/ },
    { step: "rollout", reason: /^op-rollout: the rollout's up failed: stack locked by another update$/ },
  ];
  for (const { step, reason } of cases)
    it(`halts the campaign with the error of a failed ${step} operation, at once`, async () => {
      const ds = await evcache(`op-${step}`);
      const campaign = await startedCampaign(ds.id);
      await driveTo(campaign.id, ds.id, step);
      await settle(campaign.id, ds.id, "failed", "stack locked by another update");
      await advance(campaign.id);
      const halted = await getCampaign({ actor: admin, id: campaign.id });
      expect(halted.status).toBe("halted");
      expect(halted.haltReason).toMatch(reason);
      // Never retried: no second operation was queued for the failed step.
      expect(await retryEvents(campaign.id)).toHaveLength(0);
    });

  it("halts the campaign when the rollout's replacement of the other zones failed", async () => {
    const ds = await evcache("op-rest");
    const campaign = await startedCampaign(ds.id);
    await driveTo(campaign.id, ds.id, "rollout");
    await settle(campaign.id, ds.id, "succeeded");
    await advance(campaign.id);
    const t = await targetOf(campaign.id, ds.id);
    expect((await db().operation.findUniqueOrThrow({ where: { id: t.operationId ?? "" } })).kind).toBe("replace-nodes");
    await settle(campaign.id, ds.id, "failed", "instance limit exceeded");
    await advance(campaign.id);
    const halted = await getCampaign({ actor: admin, id: campaign.id });
    expect(halted.status).toBe("halted");
    expect(halted.haltReason).toBe("op-rest: rollout failed: the rollout's replacement failed: instance limit exceeded");
    expect((await targetOf(campaign.id, ds.id)).step).toBe("failed");
  });
});
