// Cancels an operation: a queued one at once (a conditional update, so a worker's claim and the cancel cannot both
// win), a running one by asking its worker to stop (cancelRequestedAt; the worker aborts the engine on its next
// heartbeat and records the cancellation). A finished operation is a 409.
import "server-only";
import type { OperationDto } from "@/lib/schemas/operation";
import type { Actor } from "../auth/actor";
import { requireAllowed } from "../auth/verdict";
import { audit } from "../audit";
import { db } from "../db/client";
import { findVisibleOperation, operationDtoFor } from "./get-operation";
import { cancelOperationVerdict } from "./operation-actions";
import { appendEvents } from "./operation-rows";

export async function cancelOperation({ actor, id }: { actor: Actor; id: string }): Promise<OperationDto> {
  const { op, datastore } = await findVisibleOperation(db(), actor, id);
  requireAllowed(cancelOperationVerdict(actor, datastore, op));

  return db().$transaction(async (tx) => {
    const now = new Date();
    const auditCancel = (action: string) =>
      audit(tx, actor, {
        action,
        subjectType: "datastore",
        subjectId: datastore.id,
        teamId: datastore.teamId,
        detail: { operationId: op.id, kind: op.kind, purpose: op.purpose },
      });

    const queued = await tx.operation.updateMany({
      where: { id: op.id, status: "queued" },
      data: {
        status: "cancelled",
        finishedAt: now,
        cancelRequestedAt: now,
        error: { code: "cancelled", message: `Cancelled by ${actor.label} before it started.` },
      },
    });
    if (queued.count === 1) {
      await appendEvents(tx, op.id, [{ type: "status", status: "cancelled", message: `Cancelled by ${actor.label} before it started.` }]);
      await auditCancel("operation.cancelled");
    } else {
      // Running (perhaps claimed since it was read): ask its worker to stop. A second request keeps the first time.
      const running = await tx.operation.updateMany({ where: { id: op.id, status: "running", cancelRequestedAt: null }, data: { cancelRequestedAt: now } });
      if (running.count === 1) {
        await appendEvents(tx, op.id, [
          { type: "diagnostic", severity: "info", message: `Cancellation requested by ${actor.label}; the engine is being stopped.` },
        ]);
        await auditCancel("operation.cancel-requested");
      } else {
        const current = await tx.operation.findUniqueOrThrow({ where: { id: op.id }, select: { status: true } });
        requireAllowed(cancelOperationVerdict(actor, datastore, current));
      }
    }
    const row = await tx.operation.findUniqueOrThrow({ where: { id: op.id } });
    return operationDtoFor(tx, actor, row, datastore);
  });
}
