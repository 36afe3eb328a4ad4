// Approves a scheduled replacement of a tier 0/1 datastore's nodes (its team's policy is not automatic): a reviewer
// of the team or a platform reviewer. One conditional update (queued, needing approval, not yet approved), audited
// in the same transaction; the operation then runs in its window (or at once, when it has none or it is open).
import "server-only";
import type { OperationDto } from "@/lib/schemas/operation";
import type { Actor } from "../auth/actor";
import { requireAllowed } from "../auth/verdict";
import { audit } from "../audit";
import { db } from "../db/client";
import { findVisibleOperation, operationDtoFor } from "../provisioning/get-operation";
import { approveOperationVerdict } from "../provisioning/operation-actions";
import { appendEvents } from "../provisioning/operation-rows";

export async function approveOperation({ actor, id }: { actor: Actor; id: string }): Promise<OperationDto> {
  const { op, datastore } = await findVisibleOperation(db(), actor, id);
  requireAllowed(approveOperationVerdict(actor, datastore, op));
  return db().$transaction(async (tx) => {
    const now = new Date();
    const { count } = await tx.operation.updateMany({
      where: { id: op.id, status: "queued", approvalRequired: true, approvedAt: null },
      data: { approvedAt: now, approvedBy: actor.label },
    });
    if (count === 0) {
      // Approved, cancelled or started since it was read: the verdict on the row as it is now says which.
      requireAllowed(approveOperationVerdict(actor, datastore, await tx.operation.findUniqueOrThrow({ where: { id: op.id } })));
    }
    const when = op.notBefore && op.notBefore > now ? ` It runs in its window (from ${op.notBefore.toISOString()}).` : " It runs next.";
    await appendEvents(tx, op.id, [{ type: "diagnostic", severity: "info", message: `Approved by ${actor.label}.${when}` }]);
    await audit(tx, actor, {
      action: "operation.approved",
      subjectType: "datastore",
      subjectId: datastore.id,
      teamId: datastore.teamId,
      detail: { operationId: op.id, kind: op.kind, purpose: op.purpose },
    });
    return operationDtoFor(tx, actor, await tx.operation.findUniqueOrThrow({ where: { id: op.id } }), datastore);
  });
}
