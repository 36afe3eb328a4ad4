// Starts an approved decommission. A datastore with cloud resources (active, failed) gets a destroy of its stack.
// One without any — approved and never provisioned, or whose partial resources were already cleaned up — is retired
// at once: there is nothing to destroy, and its region may not even have settings any more.
import "server-only";
import { AppError } from "@/lib/errors";
import type { Actor } from "../auth/actor";
import { audit } from "../audit";
import type { Tx } from "../db/client";
import type { DatastoreWithRelations } from "../datastores/datastore-dto";
import { hasCloudResources, retireBlocker } from "../datastores/datastore-actions";
import { blockerOf, loadActionContext } from "../provisioning/operation-actions";
import { insertOperation } from "../provisioning/operation-rows";
import { requireSettings } from "../provisioning/queue-operation";
import { specHash } from "../provisioning/spec";
import type { DatastoreSpec } from "@/lib/schemas/datastore-spec";
import { cancelQueuedOperationsOf } from "./cancel-change";

/** Queues the destroy, or retires a datastore without resources; returns the destroy's id (null when retired). */
export async function startDecommission(
  tx: Tx,
  actor: Actor,
  datastore: DatastoreWithRelations,
  changeId: string,
  spec: DatastoreSpec,
): Promise<string | null> {
  if (hasCloudResources(datastore)) {
    await requireSettings(tx, spec);
    const blocker = blockerOf(await loadActionContext(tx, datastore), { kind: "destroy", purpose: "decommission", specHash: specHash(spec), changeId });
    if (blocker) throw new AppError("conflict", `The decommission cannot start now: ${blocker}.`);
    return (await insertOperation(tx, { datastoreId: datastore.id, kind: "destroy", purpose: "decommission", changeId, actor, spec })).id;
  }
  const blocker = retireBlocker(datastore);
  if (blocker) throw new AppError("conflict", blocker);
  const cancelled = await cancelQueuedOperationsOf(tx, { datastoreId: datastore.id }, "The datastore was decommissioned before it was provisioned.");
  const now = new Date();
  await tx.datastore.update({ where: { id: datastore.id }, data: { status: "decommissioned", decommissionedAt: now, version: { increment: 1 } } });
  await tx.datastoreChange.update({ where: { id: changeId }, data: { status: "applied", version: { increment: 1 } } });
  await audit(tx, actor, {
    action: "datastore.decommissioned",
    subjectType: "datastore",
    subjectId: datastore.id,
    teamId: datastore.teamId,
    detail: { changeId, withoutDestroy: true, reason: "no cloud resources had been provisioned", cancelledOperations: cancelled },
  });
  return null;
}
