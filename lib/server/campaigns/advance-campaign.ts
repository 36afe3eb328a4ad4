// The campaign runner's one move: look at the campaign a worker holds the lease of and take every step that can be
// taken now, one datastore at a time in wave order — preview → baseline benchmark → canary (one zone on the new
// version) → validation benchmark → gate → rollout (the stack's up with the new version, then the other zones'
// nodes) → done; a failed gate halts the campaign and rolls the canary back (its zone on the old version).
//
// Crash safety: every transition is written in one transaction that also extends the lease (conditional on holding
// it) and queues the operation the new step waits on, storing its id — so a worker killed anywhere leaves either the
// old step (nothing was queued) or the new step with its operation, and the next holder of the lease waits on that
// same operation instead of queueing another. An operation interrupted by the crash is retried (a benchmark is run
// again); a finished step is never repeated.
import "server-only";
import type { CampaignGate } from "@/lib/schemas/campaign";
import { isTerminal, type OperationStatus } from "@/lib/schemas/operation";
import { db, type Tx } from "../db/client";
import { errorFields, log } from "../log";
import type { OperationRow } from "../provisioning/operation-rows";
import type { CampaignDeps } from "./campaign-deps";
import { appendCampaignEvents, approvalRequiredFor, findCampaign, isFinishedStep, type CampaignWithTargets, type TargetRow } from "./campaign-rows";
import { queueReleasePreview, queueRolloutUp, queueVersionReplace, ReleaseImageMissing, retryStepOperation } from "./campaign-steps";
import { isOnRelease, regionImagesOf } from "./releases";
import { summarisePreview } from "./preview-summary";
import { emitCampaignAwaitingReview, emitCampaignWebhook } from "./campaign-webhooks";
import { audit } from "../audit";
import { failureStreak, interruptedStreak, recordStepFailure, shortError, STEP_MAX_FAILURES, stepFailureReason } from "./step-failures";

const SYSTEM = "system";
/**
 * Growth below this is noise, not a regression: two calm runs of a local server on a shared 2-core machine differ by
 * up to a millisecond or two at p50 when other work shares the cores (a latency spike adds tens of ms).
 */
const GATE_NOISE_FLOOR_MS = 2;

export class CampaignLeaseLost extends Error {
  constructor() {
    super("The worker lost the campaign's lease.");
  }
}

export interface AdvanceContext {
  workerId: string;
  leaseMs: number;
  deps: CampaignDeps;
}

/** A transaction that first extends this worker's lease on the campaign; without the lease nothing is written. */
async function guarded<T>(ctx: AdvanceContext, campaignId: string, fn: (tx: Tx, c: CampaignWithTargets) => Promise<T>): Promise<T> {
  return db().$transaction(
    async (tx) => {
      const now = new Date();
      const { count } = await tx.upgradeCampaign.updateMany({
        where: { id: campaignId, leaseOwner: ctx.workerId, leaseExpiresAt: { gt: now } },
        data: { leaseExpiresAt: new Date(now.getTime() + ctx.leaseMs) },
      });
      if (count === 0) throw new CampaignLeaseLost();
      return fn(tx, await findCampaign(tx, campaignId));
    },
    { maxWait: 10_000, timeout: 15_000 },
  );
}

type Move = "moved" | "waiting";

async function operationOf(id: string | null): Promise<OperationRow | null> {
  return id ? db().operation.findUnique({ where: { id } }) : null;
}

const errorOf = (op: OperationRow) =>
  op.error && typeof op.error === "object" && "message" in op.error ? String((op.error as { message: unknown }).message) : `operation ${op.status}`;

/** Records a target's new step (and what it waits on) with its campaign event. */
async function setStep(
  tx: Tx,
  c: CampaignWithTargets,
  t: TargetRow,
  data: Partial<Pick<TargetRow, "step" | "operationId" | "baselineRunId" | "validationRunId" | "canaryZone" | "error" | "startedAt" | "finishedAt">> & {
    preview?: object;
    gate?: object;
  },
  event: { kind: "step-started" | "step-finished" | "gate" | "error"; message: string; detail?: Record<string, unknown> },
): Promise<void> {
  const { preview, gate, ...rest } = data;
  await tx.campaignTarget.update({
    where: { id: t.id },
    data: { ...rest, ...(preview ? { preview: JSON.parse(JSON.stringify(preview)) } : {}), ...(gate ? { gate: JSON.parse(JSON.stringify(gate)) } : {}) },
  });
  await appendCampaignEvents(tx, c.id, [{ actor: SYSTEM, targetId: t.id, ...event, message: `${t.datastore.name}: ${event.message}` }]);
}

