// A reviewer approves or rejects a change that needs approval (never their own). Approving a decommission queues
// its destroy at once; approving an update lets the owner confirm its preview (an up with previewId). Exactly one
// decision wins: the update is conditional on the change still pending at the version read.
import "server-only";
import { AppError } from "@/lib/errors";
import type { ChangeDecisionBody, DatastoreChangeDto } from "@/lib/schemas/change";
import type { Actor } from "../auth/actor";
import { requireAllowed } from "../auth/verdict";
import { audit } from "../audit";
import { db } from "../db/client";
import { findVisibleDatastore } from "../datastores/get-datastore";
import { requireProvisioner } from "../provisioning/provisioner-status";
import { lockDatastore } from "../provisioning/queue-operation";
import { parseStoredSpec } from "../provisioning/spec";
import { cancelQueuedOperationsOf } from "./cancel-change";
import { changeDtoFor, decideChangeVerdict, findChange } from "./change-dto";
import { hasCloudResources } from "../datastores/datastore-actions";
import { startDecommission } from "./start-decommission";

export interface DecideChangeOptions {
  actor: Actor;
  /** The datastore's id. */
  id: string;
  changeId: string;
  input: ChangeDecisionBody;
}

export async function decideChange({ actor, id, changeId, input }: DecideChangeOptions): Promise<DatastoreChangeDto> {
  const visible = await findVisibleDatastore(db(), actor, id);
  const change = await findChange(db(), visible.id, changeId);
  requireAllowed(decideChangeVerdict(actor, visible, change));
  const destroys = input.decision === "approved" && change.kind === "decommission" && hasCloudResources(visible);
  // Approving a decommission starts it: refuse (and record nothing) when no provisioner could run it.
  if (destroys) await requireProvisioner();

  return db().$transaction(async (tx) => {
    const datastore = await lockDatastore(tx, visible.id);
    const { count } = await tx.datastoreChange.updateMany({
      where: { id: change.id, status: "pending-approval", version: change.version },
      data: { status: input.decision, decidedById: actor.userId, decidedAt: new Date(), decisionComment: input.comment ?? null, version: { increment: 1 } },
    });
    if (count === 0) throw new AppError("conflict", "Another decision on this change was recorded first; read it again.");

    let destroyId: string | null = null;
    let cancelled: string[] = [];
    if (input.decision === "approved" && change.kind === "decommission") {
      destroyId = await startDecommission(tx, actor, datastore, change.id, parseStoredSpec(change.spec));
    } else if (input.decision === "rejected") {
      cancelled = await cancelQueuedOperationsOf(tx, { changeId: change.id }, `Change ${change.id} was rejected by ${actor.label}.`);
    }
    await audit(tx, actor, {
      action: `change.${input.decision}`,
      subjectType: "datastore",
      subjectId: datastore.id,
      teamId: datastore.teamId,
      detail: { changeId: change.id, kind: change.kind, comment: input.comment ?? null, destroyId, cancelledOperations: cancelled },
    });
    return changeDtoFor(tx, actor, datastore, change.id);
  });
}
