// Creates an upgrade campaign (administrators): the release's affected datastores (or the named ones among them) in
// waves — one wave per tier, tier 3 first and tier 0 last, early-upgrade teams first within a wave. A draft shows its
// waves before anyone starts it; `start: true` starts it at once. Audited with the campaign's first event.
import "server-only";
import { AppError } from "@/lib/errors";
import type { CampaignDto, CreateCampaignBody } from "@/lib/schemas/campaign";
import { CreateCampaignBodySchema } from "@/lib/schemas/campaign";
import type { Actor } from "../auth/actor";
import { canAdminister } from "../auth/policy";
import { audit } from "../audit";
import { emitCampaignWebhook } from "./campaign-webhooks";
import { db } from "../db/client";
import { affectedDatastores } from "./affected";
import { appendCampaignEvents, findCampaign, isFinishedStep, toCampaignDto } from "./campaign-rows";
import { findRelease } from "./releases";

const ACTIVE_CAMPAIGN = ["draft", "running", "paused", "halted"];

export async function createCampaign({ actor, input: raw }: { actor: Actor; input: CreateCampaignBody }): Promise<CampaignDto> {
  if (!canAdminister(actor)) throw new AppError("forbidden", "Only administrators run upgrade campaigns.");
  const input = CreateCampaignBodySchema.parse(raw);
  return db().$transaction(async (tx) => {
    const release = await findRelease(tx, input.releaseId);
    let affected = await affectedDatastores(tx, release);
    if (input.datastoreIds) {
      const wanted = new Set(input.datastoreIds);
      const unknown = input.datastoreIds.filter((id) => !affected.some((a) => a.datastoreId === id));
      if (unknown.length > 0)
        throw new AppError("invalid_input", `The campaign names datastores the release does not affect: ${unknown.join(", ")}.`, {
          fieldErrors: [{ field: "datastoreIds", message: `${unknown.join(", ")} ${unknown.length === 1 ? "is" : "are"} not affected by this release` }],
        });
      affected = affected.filter((a) => wanted.has(a.datastoreId));
    }
    if (affected.length === 0) throw new AppError("conflict", `No active ${release.family} datastore is off ${release.engineVersion} (${release.imageId}).`);
    const busy = await tx.campaignTarget.findMany({
      where: { datastoreId: { in: affected.map((a) => a.datastoreId) }, campaign: { status: { in: ACTIVE_CAMPAIGN } } },
      include: { datastore: { select: { name: true } } },
    });
    const inFlight = busy.filter((t) => !isFinishedStep(t.step));
    if (inFlight.length > 0)
      throw new AppError("conflict", `Already in an unfinished campaign: ${[...new Set(inFlight.map((t) => t.datastore.name))].join(", ")}.`, {
        fieldErrors: [{ field: "datastoreIds", message: "names datastores another campaign is upgrading" }],
      });

    const tiers = [...new Set(affected.map((a) => a.tier))].sort((a, b) => b - a);
    const now = new Date();
    const campaign = await tx.upgradeCampaign.create({
      data: {
        family: release.family,
        releaseId: release.id,
        status: input.start ? "running" : "draft",
        maxRegressionPct: input.maxRegressionPct,
        benchmarkDurationS: input.benchmarkDurationS,
        createdBy: actor.label,
        ...(input.start ? { startedAt: now } : {}),
      },
    });
    await tx.campaignTarget.createMany({
      data: affected.map((a) => {
        const images = a.nodes.map((n) => n.imageId);
        const wave = tiers.indexOf(a.tier);
        return {
          campaignId: campaign.id,
          datastoreId: a.datastoreId,
          wave,
          seq: affected.filter((b) => b.tier === a.tier).indexOf(a),
          tier: a.tier,
          fromVersion: a.engineVersion,
          fromImageId: images.sort((x, y) => images.filter((i) => i === y).length - images.filter((i) => i === x).length)[0] ?? null,
          step: "pending",
        };
      }),
    });
    const waves = tiers.map(
      (tier, wave) =>
        `wave ${wave + 1}: tier ${tier} (${affected
          .filter((a) => a.tier === tier)
          .map((a) => a.datastore.name)
          .join(", ")})`,
    );
    await appendCampaignEvents(tx, campaign.id, [
      { actor: actor.label, kind: "created", message: `Campaign to ${release.family} ${release.engineVersion} created: ${waves.join("; ")}.` },
      ...(input.start ? [{ actor: actor.label, kind: "started" as const, message: "Started." }] : []),
    ]);
    await audit(tx, actor, {
      action: "campaign.created",
      subjectType: "settings",
      subjectId: campaign.id,
      detail: { releaseId: release.id, engineVersion: release.engineVersion, datastoreIds: affected.map((a) => a.datastoreId), started: input.start },
    });
    if (input.start) await emitCampaignWebhook(tx, "campaign.started", campaign.id, { startedBy: actor.label });
    return toCampaignDto(tx, actor, await findCampaign(tx, campaign.id));
  });
}
