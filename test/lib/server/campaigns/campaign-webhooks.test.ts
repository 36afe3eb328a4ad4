// Campaign webhooks: queued in the transaction of the change they report, for the teams owning the campaign's
// datastores — started, awaiting_review (only the team whose tier 0/1 datastore waits), halted (with the reason and the
// datastore), completed, aborted — each message listing only the receiving team's own datastores; a team with no
// datastore in the campaign hears nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/server/auth/actor";
import { setBenchModeForTests } from "@/lib/server/bench/bench-target";
import { approveCampaign, commandCampaign } from "@/lib/server/campaigns/campaign-commands";
import { setCampaignDepsForTests } from "@/lib/server/campaigns/campaign-deps";
import { createCampaign } from "@/lib/server/campaigns/create-campaign";
import { createRelease } from "@/lib/server/campaigns/releases";
import { db } from "@/lib/server/db/client";
import { CAMPAIGN_WEBHOOK_EVENTS } from "@/lib/schemas/webhook";
import { makeTeam } from "../../../support/actors";
import { advance, driveTo, evcacheWithNodes, settle, targetOf, useCampaignDeps } from "../../../support/campaigns";
import { storeOrgSettings } from "../../../support/provisioning";

const admin: Actor = { kind: "user", userId: "admin-1", label: "user:admin@example.test", isAdmin: true, platformReviewer: false, roles: new Map() };

beforeAll(async () => {
  await storeOrgSettings();
  setBenchModeForTests("simulated");
  useCampaignDeps();
});
afterAll(() => {
  setBenchModeForTests(null);
  setCampaignDepsForTests(null);
});

async function subscribe(teamId: string) {
  return db().webhookSubscription.create({
    data: {
      teamId,
      url: "https://hooks.example.test/campaigns",
      events: [...CAMPAIGN_WEBHOOK_EVENTS],
      secretCipher: "x.y.z",
      secretPrefix: "whsec_x",
      createdBy: "user:owner@example.test",
    },
  });
}

interface Message {
  type: string;
  data: {
    campaign: { id: string; status: string; haltReason: string | null; counts: { done: number; failed: number } };
    team: { id: string };
    datastores: { name: string; step: string }[];
    links: { portal: string; api: string };
    [key: string]: unknown;
  };
}