/** The campaign halts because of target `t`: the event, the audit log and the teams' webhooks say why. */
async function halt(tx: Tx, c: CampaignWithTargets, t: TargetRow, reason: string, error: string | null = t.error): Promise<void> {
  if (c.status !== "running") return;
  await tx.upgradeCampaign.update({ where: { id: c.id }, data: { status: "halted", haltReason: reason, version: { increment: 1 } } });
  const culprit = { datastore: { id: t.datastore.id, name: t.datastore.name }, step: t.step, error };
  await appendCampaignEvents(tx, c.id, [{ actor: SYSTEM, kind: "halted", targetId: t.id, message: `Halted: ${reason}`, detail: culprit }]);
  await audit(tx, null, {
    action: "campaign.halted",
    subjectType: "settings",
    subjectId: c.id,
    detail: { from: "running", to: "halted", reason, datastoreId: t.datastoreId, step: t.step },
  });
  await emitCampaignWebhook(tx, "campaign.halted", c.id, { reason, ...culprit });
}

/** The step failed for good: the target fails and the campaign halts. */
async function fail(tx: Tx, c: CampaignWithTargets, t: TargetRow, why: string): Promise<void> {
  await setStep(tx, c, t, { step: "failed", error: why, finishedAt: new Date(), operationId: null }, { kind: "error", message: `${t.step} failed: ${why}` });
  await halt(tx, c, t, `${t.datastore.name}: ${t.step} failed: ${why}`, why);
}

/** The canary zone's nodes go back on the version the datastore came from; the campaign halts meanwhile. */
async function rollBack(tx: Tx, c: CampaignWithTargets, t: TargetRow, why: string): Promise<void> {
  const zone = t.canaryZone;
  const nodes = zone ? await tx.fleetNode.findMany({ where: { datastoreId: t.datastoreId, zone, goneAt: null }, select: { instanceId: true } }) : [];
  const op =
    nodes.length === 0
      ? null
      : await queueVersionReplace(tx, {
          datastoreId: t.datastoreId,
          instanceIds: nodes.map((n) => n.instanceId),
          engineVersion: t.fromVersion,
          why: `Rolling the canary zone ${zone ?? ""} back to ${t.fromVersion}`,
        });
  if (op === null || "rejected" in op) {
    await setStep(
      tx,
      c,
      t,
      { step: "rolled-back", error: why, operationId: null, finishedAt: new Date() },
      { kind: "step-finished", message: `nothing to roll back (${why})` },
    );
  } else {
    await setStep(
      tx,
      c,
      t,
      { step: "rolling-back", error: why, operationId: op.id },
      { kind: "step-started", message: `rolling the canary zone ${zone ?? ""} back to ${t.fromVersion}`, detail: { operationId: op.id } },
    );
  }
  await halt(tx, c, t, `${t.datastore.name}: ${why}`, why);
}

/** The zone upgraded first: the first zone (by name) of the first region holding nodes of the datastore. */
async function canaryZoneOf(tx: Tx, datastoreId: string): Promise<{ region: string; zone: string; zones: number } | null> {
  const nodes = await tx.fleetNode.findMany({
    where: { datastoreId, goneAt: null },
    select: { region: true, zone: true },
    orderBy: [{ region: "asc" }, { zone: "asc" }],
  });
  const first = nodes[0];
  if (!first) return null;
  return { region: first.region, zone: first.zone, zones: new Set(nodes.filter((n) => n.region === first.region).map((n) => n.zone)).size };
}

