// Campaign rows: events with gap-free seqs (the audit trail), and the row → DTO allow-list with the actions the
// caller may take now.
import "server-only";
import {
  CampaignGateSchema,
  FINISHED_TARGET_STEPS,
  PreviewSummarySchema,
  type CampaignDto,
  type CampaignEventDto,
  type CampaignEventKind,
  type CampaignStatus,
  type CampaignTargetDto,
  type TargetStep,
} from "@/lib/schemas/campaign";
import type { Family } from "@/lib/schemas/plan";
import type { Actor } from "../auth/actor";
import { canAdminister, canReviewTeam } from "../auth/policy";
import { ALLOWED, conflict, forbidden, toAction, type Verdict } from "../auth/verdict";
import type { Tx } from "../db/client";
import { AppError } from "@/lib/errors";
import { toReleaseDto, currentReleaseId, storedImageIds } from "./releases";

export const CAMPAIGN_INCLUDE = {
  release: true,
  targets: {
    orderBy: [{ wave: "asc" as const }, { seq: "asc" as const }],
    include: { datastore: { select: { id: true, name: true, regions: true, team: { select: { id: true, slug: true, name: true, upgradeEarly: true } } } } },
  },
} satisfies NonNullable<Parameters<Tx["upgradeCampaign"]["findMany"]>[0]>["include"];

export type CampaignRow = Awaited<ReturnType<Tx["upgradeCampaign"]["findFirstOrThrow"]>>;
export type CampaignWithTargets = Awaited<ReturnType<typeof findCampaign>>;
export type TargetRow = CampaignWithTargets["targets"][number];

export async function findCampaign(tx: Tx, id: string) {
  const row = await tx.upgradeCampaign.findUnique({ where: { id }, include: CAMPAIGN_INCLUDE });
  if (!row) throw new AppError("not_found", `No campaign ${JSON.stringify(id.slice(0, 100))}.`);
  return row;
}

export const isFinishedStep = (step: string) => (FINISHED_TARGET_STEPS as readonly string[]).includes(step);
export const approvalRequiredFor = (tier: number) => tier <= 1;

/** Appends events with the next seqs of the campaign. */
export async function appendCampaignEvents(
  tx: Tx,
  campaignId: string,
  events: readonly { actor: string; kind: CampaignEventKind; message: string; targetId?: string | null; detail?: Record<string, unknown> }[],
): Promise<void> {
  if (events.length === 0) return;
  const last = await tx.campaignEvent.findFirst({ where: { campaignId }, orderBy: { seq: "desc" }, select: { seq: true } });
  let seq = last?.seq ?? 0;
  await tx.campaignEvent.createMany({
    data: events.map((e) => ({
      campaignId,
      seq: ++seq,
      actor: e.actor,
      kind: e.kind,
      message: e.message,
      targetId: e.targetId ?? null,
      ...(e.detail ? { detail: JSON.parse(JSON.stringify(e.detail)) } : {}),
    })),
  });
}

export function toCampaignEventDto(row: Awaited<ReturnType<Tx["campaignEvent"]["findFirstOrThrow"]>>): CampaignEventDto {
  return {
    seq: row.seq,
    at: row.at.toISOString(),
    actor: row.actor,
    kind: row.kind as CampaignEventKind,
    targetId: row.targetId,
    message: row.message,
    detail: row.detail && typeof row.detail === "object" && !Array.isArray(row.detail) ? (row.detail as Record<string, unknown>) : null,
  };
}

// ── Verdicts: what a person may do now (the DTO's actions and the commands share them) ──────────────────────────

const ADMIN_ONLY = "Only administrators run upgrade campaigns.";

export function campaignVerdict(actor: Actor, status: string, action: "start" | "pause" | "resume" | "abort"): Verdict {
  if (!canAdminister(actor)) return forbidden(ADMIN_ONLY);
  const allowedFrom: Record<typeof action, string[]> = {
    start: ["draft"],
    pause: ["running"],
    resume: ["paused", "halted"],
    abort: ["draft", "running", "paused", "halted"],
  };
  if (!allowedFrom[action].includes(status))
    return conflict(`The campaign is ${status}; it cannot be ${{ start: "started", pause: "paused", resume: "resumed", abort: "aborted" }[action]} now.`);
  return ALLOWED;
}

