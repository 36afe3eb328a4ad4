// A campaign step that throws (the database refused a write, a benchmark could not be queued, a bug) is tried again,
// but not forever: each failure is an 'error' campaign event of the target (detail.retry marks it), the next attempt
// waits a backoff that doubles, and the STEP_MAX_FAILURES-th failure in a row halts the campaign naming the datastore,
// the step and the last error. The streak is read back from the events, so a worker that restarts (or another one
// taking the lease) goes on counting where the last one stopped; any other event of the target (the step moved on) or
// of the campaign being started or resumed ends it — a resume after fixing the cause starts the count afresh.
import "server-only";
import type { Tx } from "../db/client";
import { appendCampaignEvents } from "./campaign-rows";

/** Failures in a row of one target's step before the campaign halts. */
export const STEP_MAX_FAILURES = 5;
/** The wait before the second attempt; it doubles with each failure (2 s, 4 s, 8 s, 16 s), up to STEP_RETRY_CAP_MS. */
export const STEP_RETRY_BASE_MS = 2_000;
const STEP_RETRY_CAP_MS = 60_000;
/** The events looked at to read a streak: more than a streak can hold, with room for other targets' rollbacks. */
const STREAK_WINDOW = 4 * STEP_MAX_FAILURES;

export interface FailureStreak {
  /** Failures in a row of this step (0: none since it started, or since the campaign was resumed). */
  count: number;
  /** Not before this may the step be tried again (null: now). */
  retryAt: Date | null;
}

/** An error as people read it in the events and the halt reason: one line, at most MAX_ERROR_CHARS. */
const MAX_ERROR_CHARS = 300;
export function shortError(message: string): string {
  const line = message.replace(/\s+/g, " ").trim();
  return line.length > MAX_ERROR_CHARS ? `${line.slice(0, MAX_ERROR_CHARS - 1)}…` : line || "an error without a message";
}

export function stepRetryDelayMs(failures: number, baseMs = STEP_RETRY_BASE_MS): number {
  return Math.min(STEP_RETRY_CAP_MS, baseMs * 2 ** Math.max(0, failures - 1));
}

interface RetryDetail {
  retry: true;
  step: string;
  failures: number;
  retryAt: string;
}

function retryDetail(detail: unknown): RetryDetail | null {
  if (!detail || typeof detail !== "object" || !("retry" in detail) || (detail as { retry: unknown }).retry !== true) return null;
  const d = detail as Partial<RetryDetail>;
  return typeof d.step === "string" && typeof d.retryAt === "string" ? (d as RetryDetail) : null;
}

/** The failures in a row of `step` of the target, newest first, up to the first event that ends the streak. */
export async function failureStreak(tx: Tx, campaignId: string, targetId: string, step: string): Promise<FailureStreak> {
  const events = await tx.campaignEvent.findMany({
    where: { campaignId, OR: [{ targetId }, { kind: { in: ["started", "resumed"] } }] },
    orderBy: { seq: "desc" },
    take: STREAK_WINDOW,
    select: { kind: true, detail: true },
  });
  let count = 0;
  let retryAt: Date | null = null;
  for (const e of events) {
    const retry = e.kind === "error" ? retryDetail(e.detail) : null;
    if (!retry || retry.step !== step) break;
    if (count === 0) retryAt = new Date(retry.retryAt);
    count++;
  }
  return { count, retryAt };
}

/**
 * Records one more failure of the target's step, in the caller's transaction; returns the streak with it. The caller
 * halts the campaign when the count reaches STEP_MAX_FAILURES.
 */
export async function recordStepFailure(
  tx: Tx,
  c: { id: string },
  t: { id: string; step: string; datastore: { name: string } },
  error: string,
  baseMs = STEP_RETRY_BASE_MS,
): Promise<FailureStreak> {
  error = shortError(error);
  const before = await failureStreak(tx, c.id, t.id, t.step);
  const count = before.count + 1;
  const retryInMs = stepRetryDelayMs(count, baseMs);
  const retryAt = new Date(Date.now() + retryInMs);
  const last = count >= STEP_MAX_FAILURES;
  await appendCampaignEvents(tx, c.id, [
    {
      actor: "system",
      kind: "error",
      targetId: t.id,
      message: `${t.datastore.name}: the ${t.step} step failed (${count} of ${STEP_MAX_FAILURES}): ${error}${
        last ? "" : `; trying again in ${Math.round(retryInMs / 100) / 10} s`
      }`,
      detail: { retry: true, step: t.step, failures: count, retryAt: retryAt.toISOString(), retryInMs, error } satisfies RetryDetail & {
        retryInMs: number;
        error: string;
      },
    },
  ]);
  return { count, retryAt };
}

/**
 * How many times in a row the operation a step waits on was interrupted (its worker died): the newest operations of
 * that kind on the datastore since the campaign was last started or resumed, counted while interrupted. A step's
 * operations on one datastore come one after another, so these are the step's own retries.
 */
export async function interruptedStreak(tx: Tx, campaignId: string, op: { datastoreId: string; kind: string }): Promise<number> {
  const since = await tx.campaignEvent.findFirst({
    where: { campaignId, kind: { in: ["started", "resumed"] } },
    orderBy: { seq: "desc" },
    select: { at: true },
  });
  const ops = await tx.operation.findMany({
    where: { datastoreId: op.datastoreId, kind: op.kind, ...(since ? { createdAt: { gte: since.at } } : {}) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: STEP_MAX_FAILURES,
    select: { status: true },
  });
  let count = 0;
  for (const o of ops) {
    if (o.status !== "interrupted") break;
    count++;
  }
  return count;
}

export const stepFailureReason = (datastoreName: string, step: string, error: string) =>
  `${datastoreName}: the ${step} step failed ${STEP_MAX_FAILURES} times in a row; the last error: ${error}`;