async function queueBench(tx: Tx, ctx: AdvanceContext, c: CampaignWithTargets, t: TargetRow, purpose: "baseline" | "validation") {
  const canary = await canaryZoneOf(tx, t.datastoreId);
  return ctx.deps.queueBenchmark(tx, {
    datastoreId: t.datastoreId,
    ...(canary ? { region: canary.region } : {}),
    purpose,
    campaignTargetId: t.id,
    label: purpose === "baseline" ? `baseline on ${t.fromVersion} before ${c.release.engineVersion}` : `validation of the ${c.release.engineVersion} canary`,
    // One zone's share of the region's traffic: what the canary zone serves.
    derive: { shareOfFleet: 1 / Math.max(1, canary?.zones ?? 3), durationS: c.benchmarkDurationS, warmupS: Math.min(5, Math.floor(c.benchmarkDurationS / 4)) },
    actorLabel: SYSTEM,
  });
}

/** The gate: the comparison of the two runs against the datastore's thresholds, and no alarm firing. */
export async function judgeGate(ctx: AdvanceContext, c: CampaignWithTargets, t: TargetRow): Promise<CampaignGate> {
  const at = new Date().toISOString();
  const alarms = await ctx.deps
    .firingAlarms(t.datastoreId)
    .catch((error: unknown) => [{ name: "(alarms unreadable)", state: String(error instanceof Error ? error.message : error) }]);
  const alarmCheck = {
    name: "alarms",
    ok: alarms.length === 0,
    detail: alarms.length === 0 ? "no alarm of the datastore is firing" : `firing: ${alarms.map((a) => a.name).join(", ")}`,
  };
  if (!t.baselineRunId || !t.validationRunId)
    return {
      verdict: "fail",
      reasons: ["a benchmark run is missing"],
      checks: [alarmCheck],
      ops: [],
      maxRegressionPct: c.maxRegressionPct,
      alarms,
      synthetic: false,
      at,
    };
  try {
    const cmp = await ctx.deps.compareBenchRuns(t.baselineRunId, t.validationRunId, {
      maxRegressionPct: c.maxRegressionPct,
      minRegressionMs: GATE_NOISE_FLOOR_MS,
    });
    const op = (name: "read" | "write", o: typeof cmp.comparison.reads, threshold: number | undefined) => ({
      op: name,
      baselineP99Ms: o?.percentiles.p99.baselineMs ?? null,
      validationP99Ms: o?.percentiles.p99.candidateMs ?? null,
      thresholdMs: threshold ?? null,
      regressionPct: o?.percentiles.p99.deltaPct ?? null,
    });
    const ops = [
      ...(cmp.comparison.reads ? [op("read", cmp.comparison.reads, cmp.thresholds.p99ReadMs)] : []),
      ...(cmp.comparison.writes ? [op("write", cmp.comparison.writes, cmp.thresholds.p99WriteMs)] : []),
    ];
    const pass = cmp.verdict === "pass" && alarmCheck.ok;
    const reasons = [...(cmp.verdict === "pass" ? [] : cmp.reasons), ...(alarmCheck.ok ? [] : [alarmCheck.detail])];
    return {
      verdict: pass ? "pass" : "fail",
      reasons: pass ? cmp.reasons : reasons,
      checks: [...cmp.comparison.checks.map((k) => ({ name: k.name, ok: k.status === "pass", detail: k.detail })), alarmCheck],
      ops,
      maxRegressionPct: c.maxRegressionPct,
      alarms,
      synthetic: cmp.synthetic,
      at,
    };
  } catch (error) {
    const reason = `the runs could not be compared: ${error instanceof Error ? error.message : String(error)}`;
    return { verdict: "fail", reasons: [reason], checks: [alarmCheck], ops: [], maxRegressionPct: c.maxRegressionPct, alarms, synthetic: false, at };
  }
}

