// People's commands on a campaign: start, pause, resume, abort (administrators) and approve a tier 0/1 wave or
// target (the team's reviewers, platform reviewers). Each is one conditional update on the status read, audited and
// recorded as a campaign event in the same transaction; the runner picks the change up at its next look.
import "server-only";
import { AppError } from "@/lib/errors";
import type { ApproveCampaignBody, CampaignDto, CampaignEventList, DatastoreCampaignDto } from "@/lib/schemas/campaign";
import type { Actor } from "../auth/actor";
import { canAdminister, canReviewTeam } from "../auth/policy";
import { requireAllowed } from "../auth/verdict";
import { audit } from "../audit";
import { db, type Tx } from "../db/client";
import { findVisibleDatastore } from "../datastores/get-datastore";
import { cancelStepOperation } from "./campaign-steps";
import { emitCampaignWebhook } from "./campaign-webhooks";
import {
  appendCampaignEvents,
  approveTargetVerdict,
  campaignVerdict,
  findCampaign,
  isFinishedStep,
  toCampaignDto,
  toCampaignEventDto,
  type CampaignWithTargets,
} from "./campaign-rows";

type Command = "start" | "pause" | "resume" | "abort";
const NEXT: Record<Command, string> = { start: "running", pause: "paused", resume: "running", abort: "aborted" };
const PAST: Record<Command, "started" | "paused" | "resumed" | "aborted"> = { start: "started", pause: "paused", resume: "resumed", abort: "aborted" };

async function changeStatus(tx: Tx, actor: Actor, c: CampaignWithTargets, command: Command, reason?: string): Promise<void> {
  const now = new Date();
  const { count } = await tx.upgradeCampaign.updateMany({
    where: { id: c.id, status: c.status, version: c.version },
    data: {
      status: NEXT[command],
      version: { increment: 1 },
      ...(command === "start" ? { startedAt: now } : {}),
      ...(command === "abort" ? { finishedAt: now, haltReason: reason ?? `Aborted by ${actor.label}.` } : {}),
      ...(command === "resume" ? { haltReason: null } : {}),
    },
  });
  if (count === 0) throw new AppError("conflict", "The campaign changed while this was asked; look again.");
  if (command === "abort") {
    // What has not started never will; what is under way stops where it is (its operation is cancelled).
    await tx.campaignTarget.updateMany({
      where: { campaignId: c.id, step: { in: ["pending", "waiting-review"] } },
      data: { step: "skipped", finishedAt: now, error: "the campaign was aborted before it" },
    });
    for (const t of c.targets.filter((t) => !isFinishedStep(t.step) && t.step !== "pending" && t.step !== "waiting-review" && t.step !== "rolling-back")) {
      await tx.campaignTarget.update({ where: { id: t.id }, data: { step: "failed", finishedAt: now, error: `aborted at step ${t.step}` } });
      if (t.operationId) await cancelStepOperation(tx, t.operationId, `The upgrade campaign was aborted by ${actor.label}.`);
    }
  }
  await appendCampaignEvents(tx, c.id, [
    {
      actor: actor.label,
      kind: PAST[command],
      message: `${PAST[command][0]?.toUpperCase()}${PAST[command].slice(1)} by ${actor.label}${reason ? `: ${reason}` : ""}.`,
    },
  ]);
  await audit(tx, actor, {
    action: `campaign.${PAST[command]}`,
    subjectType: "settings",
    subjectId: c.id,
    detail: { from: c.status, to: NEXT[command], ...(reason ? { reason } : {}) },
  });
  if (command === "start") await emitCampaignWebhook(tx, "campaign.started", c.id, { startedBy: actor.label });
  if (command === "abort") await emitCampaignWebhook(tx, "campaign.aborted", c.id, { abortedBy: actor.label, reason: reason ?? null });
}

export async function commandCampaign({ actor, id, command, reason }: { actor: Actor; id: string; command: Command; reason?: string }): Promise<CampaignDto> {
  return db().$transaction(async (tx) => {
    const c = await findCampaign(tx, id);
    requireAllowed(campaignVerdict(actor, c.status, command));
    await changeStatus(tx, actor, c, command, reason);
    return toCampaignDto(tx, actor, await findCampaign(tx, id));
  });
}

