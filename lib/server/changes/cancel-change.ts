// Withdraws a change that has not applied yet: the owning team's members. Its queued operations (a preview not yet
// run) are cancelled with it; a change whose up or destroy is queued or running is a 409 (cancel that first).
import "server-only";
import { AppError } from "@/lib/errors";
import type { DatastoreChangeDto } from "@/lib/schemas/change";
import type { Actor } from "../auth/actor";
import { requireAllowed } from "../auth/verdict";
import { audit } from "../audit";
import { db, type Tx } from "../db/client";
import { findVisibleDatastore } from "../datastores/get-datastore";
import { appendEvents } from "../provisioning/operation-rows";
import { cancelChangeVerdict, changeDtoFor, findChange, OPEN_CHANGE_STATUSES, operationsOfChanges } from "./change-dto";

/**
 * Cancels the operations that have not started, of one change (they would preview or apply a change that no longer
 * is) or of a whole datastore (one retired before it ran them).
 */
export async function cancelQueuedOperationsOf(tx: Tx, of: { changeId: string } | { datastoreId: string }, why: string): Promise<string[]> {
  const queued = await tx.operation.findMany({ where: { ...of, status: "queued" }, select: { id: true } });
  const cancelled: string[] = [];
  for (const { id } of queued) {
    const now = new Date();
    const { count } = await tx.operation.updateMany({
      where: { id, status: "queued" },
      data: { status: "cancelled", finishedAt: now, cancelRequestedAt: now, error: { code: "cancelled", message: why } },
    });
    if (count === 1) {
      await appendEvents(tx, id, [{ type: "status", status: "cancelled", message: why }]);
      cancelled.push(id);
    }
  }
  return cancelled;
}

export async function cancelChange({ actor, id, changeId }: { actor: Actor; id: string; changeId: string }): Promise<DatastoreChangeDto> {
  const datastore = await findVisibleDatastore(db(), actor, id);
  const change = await findChange(db(), datastore.id, changeId);
  requireAllowed(cancelChangeVerdict(actor, datastore, change, undefined));

  return db().$transaction(async (tx) => {
    // Whether an up or destroy is applying it is read inside the transaction, where the withdrawal is decided.
    requireAllowed(cancelChangeVerdict(actor, datastore, change, (await operationsOfChanges(tx, [change.id])).get(change.id)));
    const { count } = await tx.datastoreChange.updateMany({
      where: { id: change.id, version: change.version, status: { in: [...OPEN_CHANGE_STATUSES] } },
      data: { status: "cancelled", version: { increment: 1 } },
    });
    if (count === 0) throw new AppError("conflict", "The change was decided or changed meanwhile; read it again.");
    const cancelled = await cancelQueuedOperationsOf(tx, { changeId: change.id }, `Change ${change.id} was withdrawn by ${actor.label}.`);
    await audit(tx, actor, {
      action: "change.cancelled",
      subjectType: "datastore",
      subjectId: datastore.id,
      teamId: datastore.teamId,
      detail: { changeId: change.id, kind: change.kind, cancelledOperations: cancelled },
    });
    return changeDtoFor(tx, actor, datastore, change.id);
  });
}