async function received(subscriptionId: string): Promise<Message[]> {
  const rows = await db().webhookDelivery.findMany({ where: { subscriptionId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  return rows.map((r) => {
    const body = JSON.parse(r.payload) as Message;
    expect(r.eventType).toBe(body.type);
    expect(r.status).toBe("pending");
    return body;
  });
}

describe("campaign webhooks", () => {
  it("tell the teams owning the campaign's datastores that it started, waits for review, halted, completed and was aborted", async () => {
    const [ordersTeam, playbackTeam, unrelated] = [await makeTeam(), await makeTeam(), await makeTeam()];
    const orders = await evcacheWithNodes("orders-cache", 3, ordersTeam.id);
    const carts = await evcacheWithNodes("carts-cache", 3, ordersTeam.id);
    const playback = await evcacheWithNodes("playback-cache", 0, playbackTeam.id);
    await evcacheWithNodes("unrelated-cache", 3, unrelated.id);
    const [ordersHook, playbackHook, unrelatedHook] = [await subscribe(ordersTeam.id), await subscribe(playbackTeam.id), await subscribe(unrelated.id)];
    const release = await createRelease({
      actor: admin,
      input: { family: "evcache", engineVersion: "1.8.0", imageIds: { "us-east-1": "ami-0hook000000000001" } },
    });

    const campaign = await createCampaign({
      actor: admin,
      input: { releaseId: release.id, benchmarkDurationS: 1, maxRegressionPct: 100, datastoreIds: [orders.id, playback.id], start: true },
    });
    const [started] = await received(ordersHook.id);
    expect(started).toMatchObject({
      type: "campaign.started",
      data: {
        // The release's images, per region.
        campaign: {
          id: campaign.id,
          status: "running",
          release: { engineVersion: "1.8.0", imageIds: { "us-east-1": "ami-0hook000000000001" }, imageId: null },
        },
        team: { id: ordersTeam.id },
        // Only the receiving team's datastores.
        datastores: [{ name: "orders-cache", step: "pending" }],
        startedBy: admin.label,
        links: { portal: expect.stringMatching(new RegExp(`/upgrades/campaigns/${campaign.id}$`)), api: expect.stringMatching(/\/api\/v1\/campaigns\//) },
      },
    });

    // The tier 3 datastore is upgraded; the tier 0 one waits for its team's reviewer: only that team hears it.
    await driveTo(campaign.id, orders.id, "done");
    expect((await targetOf(campaign.id, playback.id)).step).toBe("waiting-review");
    const waiting = (await received(playbackHook.id)).find((m) => m.type === "campaign.awaiting_review");
    expect(waiting?.data).toMatchObject({
      datastore: { id: playback.id, name: "playback-cache" },
      tier: 0,
      datastores: [{ name: "playback-cache", step: "waiting-review" }],
    });

    // Approved, its preview fails: the campaign halts; both teams hear why, and which datastore.
    const reviewer: Actor = { ...admin, userId: "r-1", label: "user:reviewer@example.test", isAdmin: false, roles: new Map([[playbackTeam.id, "reviewer"]]) };
    await approveCampaign({ actor: reviewer, id: campaign.id, input: { wave: 1 } });
    await advance(campaign.id);
    await settle(campaign.id, playback.id, "failed", "the stack is locked by another update");
    await advance(campaign.id);
    for (const hook of [ordersHook, playbackHook]) {
      const halted = (await received(hook.id)).find((m) => m.type === "campaign.halted");
      expect(halted?.data).toMatchObject({
        campaign: { status: "halted", haltReason: "playback-cache: preview failed: the preview failed: the stack is locked by another update" },
        reason: "playback-cache: preview failed: the preview failed: the stack is locked by another update",
        datastore: { id: playback.id, name: "playback-cache" },
        step: "preview",
        error: "the preview failed: the stack is locked by another update",
      });
    }

    // Resumed: nothing is left to upgrade; it completes.
    await commandCampaign({ actor: admin, id: campaign.id, command: "resume" });
    await advance(campaign.id);
    const completed = (await received(playbackHook.id)).find((m) => m.type === "campaign.completed");
    expect(completed?.data).toMatchObject({
      campaign: { status: "completed", counts: { done: 1, failed: 1 } },
      datastores: [{ name: "playback-cache", step: "failed" }],
    });

    // A draft of the other datastore of the orders team, aborted: only that team hears it.
    const draft = await createCampaign({
      actor: admin,
      input: { releaseId: release.id, benchmarkDurationS: 1, maxRegressionPct: 100, datastoreIds: [carts.id] },
    });
    await commandCampaign({ actor: admin, id: draft.id, command: "abort", reason: "the release is withdrawn" });

    expect((await received(ordersHook.id)).map((m) => [m.type, m.data.campaign.id])).toEqual([
      ["campaign.started", campaign.id],
      ["campaign.halted", campaign.id],
      ["campaign.completed", campaign.id],
      ["campaign.aborted", draft.id],
    ]);
    expect((await received(ordersHook.id)).at(-1)?.data).toMatchObject({
      campaign: { status: "aborted" },
      reason: "the release is withdrawn",
      abortedBy: admin.label,
      datastores: [{ name: "carts-cache", step: "skipped" }],
    });
    expect((await received(playbackHook.id)).map((m) => m.type)).toEqual([
      "campaign.started",
      "campaign.awaiting_review",
      "campaign.halted",
      "campaign.completed",
    ]);
    expect(await received(unrelatedHook.id)).toEqual([]);
  });
});