export async function approveCampaign({ actor, id, input }: { actor: Actor; id: string; input: ApproveCampaignBody }): Promise<CampaignDto> {
  return db().$transaction(async (tx) => {
    const c = await findCampaign(tx, id);
    const chosen = c.targets.filter((t) => (input.targetId !== undefined ? t.id === input.targetId : t.wave === input.wave));
    if (chosen.length === 0)
      throw new AppError(
        "not_found",
        input.targetId !== undefined ? `No target ${input.targetId} in this campaign.` : `No wave ${String(input.wave)} in this campaign.`,
      );
    const open = chosen.filter((t) => !t.approvedAt && !isFinishedStep(t.step));
    const verdicts = open.map((t) => approveTargetVerdict(actor, c.status, { ...t, teamId: t.datastore.team.id }));
    if (open.length === 0 || verdicts.some((v) => !v.allowed)) {
      requireAllowed(verdicts.find((v) => !v.allowed) ?? approveTargetVerdict(actor, c.status, { ...chosen[0]!, teamId: chosen[0]!.datastore.team.id }));
    }
    const now = new Date();
    const { count } = await tx.campaignTarget.updateMany({
      where: { id: { in: open.map((t) => t.id) }, approvedAt: null },
      data: { approvedAt: now, approvedBy: actor.label },
    });
    if (count !== open.length) throw new AppError("conflict", "Someone approved part of it meanwhile; look again.");
    await appendCampaignEvents(
      tx,
      c.id,
      open.map((t) => ({
        actor: actor.label,
        kind: "approved" as const,
        targetId: t.id,
        message: `${t.datastore.name} (tier ${t.tier}) approved by ${actor.label}.`,
      })),
    );
    for (const t of open)
      await audit(tx, actor, {
        action: "campaign.approved",
        subjectType: "datastore",
        subjectId: t.datastoreId,
        teamId: t.datastore.team.id,
        detail: { campaignId: c.id, targetId: t.id },
      });
    return toCampaignDto(tx, actor, await findCampaign(tx, id));
  });
}

export async function getCampaign({ actor, id }: { actor: Actor; id: string }): Promise<CampaignDto> {
  const c = await findCampaign(db(), id);
  if (!canAdminister(actor) && !c.targets.some((t) => canReviewTeam(actor, t.datastore.team.id)))
    throw new AppError("not_found", `No campaign ${JSON.stringify(id.slice(0, 100))}.`);
  return toCampaignDto(db(), actor, c);
}

export async function listCampaigns({ actor }: { actor: Actor }): Promise<{ items: CampaignDto[] }> {
  const rows = await db().upgradeCampaign.findMany({ orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: 100, select: { id: true } });
  const items: CampaignDto[] = [];
  for (const r of rows) {
    const c = await findCampaign(db(), r.id);
    if (canAdminister(actor) || c.targets.some((t) => canReviewTeam(actor, t.datastore.team.id))) items.push(await toCampaignDto(db(), actor, c));
  }
  return { items };
}

export async function listCampaignEvents({ actor, id }: { actor: Actor; id: string }): Promise<CampaignEventList> {
  await getCampaign({ actor, id });
  const rows = await db().campaignEvent.findMany({ where: { campaignId: id }, orderBy: { seq: "asc" } });
  return { items: rows.map(toCampaignEventDto) };
}

/** The newest campaign a datastore is in, with its target there; whoever sees the datastore sees it. */
export async function getDatastoreCampaign({ actor, id }: { actor: Actor; id: string }): Promise<DatastoreCampaignDto> {
  const datastore = await findVisibleDatastore(db(), actor, id);
  const target = await db().campaignTarget.findFirst({
    where: { datastoreId: datastore.id },
    orderBy: { campaign: { createdAt: "desc" } },
    select: { campaignId: true },
  });
  if (!target) return { campaign: null };
  const dto = await toCampaignDto(db(), actor, await findCampaign(db(), target.campaignId));
  const mine = dto.waves.flatMap((w) => w.targets).find((t) => t.datastore.id === datastore.id);
  return mine ? { campaign: { id: dto.id, status: dto.status, release: dto.release, target: mine } } : { campaign: null };
}
