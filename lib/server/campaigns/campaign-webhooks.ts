// Campaign webhooks, emitted in the transaction of the change they report: campaign.started | halted | completed |
// aborted go to every team owning a datastore of the campaign (a subscription is a team's), each message listing that
// team's own datastores and where they stand; campaign.awaiting_review goes to the team whose tier 0/1 datastore waits
// for its reviewer. The campaign's summary is the one the campaign page shows (whoever reviews a team of it sees it).
import "server-only";
import type { WebhookEvent } from "@/lib/schemas/webhook";
import type { Tx } from "../db/client";
import { emitWebhookEvent } from "../webhooks/emit-event";
import { portalUrl } from "../webhooks/events";
import { findCampaign, type CampaignWithTargets, type TargetRow } from "./campaign-rows";
import { regionImagesOf } from "./releases";

export type CampaignWebhookEvent = Extract<WebhookEvent, `campaign.${string}`>;

function campaignSummary(c: CampaignWithTargets) {
  const count = (steps: string[]) => c.targets.filter((t) => steps.includes(t.step)).length;
  return {
    id: c.id,
    family: c.family,
    status: c.status,
    release: { id: c.release.id, engineVersion: c.release.engineVersion, ...regionImagesOf(c.release) },
    haltReason: c.haltReason,
    startedAt: c.startedAt?.toISOString() ?? null,
    finishedAt: c.finishedAt?.toISOString() ?? null,
    counts: {
      total: c.targets.length,
      done: count(["done"]),
      rolledBack: count(["rolled-back", "rolling-back"]),
      failed: count(["failed"]),
      skipped: count(["skipped"]),
      pending: count(["pending", "waiting-review"]),
    },
  };
}

const targetSummary = (t: TargetRow) => ({
  id: t.datastore.id,
  name: t.datastore.name,
  tier: t.tier,
  wave: t.wave,
  step: t.step,
  fromVersion: t.fromVersion,
  error: t.error,
});

const links = (campaignId: string) => ({
  portal: portalUrl(`/upgrades/campaigns/${campaignId}`),
  api: portalUrl(`/api/v1/campaigns/${campaignId}`),
});

/**
 * Queues `type` for the subscribed teams: every team of the campaign, or only `onlyTeamId`'s. Reads the campaign as
 * the transaction sees it now, so the message carries the change it reports.
 */
export async function emitCampaignWebhook(
  tx: Tx,
  type: CampaignWebhookEvent,
  campaignId: string,
  extra: Record<string, unknown> = {},
  onlyTeamId?: string,
): Promise<void> {
  const c = await findCampaign(tx, campaignId);
  const teams = new Map(c.targets.map((t) => [t.datastore.team.id, t.datastore.team]));
  for (const team of teams.values()) {
    if (onlyTeamId !== undefined && team.id !== onlyTeamId) continue;
    await emitWebhookEvent(tx, type, team.id, () => ({
      campaign: campaignSummary(c),
      team: { id: team.id, slug: team.slug, name: team.name },
      datastores: c.targets.filter((t) => t.datastore.team.id === team.id).map(targetSummary),
      ...extra,
      links: links(c.id),
    }));
  }
}

/** campaign.awaiting_review: the target's team hears that its tier 0/1 datastore waits for a reviewer's approval. */
export async function emitCampaignAwaitingReview(tx: Tx, campaignId: string, t: TargetRow): Promise<void> {
  await emitCampaignWebhook(
    tx,
    "campaign.awaiting_review",
    campaignId,
    { datastore: { id: t.datastore.id, name: t.datastore.name }, tier: t.tier, wave: t.wave },
    t.datastore.team.id,
  );
}
