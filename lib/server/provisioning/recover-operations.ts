// Crash recovery: a running operation whose lease expired belongs to a worker that stopped (killed, crashed, lost
// its database). It is marked interrupted, the datastore's lock released, a provisioning or decommissioning
// datastore marked failed, and the stale lock the dead process left on the Pulumi stack cleared — so a retry runs.
import "server-only";
import { mkdir, rm } from "node:fs/promises";
import { join, resolve } from "node:path";
import { stackNameOf, type ProvisioningEngine } from "./engine-contract";
import type { OperationEventData } from "@/lib/schemas/operation";
import { db } from "../db/client";
import { errorFields, log } from "../log";
import { resolvePulumiBackend } from "../settings/provisioning-settings";
import { finishOperation } from "./finish-operation";
import { appendEvents, type OperationRow } from "./operation-rows";
import { parseStoredSpec } from "./spec";

export interface RecoverOptions {
  engine: ProvisioningEngine;
  /** The recovering worker: it takes the expired lease over while it clears the stack, so no one else does too. */
  workerId: string;
  leaseMs: number;
  dataDir: string;
}

/** Takes an expired lease over (conditional on it being the one we saw expire). */
async function takeOver(op: OperationRow, { workerId, leaseMs }: RecoverOptions, expiredAt: Date): Promise<boolean> {
  return db().$transaction(
    async (tx) => {
      const now = new Date();
      const { count } = await tx.operation.updateMany({
        where: { id: op.id, status: "running", leaseOwner: op.leaseOwner, leaseExpiresAt: expiredAt },
        data: { leaseOwner: workerId, leaseExpiresAt: new Date(now.getTime() + leaseMs), heartbeatAt: now },
      });
      if (count === 0) return false;
      await appendEvents(tx, op.id, [
        {
          type: "diagnostic",
          severity: "warning",
          message: `The worker running this operation (${op.leaseOwner ?? "unknown"}) stopped: its lease expired at ${expiredAt.toISOString()}. Clearing the stack's lock.`,
        },
      ]);
      return true;
    },
    { maxWait: 10_000, timeout: 15_000 },
  );
}

/** Clears the stale stack lock; returns the diagnostic to record and whether it worked. */
async function clearStackLock(op: OperationRow, options: RecoverOptions): Promise<{ cleared: boolean; event: OperationEventData }> {
  const workDir = join(resolve(options.dataDir), "work", `${op.id}-recovery`);
  try {
    const spec = parseStoredSpec(op.spec);
    const backend = await resolvePulumiBackend(db());
    await mkdir(workDir, { recursive: true });
    await options.engine.cancel({ spec, backend, workDir });
    return { cleared: true, event: { type: "diagnostic", severity: "info", message: `The lock on stack ${stackNameOf(spec)} was cleared.` } };
  } catch (error) {
    log.warn("could not clear a stale stack lock", { operationId: op.id, error: errorFields(error) });
    const reason = error instanceof Error ? error.message : String(error);
    return { cleared: false, event: { type: "diagnostic", severity: "warning", message: `Clearing the stack's lock failed: ${reason}` } };
  } finally {
    await rm(workDir, { recursive: true, force: true }).catch(() => undefined);
  }
}

/**
 * Releases datastore locks held by an operation that is not running. The claim and the end of an operation set and
 * clear the lock in the same transaction as the status, so only a hand-edited database leaves one — but a datastore
 * whose queue could never move again is worth one cheap query per poll. Conditional on the lock still naming that
 * operation, so a lock taken meanwhile by the next claim is never touched.
 */
async function releaseStaleLocks(): Promise<void> {
  const locked = await db().datastore.findMany({ where: { lockOperationId: { not: null } }, select: { id: true, lockOperationId: true } });
  if (locked.length === 0) return;
  const holders = await db().operation.findMany({
    where: { id: { in: locked.flatMap((d) => (d.lockOperationId ? [d.lockOperationId] : [])) } },
    select: { id: true, status: true },
  });
  const running = new Set(holders.filter((o) => o.status === "running").map((o) => o.id));
  for (const d of locked) {
    if (!d.lockOperationId || running.has(d.lockOperationId)) continue;
    const { count } = await db().datastore.updateMany({ where: { id: d.id, lockOperationId: d.lockOperationId }, data: { lockOperationId: null } });
    if (count > 0) log.warn("released a datastore lock held by an operation that is not running", { datastoreId: d.id, operationId: d.lockOperationId });
  }
}

/** Recovers every operation whose lease expired; returns how many this call recovered. */
export async function recoverOperations(options: RecoverOptions): Promise<number> {
  await releaseStaleLocks();
  const expired = await db().operation.findMany({ where: { status: "running", leaseExpiresAt: { lt: new Date() } }, orderBy: { createdAt: "asc" } });
  let recovered = 0;
  for (const op of expired) {
    const expiredAt = op.leaseExpiresAt;
    if (!expiredAt || !(await takeOver(op, options, expiredAt))) continue;
    // A replacement never takes the stack's lock (it goes through the cloud's API): its steps say where it stopped.
    const { cleared, event } =
      op.kind === "replace-nodes"
        ? {
            cleared: true,
            event: {
              type: "diagnostic",
              severity: "info",
              message: "A node replacement holds no stack lock; its steps record where it stopped, and a retry resumes there.",
            } as const,
          }
        : await clearStackLock(op, options);
    const message =
      op.kind === "replace-nodes"
        ? `The worker running this replacement stopped before it finished (its lease expired at ${expiredAt.toISOString()}); retry to resume it: nodes already replaced are not replaced again.`
        : cleared
          ? `The worker running this operation stopped before it finished (its lease expired at ${expiredAt.toISOString()}). The stack's lock was cleared; retry to run it again.`
          : `The worker running this operation stopped before it finished (its lease expired at ${expiredAt.toISOString()}). The stack's lock could not be cleared (${event.type === "diagnostic" ? event.message : "see the log"}); retrying may report the stack as locked.`;
    const settled = await finishOperation(op, { leaseOwner: options.workerId }, { status: "interrupted", error: { code: "interrupted", message } }, [event]);
    if (settled) {
      recovered += 1;
      log.warn("recovered an interrupted operation", {
        operationId: op.id,
        previousWorker: op.leaseOwner,
        leaseExpiredAt: expiredAt.toISOString(),
        stackLockCleared: cleared,
      });
    }
  }
  return recovered;
}
