// Retries a failed, cancelled or interrupted operation: a new operation with the same kind, purpose, spec, change
// and preview, attempt + 1. Only the latest attempt, and only when the lifecycle would queue it anew (an up still
// confirms the datastore's desired spec; nothing runs on a decommissioned datastore).
import "server-only";
import { AppError } from "@/lib/errors";
import type { OperationDto, OperationKind, OperationPurpose } from "@/lib/schemas/operation";
import type { Actor } from "../auth/actor";
import { canEditDatastore } from "../auth/policy";
import { requireAllowed } from "../auth/verdict";
import { audit } from "../audit";
import type { Tx } from "../db/client";
import { inTransaction } from "../requests/request-store";
import { requireProvisioner } from "./provisioner-status";
import { findVisibleOperation } from "./get-operation";
import { loadActionContext, operationActions, retryOperationVerdict, statusRetryBlocker } from "./operation-actions";
import { insertOperation, toOperationDto } from "./operation-rows";
import { lockDatastore } from "./queue-operation";
import { parseStoredSpec } from "./spec";

export async function retryOperation(opts: { actor: Actor; id: string; tx?: Tx }): Promise<OperationDto> {
  const { actor, id } = opts;
  return inTransaction(opts.tx, async (tx) => {
    const { op, datastore: visible } = await findVisibleOperation(tx, actor, id);
    if (!canEditDatastore(actor, visible.teamId)) throw new AppError("forbidden", "Only the owning team's members and reviewers may retry its operations.");
    // Before the provisioner check: a finished-for-good operation is a 409 whatever the engine's state.
    const byStatus = statusRetryBlocker(op.status);
    if (byStatus) throw new AppError("conflict", `Cannot retry: ${byStatus}.`);
    // A replacement goes through the cloud's API (FleetCloud), never Pulumi: it needs no CLI on the machine.
    if (op.kind !== "replace-nodes") await requireProvisioner();

    const datastore = await lockDatastore(tx, visible.id);
    const ctx = await loadActionContext(tx, datastore);
    // The DTO's `actions.retry` is this verdict: the owners, the lifecycle and the organisation settings.
    requireAllowed(retryOperationVerdict(actor, ctx, op));
    const spec = parseStoredSpec(op.spec);

    const retry = await insertOperation(tx, {
      datastoreId: datastore.id,
      kind: op.kind as OperationKind,
      purpose: op.purpose as OperationPurpose,
      actor,
      spec,
      changeId: op.changeId,
      previewId: op.previewId,
      retryOfId: op.id,
      attempt: op.attempt + 1,
      plannedSteps: op.plannedSteps,
    });
    if (retry.kind === "replace-nodes") {
      // The same nodes, each where the last attempt left it: done ones stay done, a terminated one is only waited for.
      const steps = await tx.replacementStep.findMany({ where: { operationId: op.id }, orderBy: { seq: "asc" } });
      await tx.replacementStep.createMany({
        data: steps.map(({ id: _id, operationId: _op, status, error: _error, ...rest }) => ({
          ...rest,
          operationId: retry.id,
          status: status === "failed" ? (rest.terminatedAt ? "waiting" : "pending") : status,
        })),
      });
    }
    await audit(tx, actor, {
      action: "operation.retried",
      subjectType: "datastore",
      subjectId: datastore.id,
      teamId: datastore.teamId,
      detail: { operationId: retry.id, retryOfId: op.id, kind: retry.kind, purpose: retry.purpose, attempt: retry.attempt },
    });
    // The retry is queued, so its actions never look past the rows read above (cancel: yes; retry and confirm need
    // a finished operation): the context loaded before the insert answers for it.
    return toOperationDto(retry, operationActions(actor, ctx, retry));
  });
}
