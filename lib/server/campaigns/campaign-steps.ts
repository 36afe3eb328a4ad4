// The operations a campaign's steps wait on, queued and retried by the runner as the system: the canary's, the
// rollout's and the rollback's replace-nodes (the datastore's spec with the engine version the replacements launch
// on), a retry of an interrupted one (the same nodes, each where the last attempt left it), and cancelling one when
// a campaign is aborted. Each is called inside the transaction that records the step, so the step and the operation
// it waits on are written together or not at all.
import "server-only";
import { planReplacement } from "@/lib/maintenance/replacement-plan";
import { imageInRegion, regionsWithoutImage } from "@/lib/schemas/campaign";
import { FamilySchema, type Family } from "@/lib/schemas/plan";
import type { OperationKind, OperationPurpose } from "@/lib/schemas/operation";
import type { Actor } from "../auth/actor";
import type { Tx } from "../db/client";
import { appendEvents, insertOperation, type OperationRow } from "../provisioning/operation-rows";
import { parseStoredSpec, specOfDatastore } from "../provisioning/spec";
import { DATASTORE_INCLUDE, type DatastoreWithRelations } from "../datastores/datastore-dto";
import { missingImagesReason, regionImagesOf, type ReleaseRow } from "./releases";

/** The datastore's row lock, as every queueing takes it (provisioning/queue-operation's lockDatastore). */
async function lockDatastore(tx: Tx, id: string): Promise<DatastoreWithRelations> {
  await tx.$executeRaw`UPDATE "datastores" SET "version" = "version" WHERE "id" = ${id}`;
  return tx.datastore.findUniqueOrThrow({ where: { id }, include: DATASTORE_INCLUDE });
}

/** Thrown when the release has no image for a region of the datastore: nothing is queued (no wrong region's AMI). */
export class ReleaseImageMissing extends Error {
  constructor(readonly regions: readonly string[]) {
    super(missingImagesReason(regions));
    this.name = "ReleaseImageMissing";
  }
}

/**
 * Queues a preview with the release's version and its image for each of the datastore's regions, in the caller's
 * transaction (the batch previews and the preview step); the rollout's up confirms this spec, so each region's
 * launch templates get that region's image. Throws ReleaseImageMissing when a region has none.
 */
export async function queueReleasePreview(tx: Tx, datastoreId: string, release: ReleaseRow, actor: Actor | null): Promise<OperationRow> {
  const datastore = await lockDatastore(tx, datastoreId);
  const { imageId: _legacy, ...current } = specOfDatastore(datastore);
  const images = regionImagesOf(release);
  const missing = regionsWithoutImage(images, current.regions);
  if (missing.length > 0) throw new ReleaseImageMissing(missing);
  const imageIds = Object.fromEntries(current.regions.map((r) => [r, imageInRegion(images, r) ?? ""]));
  const spec = { ...current, engineVersion: release.engineVersion, imageIds };
  return insertOperation(tx, { datastoreId, kind: "preview", purpose: "change", actor, spec });
}

/** Queues a replace-nodes of these nodes whose replacements launch on `engineVersion` (the campaign says which image). */
export async function queueVersionReplace(
  tx: Tx,
  input: { datastoreId: string; instanceIds: string[]; engineVersion: string; why: string },
): Promise<OperationRow | { rejected: string }> {
  const datastore = await lockDatastore(tx, input.datastoreId);
  const spec = { ...specOfDatastore(datastore), engineVersion: input.engineVersion };
  const familyOfRole: Record<string, Family> = {};
  for (const c of spec.topology) {
    const family = FamilySchema.safeParse(c.family);
    if (family.success) familyOfRole[c.role] = family.data;
  }
  const nodes = await tx.fleetNode.findMany({ where: { datastoreId: input.datastoreId, goneAt: null } });
  const plan = planReplacement({ familyOfRole, nodes, replace: input.instanceIds });
  if ("rejected" in plan) return { rejected: plan.rejected.map((r) => `${r.instanceId} ${r.reason}`).join("; ") };
  const op = await insertOperation(tx, {
    datastoreId: input.datastoreId,
    kind: "replace-nodes",
    purpose: "maintenance",
    actor: null,
    spec,
    plannedSteps: plan.steps.length,
  });
  await tx.replacementStep.createMany({
    data: plan.steps.map((s) => ({
      operationId: op.id,
      seq: s.seq,
      batch: s.batch,
      region: s.region,
      zone: s.zone,
      role: s.role,
      groupName: s.groupName,
      instanceId: s.instanceId,
      status: "pending",
    })),
  });
  await appendEvents(tx, op.id, [
    { type: "diagnostic", severity: "info", message: `${input.why}: ${plan.steps.length} nodes launch on ${input.engineVersion}.` },
  ]);
  return op;
}

/** A new attempt of an interrupted (or failed) step operation: the same spec; a replacement's nodes where they were. */
export async function retryStepOperation(tx: Tx, op: OperationRow): Promise<OperationRow> {
  const retry = await insertOperation(tx, {
    datastoreId: op.datastoreId,
    kind: op.kind as OperationKind,
    purpose: op.purpose as OperationPurpose,
    actor: null,
    spec: parseStoredSpec(op.spec),
    changeId: op.changeId,
    previewId: op.previewId,
    retryOfId: op.id,
    attempt: op.attempt + 1,
    plannedSteps: op.plannedSteps,
  });
  if (retry.kind === "replace-nodes") {
    const steps = await tx.replacementStep.findMany({ where: { operationId: op.id }, orderBy: { seq: "asc" } });
    await tx.replacementStep.createMany({
      data: steps.map(({ id: _id, operationId: _op, status, error: _error, ...rest }) => ({
        ...rest,
        operationId: retry.id,
        status: status === "failed" ? (rest.terminatedAt ? "waiting" : "pending") : status,
      })),
    });
  }
  await appendEvents(tx, retry.id, [{ type: "diagnostic", severity: "info", message: `The upgrade campaign retries operation ${op.id} (${op.status}).` }]);
  return retry;
}

/** The rollout's up: it confirms the preview the campaign took (the same spec, with the release's engine version). */
export async function queueRolloutUp(tx: Tx, preview: OperationRow): Promise<OperationRow> {
  return insertOperation(tx, {
    datastoreId: preview.datastoreId,
    kind: "up",
    purpose: "change",
    actor: null,
    spec: parseStoredSpec(preview.spec),
    previewId: preview.id,
    // The confirmed preview's step count fills the up's progress bar.
    plannedSteps: Array.isArray(preview.diff) ? preview.diff.length : null,
  });
}

/** Cancels a step's operation: a queued one at once, a running one by asking its worker to stop. */
export async function cancelStepOperation(tx: Tx, operationId: string, message: string): Promise<void> {
  const now = new Date();
  const queued = await tx.operation.updateMany({
    where: { id: operationId, status: "queued" },
    data: { status: "cancelled", finishedAt: now, cancelRequestedAt: now, error: { code: "cancelled", message } },
  });
  if (queued.count === 1) {
    await appendEvents(tx, operationId, [{ type: "status", status: "cancelled", message }]);
    return;
  }
  const running = await tx.operation.updateMany({ where: { id: operationId, status: "running", cancelRequestedAt: null }, data: { cancelRequestedAt: now } });
  if (running.count === 1) await appendEvents(tx, operationId, [{ type: "diagnostic", severity: "info", message }]);
}