/** One move on the target that is under way (or next). */
async function moveTarget(ctx: AdvanceContext, c: CampaignWithTargets, t: TargetRow): Promise<Move> {
  const op = await operationOf(t.operationId);
  const status = op?.status as OperationStatus | undefined;
  if (op && status && !isTerminal(status)) return "waiting";
  const release = c.release;

  switch (t.step) {
    case "pending":
    case "waiting-review": {
      if (approvalRequiredFor(t.tier) && !t.approvedAt) {
        if (t.step === "waiting-review") return "waiting";
        await guarded(ctx, c.id, async (tx, cc) => {
          await setStep(tx, cc, t, { step: "waiting-review" }, { kind: "step-started", message: `tier ${t.tier}: waiting for a reviewer's approval` });
          await emitCampaignAwaitingReview(tx, cc.id, t);
        });
        return "waiting";
      }
      await guarded(ctx, c.id, async (tx, cc) => {
        const d = await tx.datastore.findUniqueOrThrow({ where: { id: t.datastoreId }, select: { status: true } });
        if (d.status !== "active")
          return setStep(
            tx,
            cc,
            t,
            { step: "skipped", error: `the datastore is ${d.status}`, finishedAt: new Date() },
            { kind: "step-finished", message: `skipped: it is ${d.status}` },
          );
        // A region added since the campaign was created may have no image in the release: skipped, never launched
        // on another region's image.
        const preview = await queueReleasePreview(tx, t.datastoreId, release, null).catch((error: unknown) => {
          if (error instanceof ReleaseImageMissing) return error;
          throw error;
        });
        if (preview instanceof ReleaseImageMissing)
          return setStep(
            tx,
            cc,
            t,
            { step: "skipped", error: preview.message, finishedAt: new Date() },
            { kind: "step-finished", message: `skipped: ${preview.message}` },
          );
        await setStep(
          tx,
          cc,
          t,
          { step: "preview", operationId: preview.id, startedAt: new Date() },
          { kind: "step-started", message: `previewing ${release.engineVersion}`, detail: { operationId: preview.id } },
        );
      });
      return "moved";
    }
    case "preview": {
      if (!op) return guarded(ctx, c.id, (tx, cc) => fail(tx, cc, t, "its preview is gone")).then(() => "moved");
      await guarded(ctx, c.id, async (tx, cc) => {
        if (status === "interrupted") {
          const retry = await queueReleasePreview(tx, t.datastoreId, release, null);
          return setStep(
            tx,
            cc,
            t,
            { operationId: retry.id },
            { kind: "step-started", message: `the preview was interrupted; previewing again`, detail: { operationId: retry.id } },
          );
        }
        const summary = summarisePreview(op, t.fromVersion);
        if (status !== "succeeded") {
          await tx.campaignTarget.update({ where: { id: t.id }, data: { preview: JSON.parse(JSON.stringify(summary)) } });
          return fail(tx, cc, t, `the preview ${status}: ${errorOf(op)}`);
        }
        const run = await queueBench(tx, ctx, cc, t, "baseline");
        await setStep(
          tx,
          cc,
          t,
          { step: "baseline", preview: summary, operationId: run.operationId, baselineRunId: run.runId },
          {
            kind: "step-started",
            message: `preview done (${summary.lines.slice(1).join("; ") || "no changes"}); baseline benchmark on ${t.fromVersion}`,
            detail: { operationId: run.operationId, runId: run.runId },
          },
        );
      });
      return "moved";
    }
    case "baseline":
    case "validation": {
      const purpose = t.step;
      if (op && status !== "succeeded") {
        await guarded(ctx, c.id, async (tx, cc) => {
          if (status === "interrupted") {
            const run = await queueBench(tx, ctx, cc, t, purpose);
            return setStep(
              tx,
              cc,
              t,
              { operationId: run.operationId, ...(purpose === "baseline" ? { baselineRunId: run.runId } : { validationRunId: run.runId }) },
              {
                kind: "step-started",
                message: `the ${purpose} benchmark was interrupted; running it again`,
                detail: { operationId: run.operationId, runId: run.runId },
              },
            );
          }
          if (purpose === "validation") return rollBack(tx, cc, t, `the validation benchmark ${status}: ${errorOf(op)}`);
          return fail(tx, cc, t, `the baseline benchmark ${status}: ${errorOf(op)}`);
        });
        return "moved";
      }
      if (purpose === "validation") {
        // Recorded before judging: a worker that dies while judging judges again, it never re-runs the benchmarks.
        await guarded(ctx, c.id, (tx, cc) =>
          setStep(tx, cc, t, { step: "gate", operationId: null }, { kind: "step-started", message: "validation benchmark done; judging the gate" }),
        );
        return "moved";
      }
      const canary = await canaryZoneOf(db(), t.datastoreId);
      await guarded(ctx, c.id, async (tx, cc) => {
        if (!canary) return fail(tx, cc, t, "the inventory holds no node of it (refresh the fleet inventory)");
        const nodes = await tx.fleetNode.findMany({ where: { datastoreId: t.datastoreId, zone: canary.zone, goneAt: null }, select: { instanceId: true } });
        const replace = await queueVersionReplace(tx, {
          datastoreId: t.datastoreId,
          instanceIds: nodes.map((n) => n.instanceId),
          engineVersion: release.engineVersion,
          why: `Canary of ${release.engineVersion} in ${canary.zone}`,
        });
        if ("rejected" in replace) return fail(tx, cc, t, `the canary could not be planned: ${replace.rejected}`);
        await setStep(
          tx,
          cc,
          t,
          { step: "canary", canaryZone: canary.zone, operationId: replace.id },
          {
            kind: "step-started",
            message: `baseline done; canary: ${nodes.length} node${nodes.length === 1 ? "" : "s"} of ${canary.zone} on ${release.engineVersion}`,
            detail: { operationId: replace.id, zone: canary.zone },
          },
        );
      });
      return "moved";
    }
    case "canary": {
      if (!op) return guarded(ctx, c.id, (tx, cc) => rollBack(tx, cc, t, "the canary's replacement is gone")).then(() => "moved");
      await guarded(ctx, c.id, async (tx, cc) => {
        if (status === "interrupted") {
          const retry = await retryStepOperation(tx, op);
          return setStep(
            tx,
            cc,
            t,
            { operationId: retry.id },
            { kind: "step-started", message: "the canary's replacement was interrupted; resuming it", detail: { operationId: retry.id } },
          );
        }
        if (status !== "succeeded") return rollBack(tx, cc, t, `the canary's replacement ${status}: ${errorOf(op)}`);
        const run = await queueBench(tx, ctx, cc, t, "validation");
        await setStep(
          tx,
          cc,
          t,
          { step: "validation", operationId: run.operationId, validationRunId: run.runId },
          {
            kind: "step-started",
            message: `canary in ${t.canaryZone ?? "?"} on ${release.engineVersion}; validation benchmark`,
            detail: { operationId: run.operationId, runId: run.runId },
          },
        );
      });
      return "moved";
    }
    case "gate": {
      const gate = await judgeGate(ctx, c, t);
      await guarded(ctx, c.id, async (tx, cc) => {
        const now = await tx.campaignTarget.findUniqueOrThrow({ where: { id: t.id }, select: { step: true } });
        if (now.step !== "gate") return;
        await tx.campaignTarget.update({ where: { id: t.id }, data: { gate: JSON.parse(JSON.stringify(gate)) } });
        await appendCampaignEvents(tx, cc.id, [
          {
            actor: SYSTEM,
            kind: "gate",
            targetId: t.id,
            message: `${t.datastore.name}: gate ${gate.verdict === "pass" ? "passed" : "failed"}: ${gate.reasons.join("; ")}`,
            detail: { verdict: gate.verdict, reasons: gate.reasons },
          },
        ]);
        if (gate.verdict === "fail") return rollBack(tx, cc, t, `the gate failed: ${gate.reasons.join("; ")}`);
        const preview =
          t.preview && typeof t.preview === "object" && "operationId" in t.preview ? String((t.preview as { operationId: unknown }).operationId) : null;
        const previewOp = preview ? await tx.operation.findUnique({ where: { id: preview } }) : null;
        if (!previewOp) return rollBack(tx, cc, t, "its preview is gone, so the rollout has nothing to confirm");
        const up = await queueRolloutUp(tx, previewOp);
        await setStep(
          tx,
          cc,
          t,
          { step: "rollout", operationId: up.id },
          { kind: "step-started", message: `gate passed; rolling out: the stack's up with ${release.engineVersion}`, detail: { operationId: up.id } },
        );
      });
      return "moved";
    }
    case "rollout": {
      if (!op) return guarded(ctx, c.id, (tx, cc) => fail(tx, cc, t, "its rollout operation is gone")).then(() => "moved");
      await guarded(ctx, c.id, async (tx, cc) => {
        if (status === "interrupted") {
          const retry = await retryStepOperation(tx, op);
          return setStep(
            tx,
            cc,
            t,
            { operationId: retry.id },
            { kind: "step-started", message: `the rollout's ${op.kind} was interrupted; resuming it`, detail: { operationId: retry.id } },
          );
        }
        if (status !== "succeeded") {
          if (op.kind === "up") return rollBack(tx, cc, t, `the rollout's up ${status}: ${errorOf(op)}`);
          return fail(tx, cc, t, `the rollout's replacement ${status}: ${errorOf(op)}`);
        }
        if (op.kind === "up") {
          // The nodes not on the release: another engine version, or not the release's image for their region.
          const images = regionImagesOf(release);
          const rest = (
            await tx.fleetNode.findMany({
              where: { datastoreId: t.datastoreId, goneAt: null },
              select: { instanceId: true, region: true, engineVersion: true, imageId: true },
            })
          ).filter((n) => !isOnRelease(release, images, n));
          if (rest.length > 0) {
            const replace = await queueVersionReplace(tx, {
              datastoreId: t.datastoreId,
              instanceIds: rest.map((n) => n.instanceId),
              engineVersion: release.engineVersion,
              why: `Rollout of ${release.engineVersion} to the remaining zones`,
            });
            if ("rejected" in replace) return fail(tx, cc, t, `the rollout could not be planned: ${replace.rejected}`);
            return setStep(
              tx,
              cc,
              t,
              { operationId: replace.id },
              {
                kind: "step-started",
                message: `the stack is on ${release.engineVersion}; replacing the other ${rest.length} nodes`,
                detail: { operationId: replace.id },
              },
            );
          }
        }
        await setStep(
          tx,
          cc,
          t,
          { step: "done", operationId: null, finishedAt: new Date() },
          { kind: "step-finished", message: `on ${release.engineVersion}` },
        );
      });
      return "moved";
    }
    default:
      return "waiting";
  }
}

