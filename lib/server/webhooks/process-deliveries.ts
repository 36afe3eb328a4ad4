// The delivery side of the queue: claims due deliveries with a lease (a conditional update, so any number of workers
// may share the database), attempts each, and records the outcome under the lease it holds. A delivery whose worker
// died mid-attempt is claimed again once its lease has expired: at-least-once, the same webhook-id every time.
import "server-only";
import { env } from "@/lib/env";
import { audit } from "../audit";
import { db } from "../db/client";
import { errorFields, log } from "../log";
import { RETRY_POLICY, retryDelayMs } from "./backoff";
import { sendWebhook, type AttemptResult } from "./send-webhook";
import { openWebhookSecret, signedHeaders } from "./signing";
import { defaultTargetPolicy, type TargetPolicy } from "./target";
import { loopPacing } from "../loop-pacing";

export interface DeliveryOptions {
  workerId: string;
  /** Deadline of one attempt; default WEBHOOK_TIMEOUT_SECONDS. */
  timeoutMs?: number;
  /** Failed attempts in a row that disable a subscription; default WEBHOOK_FAILURE_LIMIT. */
  failureLimit?: number;
  /** Attempts of one delivery before it is given up (failed); default 8. */
  maxAttempts?: number;
  /** Delay before the next attempt after `failedAttempts` failures; default exponential with jitter (backoff.ts). */
  retryDelayMs?: (failedAttempts: number) => number;
  policy?: TargetPolicy;
}

type Claimed = NonNullable<Awaited<ReturnType<typeof claimOne>>>;

/** A lease lasts the attempt's deadline and a margin for recording its outcome. */
const leaseMsOf = (timeoutMs: number) => timeoutMs + 30_000;

const due = (now: Date) => ({
  OR: [
    { status: "pending", nextAttemptAt: { lte: now } },
    // Claimed by a worker that has not recorded an outcome within its lease: it died or lost the database.
    { status: "delivering", leaseExpiresAt: { lt: now } },
  ],
  subscription: { enabled: true },
});

async function claimOne(id: string, workerId: string, leaseMs: number) {
  const now = new Date();
  const { count } = await db().webhookDelivery.updateMany({
    where: { id, ...due(now) },
    data: { status: "delivering", leaseOwner: workerId, leaseExpiresAt: new Date(now.getTime() + leaseMs), attempts: { increment: 1 }, lastAttemptAt: now },
  });
  if (count === 0) return null;
  return db().webhookDelivery.findUnique({ where: { id }, include: { subscription: { select: { id: true, url: true, secretCipher: true, teamId: true } } } });
}

/** Claims up to `limit` due deliveries, oldest due first. */
export async function claimDeliveries(workerId: string, limit: number, timeoutMs: number): Promise<Claimed[]> {
  const candidates = await db().webhookDelivery.findMany({
    where: due(new Date()),
    orderBy: [{ nextAttemptAt: "asc" }, { id: "asc" }],
    select: { id: true },
    take: limit,
  });
  const claimed: Claimed[] = [];
  for (const { id } of candidates) {
    const row = await claimOne(id, workerId, leaseMsOf(timeoutMs));
    if (row) claimed.push(row);
  }
  return claimed;
}

/** Attempts one claimed delivery and records what happened. */
export async function attemptDelivery(delivery: Claimed, opts: DeliveryOptions): Promise<AttemptResult> {
  const maxAttempts = opts.maxAttempts ?? RETRY_POLICY.maxAttempts;
  const timeoutMs = opts.timeoutMs ?? env.WEBHOOK_TIMEOUT_SECONDS * 1000;
  const secret = openWebhookSecret(delivery.subscription.id, delivery.subscription.secretCipher);
  let result: AttemptResult;
  if (delivery.attempts > maxAttempts) {
    // Recovered from a dead worker after its last attempt: nothing left to try.
    result = { ok: false, statusCode: null, latencyMs: 0, error: "the worker delivering it stopped during the last attempt", responseExcerpt: null };
  } else if (secret === null) {
    result = {
      ok: false,
      statusCode: null,
      latencyMs: 0,
      error: "the signing secret cannot be read (the portal's auth secret changed); rotate it",
      responseExcerpt: null,
    };
  } else {
    result = await sendWebhook({
      url: delivery.subscription.url,
      headers: { ...signedHeaders(secret, delivery.webhookId, delivery.payload) },
      body: delivery.payload,
      timeoutMs,
      policy: opts.policy ?? defaultTargetPolicy(),
    });
  }
  await recordOutcome(delivery, result, opts, maxAttempts);
  return result;
}

