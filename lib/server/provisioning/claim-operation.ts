// Claims the next runnable operation for a worker: the oldest queued operation whose datastore runs nothing and
// which is the oldest queued operation of its datastore (a datastore's operations run in the order they were
// queued). An operation placed in a maintenance window (notBefore in the future) or awaiting a reviewer's approval
// is not runnable and holds nobody up: the datastore's other operations run past it. Two conditional updates in one transaction make the claim atomic whichever worker, process or machine
// races for it: the datastore's lock (lockOperationId null → this operation) and the operation (queued → running).
import "server-only";
import { databaseTarget, db, type Tx } from "../db/client";
import { appendEvents, type OperationRow } from "./operation-rows";

export interface ClaimOptions {
  workerId: string;
  /** How long the claim lasts without a heartbeat. */
  leaseMs: number;
}

/** A claim lost to another worker between choosing a candidate and updating it: roll back, try the next. */
class LostRace extends Error {}

/** The datastore's status while an operation runs: the first provisioning and a decommission show on it. */
function statusAtStart(op: Pick<OperationRow, "kind" | "purpose">): string | undefined {
  if (op.kind === "up" && op.purpose === "provision") return "provisioning";
  if (op.kind === "destroy" && op.purpose === "decommission") return "decommissioning";
  return undefined;
}

/**
 * Queued operations that may run now, oldest first. PostgreSQL locks the rows it returns and skips those another
 * claimer holds (FOR UPDATE SKIP LOCKED), so concurrent workers spread over different operations instead of
 * queueing behind one; SQLite serialises writers anyway and needs no row locks.
 */
async function candidates(tx: Tx, limit: number): Promise<string[]> {
  const now = new Date();
  if (databaseTarget.kind === "postgres") {
    const rows = await tx.$queryRaw<{ id: string }[]>`
      SELECT o."id" FROM "operations" o
      JOIN "datastores" d ON d."id" = o."datastoreId"
      WHERE o."status" = 'queued' AND d."lockOperationId" IS NULL
        AND (o."notBefore" IS NULL OR o."notBefore" <= ${now})
        AND (o."approvalRequired" = false OR o."approvedAt" IS NOT NULL)
        AND NOT EXISTS (
          SELECT 1 FROM "operations" p
          WHERE p."datastoreId" = o."datastoreId" AND p."status" = 'queued'
            AND (p."notBefore" IS NULL OR p."notBefore" <= ${now})
            AND (p."approvalRequired" = false OR p."approvedAt" IS NOT NULL)
            AND (p."createdAt" < o."createdAt" OR (p."createdAt" = o."createdAt" AND p."id" < o."id")))
      ORDER BY o."createdAt", o."id"
      LIMIT ${limit}
      FOR UPDATE OF o SKIP LOCKED`;
    return rows.map((r) => r.id);
  }
  // Only datastores that run nothing; in createdAt order the first op seen of one is its oldest queued, the only
  // one of it that may run (so the very first row is always runnable).
  const queued = await tx.operation.findMany({
    where: { status: "queued", datastore: { lockOperationId: null }, ...runnableNow(now) },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, datastoreId: true },
    take: limit * 20,
  });
  const seen = new Set<string>();
  const ids: string[] = [];
  for (const op of queued) {
    if (seen.has(op.datastoreId)) continue;
    seen.add(op.datastoreId);
    ids.push(op.id);
    if (ids.length === limit) break;
  }
  return ids;
}

/** Not waiting for its window or for a reviewer. */
export function runnableNow(now: Date) {
  return {
    AND: [{ OR: [{ notBefore: null }, { notBefore: { lte: now } }] }, { OR: [{ approvalRequired: false }, { approvedAt: { not: null } }] }],
  };
}

async function tryClaim(tx: Tx, id: string, { workerId, leaseMs }: ClaimOptions): Promise<OperationRow> {
  const op = await tx.operation.findUnique({ where: { id } });
  if (op?.status !== "queued") throw new LostRace();
  // Re-checked on the row read in this transaction: a window moved or an approval withdrawn since the candidates.
  if ((op.notBefore && op.notBefore > new Date()) || (op.approvalRequired && !op.approvedAt)) throw new LostRace();
  const status = statusAtStart(op);
  const locked = await tx.datastore.updateMany({
    where: { id: op.datastoreId, lockOperationId: null },
    data: { lockOperationId: op.id, ...(status ? { status, version: { increment: 1 } } : {}) },
  });
  if (locked.count === 0) throw new LostRace();
  const now = new Date();
  const claimed = await tx.operation.updateMany({
    where: { id: op.id, status: "queued" },
    data: { status: "running", leaseOwner: workerId, leaseExpiresAt: new Date(now.getTime() + leaseMs), startedAt: now, heartbeatAt: now },
  });
  if (claimed.count === 0) throw new LostRace();
  await appendEvents(tx, op.id, [{ type: "status", status: "running", message: `Started by worker ${workerId}.` }]);
  return tx.operation.findUniqueOrThrow({ where: { id: op.id } });
}

/** Claims one operation for the worker, or returns null when nothing can run now. */
export async function claimOperation(options: ClaimOptions): Promise<OperationRow | null> {
  const tried = new Set<string>();
  // One candidate per transaction: a lost race rolls back everything the half-made claim wrote, and the next round
  // looks at fresh candidates without the ones already tried.
  for (let round = 0; round < 10; round++) {
    const result = await db()
      .$transaction(
        async (tx) => {
          const id = (await candidates(tx, tried.size + 1)).find((c) => !tried.has(c));
          if (id === undefined) return null;
          tried.add(id);
          return tryClaim(tx, id, options);
        },
        { maxWait: 10_000, timeout: 15_000 },
      )
      .catch((error: unknown) => {
        if (error instanceof LostRace) return "lost" as const;
        throw error;
      });
    if (result !== "lost") return result;
  }
  return null;
}