/** A rollback in flight (whatever the campaign's status: a halted campaign still finishes rolling its canary back). */
async function moveRollback(ctx: AdvanceContext, c: CampaignWithTargets, t: TargetRow): Promise<Move> {
  const op = await operationOf(t.operationId);
  if (op && !isTerminal(op.status as OperationStatus)) return "waiting";
  await guarded(ctx, c.id, async (tx, cc) => {
    if (op?.status === "interrupted") {
      const retry = await retryStepOperation(tx, op);
      return setStep(
        tx,
        cc,
        t,
        { operationId: retry.id },
        { kind: "step-started", message: "the rollback was interrupted; resuming it", detail: { operationId: retry.id } },
      );
    }
    if (op && op.status !== "succeeded")
      return setStep(
        tx,
        cc,
        t,
        { step: "failed", finishedAt: new Date(), error: `${t.error ?? ""}; the rollback ${op.status}: ${errorOf(op)}` },
        { kind: "error", message: `the rollback ${op.status}` },
      );
    await setStep(
      tx,
      cc,
      t,
      { step: "rolled-back", operationId: null, finishedAt: new Date() },
      { kind: "step-finished", message: `the canary zone ${t.canaryZone ?? ""} is back on ${t.fromVersion}` },
    );
  });
  return "moved";
}

