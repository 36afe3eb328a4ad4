// Creates an upgrade campaign (administrators): the release's affected datastores (or the named ones among them) in
// waves — one wave per tier, tier 3 first and tier 0 last, early-upgrade teams first within a wave. A datastore in a
// region the release has no image for is left out (its event says so), and naming it is a 422 on datastoreIds. A
// draft shows its waves before anyone starts it; `start: true` starts it at once. Audited with the campaign's first
// event.
import "server-only";
import { AppError } from "@/lib/errors";
import type { CampaignDto, CreateCampaignBody } from "@/lib/schemas/campaign";
import { CreateCampaignBodySchema, describeImages } from "@/lib/schemas/campaign";
import type { Actor } from "../auth/actor";
import { canAdminister } from "../auth/policy";
import { audit } from "../audit";
import { emitCampaignWebhook } from "./campaign-webhooks";
import { db } from "../db/client";
import { affectedDatastores } from "./affected";
import { appendCampaignEvents, findCampaign, isFinishedStep, toCampaignDto } from "./campaign-rows";
import { findRelease, regionImagesOf } from "./releases";

const ACTIVE_CAMPAIGN = ["draft", "running", "paused", "halted"];

/** "orders-cache (eu-west-1), carts-cache (ap-south-1, eu-west-1)": datastores with the regions the release lacks. */
const withMissingRegions = (list: readonly { datastore: { name: string }; missingImageRegions: readonly string[] }[]) =>
  list.map((a) => `${a.datastore.name} (${a.missingImageRegions.join(", ")})`).join(", ");

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
      const uncovered = affected.filter((a) => a.missingImageRegions.length > 0);
      if (uncovered.length > 0) {
        const which = withMissingRegions(uncovered);
        throw new AppError(
          "invalid_input",
          `The release has no image for a region of ${which}: a campaign cannot upgrade ${uncovered.length === 1 ? "it" : "them"}.`,
          {
            fieldErrors: [{ field: "datastoreIds", message: `names datastores in regions the release has no image for: ${which}` }],
          },
        );
      }
    }
    const left = affected.filter((a) => a.missingImageRegions.length > 0);
    affected = affected.filter((a) => a.missingImageRegions.length === 0);
    if (affected.length === 0)
      throw new AppError(
        "conflict",
        left.length > 0
          ? `No ${release.family} datastore off ${release.engineVersion} can be upgraded with this release: it has no image for a region of ${withMissingRegions(left)}.`
          : `No active ${release.family} datastore is off ${release.engineVersion} (${describeImages(regionImagesOf(release))}).`,
      );
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
      data: affected.map((a) => ({
        campaignId: campaign.id,
        datastoreId: a.datastoreId,
        wave: tiers.indexOf(a.tier),
        seq: affected.filter((b) => b.tier === a.tier).indexOf(a),
        tier: a.tier,
        fromVersion: a.engineVersion,
        // Per region: an AMI exists in one region, so a rollback there launches what that region's nodes ran.
        fromImageIds: a.fromImageIds,
        fromImageId: null,
        step: "pending",
      })),
    });
    const waves = tiers.map(
      (tier, wave) =>
        `wave ${wave + 1}: tier ${tier} (${affected
          .filter((a) => a.tier === tier)
          .map((a) => a.datastore.name)
          .join(", ")})`,
    );
    const leftOut = left.length > 0 ? ` Left out, the release having no image for a region of theirs: ${withMissingRegions(left)}.` : "";
    await appendCampaignEvents(tx, campaign.id, [
      { actor: actor.label, kind: "created", message: `Campaign to ${release.family} ${release.engineVersion} created: ${waves.join("; ")}.${leftOut}` },
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