async function recordOutcome(delivery: Claimed, result: AttemptResult, opts: DeliveryOptions, maxAttempts: number): Promise<void> {
  const now = new Date();
  const giveUp = !result.ok && delivery.attempts >= maxAttempts;
  const nextDelay = result.ok || giveUp ? null : (opts.retryDelayMs ?? retryDelayMs)(Math.max(1, delivery.attempts));
  const failureLimit = opts.failureLimit ?? env.WEBHOOK_FAILURE_LIMIT;
  await db().$transaction(async (tx) => {
    const { count } = await tx.webhookDelivery.updateMany({
      where: { id: delivery.id, status: "delivering", leaseOwner: opts.workerId },
      data: {
        status: result.ok ? "delivered" : giveUp ? "failed" : "pending",
        nextAttemptAt: nextDelay === null ? null : new Date(now.getTime() + nextDelay),
        leaseOwner: null,
        leaseExpiresAt: null,
        lastStatusCode: result.statusCode,
        lastLatencyMs: result.latencyMs,
        lastError: result.error?.slice(0, 500) ?? null,
        responseExcerpt: result.responseExcerpt,
        ...(result.ok ? { deliveredAt: now } : {}),
      },
    });
    // The lease expired and another worker took the delivery over: its outcome is the one that counts.
    if (count === 0) return;
    const sub = delivery.subscription;
    if (result.ok) {
      await tx.webhookSubscription.updateMany({ where: { id: sub.id, failureCount: { gt: 0 } }, data: { failureCount: 0 } });
      return;
    }
    const updated = await tx.webhookSubscription.update({
      where: { id: sub.id },
      data: { failureCount: { increment: 1 } },
      select: { failureCount: true, enabled: true },
    });
    if (updated.enabled && updated.failureCount >= failureLimit) {
      await tx.webhookSubscription.update({
        where: { id: sub.id },
        data: { enabled: false, disabledReason: "failures", disabledAt: now, version: { increment: 1 } },
      });
      await audit(tx, null, {
        action: "webhook.disabled",
        subjectType: "webhook",
        subjectId: sub.id,
        teamId: sub.teamId,
        detail: { reason: "failures", failureCount: updated.failureCount, lastError: result.error, deliveryId: delivery.id },
      });
      log.warn("webhook disabled after repeated failed deliveries", { subscriptionId: sub.id, failureCount: updated.failureCount, lastError: result.error });
    }
  });
}

export interface WebhookLoopOptions extends Omit<DeliveryOptions, "workerId"> {
  /** How often to look for due deliveries when idle; default 500 ms. */
  pollMs?: number;
  /** Attempts in flight at once; default 4. */
  concurrency?: number;
}

export interface WebhookLoop {
  stop(): Promise<void>;
  /** Resolves once nothing is in flight and nothing was due. */
  idle(): Promise<void>;
}

/** The worker's sibling loop for deliveries: claims due ones while fewer than `concurrency` are in flight. */
export function startWebhookLoop(workerId: string, options: WebhookLoopOptions = {}): WebhookLoop {
  const pollMs = options.pollMs ?? 500;
  const concurrency = options.concurrency ?? 4;
  const timeoutMs = options.timeoutMs ?? env.WEBHOOK_TIMEOUT_SECONDS * 1000;
  const inFlight = new Set<Promise<void>>();
  let stopping = false;
  const pacing = loopPacing();

  const loop = (async () => {
    while (!stopping) {
      let claimed = 0;
      try {
        const free = concurrency - inFlight.size;
        if (free > 0) {
          const batch = await claimDeliveries(workerId, free, timeoutMs);
          claimed = batch.length;
          for (const delivery of batch) {
            const run: Promise<void> = attemptDelivery(delivery, { ...options, workerId, timeoutMs })
              .then(() => undefined)
              .catch((error: unknown) => log.error("webhook delivery failed to record", { deliveryId: delivery.id, error: errorFields(error) }))
              .finally(() => {
                inFlight.delete(run);
                pacing.wake();
              });
            inFlight.add(run);
          }
        }
      } catch (error) {
        log.error("webhook loop failed; retrying", { workerId, error: errorFields(error) });
      }
      if (claimed === 0 && inFlight.size === 0) pacing.settled();
      // A full batch may mean more are due: look again at once.
      if (!stopping && (claimed === 0 || inFlight.size >= concurrency)) await pacing.nap(pollMs);
    }
  })();

  return {
    idle: pacing.idle,
    async stop() {
      stopping = true;
      pacing.wake();
      await loop;
      // An attempt in flight finishes (each has its deadline); an abandoned one would be retried after its lease.
      await Promise.all(inFlight);
      pacing.settled();
    },
  };
}