/**
 * The step failed too often to try again: the campaign halts with `reason`; a rollback (the campaign halted already)
 * fails its target, which leaves the canary zone as it is for a person to look at.
 */
async function giveUp(tx: Tx, c: CampaignWithTargets, t: TargetRow, reason: string, error: string): Promise<void> {
  if (t.step !== "rolling-back") return halt(tx, c, t, reason, error);
  await setStep(
    tx,
    c,
    t,
    { step: "failed", finishedAt: new Date(), operationId: null, error: `${t.error ?? ""}; the rollback could not go on: ${error}` },
    { kind: "error", message: `the rollback could not go on (${reason}); the canary zone is left as it is` },
  );
}

/**
 * An operation the step waits on that was interrupted (its worker died) is retried by the step — but not forever: the
 * STEP_MAX_FAILURES-th interruption in a row gives up. Returns true when it did.
 */
async function interruptedTooOften(ctx: AdvanceContext, c: CampaignWithTargets, t: TargetRow): Promise<boolean> {
  const op = await operationOf(t.operationId);
  if (op?.status !== "interrupted") return false;
  const count = await interruptedStreak(db(), c.id, op);
  if (count < STEP_MAX_FAILURES) return false;
  const error = shortError(`its ${op.kind} operation was interrupted ${count} times in a row (the last: ${errorOf(op)})`);
  await guarded(ctx, c.id, async (tx, cc) => {
    const now = cc.targets.find((x) => x.id === t.id);
    if (now?.step === t.step && now.operationId === op.id) await giveUp(tx, cc, now, `${t.datastore.name}: the ${t.step} step failed: ${error}`, error);
  });
  return true;
}

