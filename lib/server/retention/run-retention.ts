// Retention: what the database forgets, so that it grows with the fleet and not with time. Run by the worker every
// RETENTION.everyMs (lib/server/provisioning/worker.ts); every step is an idempotent delete or conditional update, so
// several workers may run it at once.
//   - operation events: an operation keeps its full log while it is one of its datastore's newest
//     RETENTION.fullLogOperations and finished less than RETENTION.fullLogDays ago. After that it keeps its status
//     events (queued, running, the closing sentence) besides the summary, diff, outputs and error on the operation
//     itself; the engine's per-resource events go. Operations still queued or running are never touched.
//   - webhook deliveries that are over (delivered, or failed after their last attempt) RETENTION.webhookDeliveryDays
//     after they were queued; pending ones (held for a disabled webhook) stay;
//   - the fleet inventory's refresh jobs, gone nodes and resolved events (lib/server/fleet/fleet-retention.ts);
//   - idempotency records after the 24 hours a key is remembered; rate-limit windows long over; expired sessions and
//     verification tokens.
// The audit log is append-only and never pruned (README, "Storage and growth").
import "server-only";
import { TERMINAL_OPERATION_STATUSES } from "@/lib/schemas/operation";
import { db } from "../db/client";
import { IDEMPOTENCY_TTL_MS } from "../http/idempotency";
import { pruneFleet, type FleetRetentionResult } from "../fleet/fleet-retention";

const DAY_MS = 86_400_000;

export const RETENTION = {
  /** Operations per datastore whose every event is kept (the newest)… */
  fullLogOperations: 10,
  /** …for this long after they finished. */
  fullLogDays: 30,
  /** The longest rate-limit window is 15 minutes (failed API tokens); a row an hour past its last request is over. */
  rateLimitMs: 60 * 60_000,
  /** Operations pruned per transaction, and transactions per run: short write locks on SQLite. */
  batch: 200,
  maxBatches: 25,
  /** Webhook deliveries that are over stay in their subscription's log this long. */
  webhookDeliveryDays: 30,
  /** How often the worker runs it. */
  everyMs: 15 * 60_000,
} as const;

export interface RetentionResult {
  /** Operations whose engine events were removed, and how many events went. */
  prunedOperations: number;
  deletedEvents: number;
  idempotencyRecords: number;
  rateLimits: number;
  sessions: number;
  verifications: number;
  webhookDeliveries: number;
}

export type FullRetentionResult = RetentionResult & FleetRetentionResult;

export interface RetentionOptions {
  now?: Date;
  fullLogOperations?: number;
  fullLogDays?: number;
  webhookDeliveryDays?: number;
  batch?: number;
}

interface Candidates {
  ids: string[];
  /** Whether a full batch was read: there may be more. */
  more: boolean;
}

const isTerminal = (status: string) => (TERMINAL_OPERATION_STATUSES as readonly string[]).includes(status);

/** Operations beyond each datastore's newest `keep` whose events were not pruned yet, oldest first; finished ones only. */
async function beyondNewest(keep: number, limit: number): Promise<Candidates> {
  // A window function ranks each datastore's operations newest first; both databases run this SQL as written
  // (Prisma binds the parameters as each database wants them).
  const rows = await db().$queryRaw<{ id: string; status: string }[]>`
    SELECT "id", "status" FROM (
      SELECT "id", "status", "eventsPrunedAt", "createdAt",
             ROW_NUMBER() OVER (PARTITION BY "datastoreId" ORDER BY "createdAt" DESC, "id" DESC) AS "newness"
      FROM "operations"
    ) ranked
    WHERE "newness" > ${keep} AND "eventsPrunedAt" IS NULL
    ORDER BY "createdAt" ASC
    LIMIT ${limit}`;
  // One still queued or running (beyond the newest `keep` only when it is stuck) keeps its log.
  return { ids: rows.filter((r) => isTerminal(r.status)).map((r) => r.id), more: rows.length === limit };
}

/** Finished operations that ended before `cutoff` and still have their engine events. */
async function finishedBefore(cutoff: Date, limit: number): Promise<Candidates> {
  const rows = await db().operation.findMany({
    where: { eventsPrunedAt: null, status: { in: [...TERMINAL_OPERATION_STATUSES] }, finishedAt: { lt: cutoff } },
    select: { id: true },
    orderBy: [{ finishedAt: "asc" }, { id: "asc" }],
    take: limit,
  });
  return { ids: rows.map((r) => r.id), more: rows.length === limit };
}

async function pruneOperationEvents(now: Date, keep: number, days: number, batch: number): Promise<{ operations: number; events: number }> {
  const cutoff = new Date(now.getTime() - days * DAY_MS);
  let operations = 0;
  let events = 0;
  for (const find of [() => beyondNewest(keep, batch), () => finishedBefore(cutoff, batch)]) {
    for (let i = 0; i < RETENTION.maxBatches; i++) {
      const { ids, more } = await find();
      if (ids.length > 0) {
        events += await db().$transaction(async (tx) => {
          const { count } = await tx.operationEvent.deleteMany({ where: { operationId: { in: ids }, type: { not: "status" } } });
          await tx.operation.updateMany({ where: { id: { in: ids }, eventsPrunedAt: null }, data: { eventsPrunedAt: now } });
          return count;
        });
        operations += ids.length;
      }
      if (!more || ids.length === 0) break;
    }
  }
  return { operations, events };
}

/** Deliveries that are over (delivered, or failed for good) queued before `cutoff`, oldest first, a batch a transaction. */
async function pruneWebhookDeliveries(cutoff: Date, batch: number): Promise<number> {
  const over = { status: { in: ["delivered", "failed"] }, createdAt: { lt: cutoff } };
  let deleted = 0;
  for (let i = 0; i < RETENTION.maxBatches; i++) {
    const rows = await db().webhookDelivery.findMany({ where: over, select: { id: true }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], take: batch });
    if (rows.length === 0) break;
    // The status again: a redelivery may have made one pending since it was read.
    deleted += (await db().webhookDelivery.deleteMany({ where: { ...over, id: { in: rows.map((r) => r.id) } } })).count;
    if (rows.length < batch) break;
  }
  return deleted;
}

export async function runRetention(opts: RetentionOptions = {}): Promise<FullRetentionResult> {
  const now = opts.now ?? new Date();
  const pruned = await pruneOperationEvents(
    now,
    opts.fullLogOperations ?? RETENTION.fullLogOperations,
    opts.fullLogDays ?? RETENTION.fullLogDays,
    opts.batch ?? RETENTION.batch,
  );
  const idempotency = await db().idempotencyRecord.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - IDEMPOTENCY_TTL_MS) } } });
  const rateLimits = await db().rateLimit.deleteMany({ where: { lastRequest: { lt: BigInt(now.getTime() - RETENTION.rateLimitMs) } } });
  const sessions = await db().session.deleteMany({ where: { expiresAt: { lt: now } } });
  const verifications = await db().verification.deleteMany({ where: { expiresAt: { lt: now } } });
  const webhookDeliveries = await pruneWebhookDeliveries(
    new Date(now.getTime() - (opts.webhookDeliveryDays ?? RETENTION.webhookDeliveryDays) * DAY_MS),
    opts.batch ?? RETENTION.batch,
  );
  const fleet = await pruneFleet(now);
  return {
    ...fleet,
    prunedOperations: pruned.operations,
    deletedEvents: pruned.events,
    idempotencyRecords: idempotency.count,
    rateLimits: rateLimits.count,
    sessions: sessions.count,
    verifications: verifications.count,
    webhookDeliveries,
  };
}