export function approveTargetVerdict(actor: Actor, status: string, t: Pick<TargetRow, "tier" | "step" | "approvedAt"> & { teamId: string }): Verdict {
  if (!canReviewTeam(actor, t.teamId)) return forbidden("Only a reviewer of the team (or a platform reviewer) approves a tier 0/1 upgrade.");
  if (!approvalRequiredFor(t.tier)) return conflict(`Tier ${t.tier} upgrades need no approval.`);
  if (t.approvedAt) return conflict("It is approved already.");
  if (isFinishedStep(t.step)) return conflict("Its upgrade is over.");
  if (status === "aborted" || status === "completed") return conflict(`The campaign is ${status}.`);
  return ALLOWED;
}

/** Per region, what a rollback launches; a target from before images were per region: its one image, in each region. */
function fromImagesOf(t: TargetRow): Record<string, string> {
  const map = storedImageIds(t.fromImageIds);
  if (Object.keys(map).length > 0 || t.fromImageId === null) return map;
  const regions = Array.isArray(t.datastore.regions) ? t.datastore.regions.filter((r): r is string => typeof r === "string") : [];
  return Object.fromEntries(regions.map((r) => [r, t.fromImageId ?? ""]));
}

function toTargetDto(actor: Actor, status: string, t: TargetRow): CampaignTargetDto {
  const preview = PreviewSummarySchema.safeParse(t.preview);
  const gate = CampaignGateSchema.safeParse(t.gate);
  return {
    id: t.id,
    datastore: { id: t.datastore.id, name: t.datastore.name },
    team: { id: t.datastore.team.id, slug: t.datastore.team.slug, name: t.datastore.team.name },
    upgradeEarly: t.datastore.team.upgradeEarly,
    tier: t.tier,
    wave: t.wave,
    seq: t.seq,
    fromVersion: t.fromVersion,
    fromImageIds: fromImagesOf(t),
    step: t.step as TargetStep,
    operationId: t.operationId,
    preview: preview.success ? preview.data : null,
    baselineRunId: t.baselineRunId,
    validationRunId: t.validationRunId,
    canaryZone: t.canaryZone,
    gate: gate.success ? gate.data : null,
    approvalRequired: approvalRequiredFor(t.tier),
    approvedBy: t.approvedBy,
    approvedAt: t.approvedAt?.toISOString() ?? null,
    error: t.error,
    startedAt: t.startedAt?.toISOString() ?? null,
    finishedAt: t.finishedAt?.toISOString() ?? null,
    actions: { approve: toAction(approveTargetVerdict(actor, status, { ...t, teamId: t.datastore.team.id })) },
  };
}

export async function toCampaignDto(tx: Tx, actor: Actor, row: CampaignWithTargets): Promise<CampaignDto> {
  const status = row.status as CampaignStatus;
  const targets = row.targets.map((t) => toTargetDto(actor, status, t));
  const waves = [...new Set(targets.map((t) => t.wave))].sort((a, b) => a - b);
  const current = row.targets.find((t) => !isFinishedStep(t.step) && t.step !== "pending");
  const count = (steps: string[]) => row.targets.filter((t) => steps.includes(t.step)).length;
  return {
    id: row.id,
    family: row.family as Family,
    release: toReleaseDto(row.release, await currentReleaseId(tx, row.family)),
    status,
    maxRegressionPct: row.maxRegressionPct,
    benchmarkDurationS: row.benchmarkDurationS,
    haltReason: row.haltReason,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
    current: current ? { targetId: current.id, datastoreName: current.datastore.name, step: current.step as TargetStep } : null,
    counts: {
      total: targets.length,
      done: count(["done"]),
      rolledBack: count(["rolled-back", "rolling-back"]),
      failed: count(["failed"]),
      skipped: count(["skipped"]),
      pending: count(["pending", "waiting-review"]),
    },
    waves: waves.map((wave) => {
      const of = targets.filter((t) => t.wave === wave);
      const tier = of[0]?.tier ?? 0;
      const required = approvalRequiredFor(tier);
      const open = of.filter((t) => t.actions.approve.allowed);
      const denial = of.find((t) => !t.actions.approve.allowed)?.actions.approve;
      return {
        wave,
        tier,
        approvalRequired: required,
        approved: !required || of.every((t) => t.approvedAt !== null),
        targets: of,
        actions: { approve: open.length > 0 ? { allowed: true } : (denial ?? { allowed: false, reason: "Nothing to approve.", code: "conflict" as const }) },
      };
    }),
    version: row.version,
    actions: {
      start: toAction(campaignVerdict(actor, status, "start")),
      pause: toAction(campaignVerdict(actor, status, "pause")),
      resume: toAction(campaignVerdict(actor, status, "resume")),
      abort: toAction(campaignVerdict(actor, status, "abort")),
    },
  };
}