/**
 * A step threw: recorded as a failure of the target's step (with the backoff before the next attempt); the
 * STEP_MAX_FAILURES-th in a row halts the campaign — or, for a rollback (the campaign halted already), fails the
 * target, so that nothing is retried forever.
 */
async function stepFailed(ctx: AdvanceContext, campaignId: string, t: TargetRow, error: unknown): Promise<void> {
  const message = shortError(error instanceof Error ? error.message : String(error));
  log.error("a campaign step failed", { campaignId, targetId: t.id, step: t.step, error: errorFields(error) });
  try {
    await guarded(ctx, campaignId, async (tx, cc) => {
      const now = cc.targets.find((x) => x.id === t.id);
      if (!now || now.step !== t.step) return; // it moved on meanwhile
      const streak = await recordStepFailure(tx, cc, now, message, ctx.deps.stepRetryMs);
      if (streak.count >= STEP_MAX_FAILURES) await giveUp(tx, cc, now, stepFailureReason(now.datastore.name, now.step, message), message);
    });
  } catch (recording) {
    if (recording instanceof CampaignLeaseLost) throw recording;
    log.error("a campaign step's failure could not be recorded", { campaignId, targetId: t.id, error: errorFields(recording) });
  }
}

/**
 * Takes every step that can be taken now. Returns true when something moved (look again soon), false when the
 * campaign waits (on an operation, a reviewer, a person) or is over.
 */
export async function advanceCampaign(ctx: AdvanceContext, campaignId: string): Promise<boolean> {
  let moved = false;
  for (let i = 0; i < 50; i++) {
    const c = await findCampaign(db(), campaignId);
    const rolling = c.targets.find((t) => t.step === "rolling-back");
    const next = rolling ?? (c.status === "running" ? c.targets.find((t) => !isFinishedStep(t.step)) : undefined);
    if (!rolling && c.status !== "running") return moved;
    if (next) {
      // A step that failed waits out its backoff (read from its events: a restarted worker waits too).
      const streak = await failureStreak(db(), c.id, next.id, next.step);
      if (streak.retryAt && streak.retryAt.getTime() > Date.now()) return moved;
    }
    if (!next) {
      await guarded(ctx, c.id, async (tx, cc) => {
        if (cc.status !== "running") return;
        await tx.upgradeCampaign.update({ where: { id: cc.id }, data: { status: "completed", finishedAt: new Date(), version: { increment: 1 } } });
        const done = cc.targets.filter((t) => t.step === "done").length;
        await appendCampaignEvents(tx, cc.id, [
          { actor: SYSTEM, kind: "completed", message: `Completed: ${done} of ${cc.targets.length} datastores on ${cc.release.engineVersion}.` },
        ]);
        await emitCampaignWebhook(tx, "campaign.completed", cc.id);
      });
      return true;
    }
    let move: Move;
    try {
      if (await interruptedTooOften(ctx, c, next)) {
        moved = true;
        continue;
      }
      move = rolling ? await moveRollback(ctx, c, rolling) : await moveTarget(ctx, c, next);
    } catch (error) {
      if (error instanceof CampaignLeaseLost) throw error;
      await stepFailed(ctx, campaignId, next, error);
      return moved;
    }
    if (move === "waiting") return moved;
    moved = true;
  }
  return moved;
}
