// Queues a preview, an up (confirming a preview), a drift check or a cleanup destroy for a datastore: its owners and
// reviewers, when a provisioner can run it, the organisation settings cover its regions and the lifecycle allows it.
import "server-only";
import { AppError, type FieldError } from "@/lib/errors";
import type { OperationDto, OperationPurpose, QueueOperationBody } from "@/lib/schemas/operation";
import type { DatastoreSpec } from "@/lib/schemas/datastore-spec";
import type { Actor } from "../auth/actor";
import { canEditDatastore } from "../auth/policy";
import { requireAllowed } from "../auth/verdict";
import { audit } from "../audit";
import type { Tx } from "../db/client";
import { DATASTORE_INCLUDE, type DatastoreWithRelations } from "../datastores/datastore-dto";
import { findVisibleDatastore } from "../datastores/get-datastore";
import { inTransaction } from "../requests/request-store";
import { loadOrgSettings, missingSettings } from "../settings/provisioning-settings";
import { requireProvisioner } from "./provisioner-status";
import {
  confirmPreviewVerdict,
  loadActionContext,
  missingSettingsReason,
  operationActions,
  plannedOperation,
  queueVerdict,
  sentence,
} from "./operation-actions";
import { insertOperation, toOperationDto, type NewOperation, type OperationRow } from "./operation-rows";
import { parseStoredSpec } from "./spec";

export interface QueueOperationOptions {
  actor: Actor;
  /** The datastore's id. */
  id: string;
  input: QueueOperationBody;
  /** The idempotent create's transaction; a new one without. */
  tx?: Tx;
}

/**
 * Serialises the transactions that queue work for one datastore: a no-op write takes the row's lock (PostgreSQL)
 * or the database's write lock (SQLite), so two concurrent "is an up already queued?" checks cannot both pass.
 */
export async function lockDatastore(tx: Tx, id: string): Promise<DatastoreWithRelations> {
  await tx.$executeRaw`UPDATE "datastores" SET "version" = "version" WHERE "id" = ${id}`;
  return tx.datastore.findUniqueOrThrow({ where: { id }, include: DATASTORE_INCLUDE });
}

/** A 409 naming every organisation setting the spec still lacks (they are field errors too, for forms). */
export function missingSettingsError(missing: readonly FieldError[]): AppError {
  return new AppError("conflict", missingSettingsReason(missing), { fieldErrors: missing });
}

/** Throws 409 unless the organisation settings cover every region, family and zone of the spec. */
export async function requireSettings(tx: Tx, spec: DatastoreSpec): Promise<void> {
  const missing = missingSettings(spec, await loadOrgSettings(tx));
  if (missing.length > 0) throw missingSettingsError(missing);
}

/** Resource steps a confirmed preview counted: what the up's progress bar fills up to. */
export function plannedStepsOf(preview: OperationRow): number | null {
  if (Array.isArray(preview.diff)) return preview.diff.length;
  if (preview.summary !== null && typeof preview.summary === "object") {
    return Object.values(preview.summary as Record<string, unknown>).reduce<number>((n, v) => n + (typeof v === "number" ? v : 0), 0);
  }
  return null;
}

/** The succeeded preview an up confirms: 404 unless it is an operation of this datastore. */
async function previewToConfirm(tx: Tx, d: DatastoreWithRelations, previewId: string): Promise<OperationRow> {
  const preview = await tx.operation.findUnique({ where: { id: previewId } });
  if (!preview || preview.datastoreId !== d.id) throw new AppError("not_found", `No preview ${JSON.stringify(previewId.slice(0, 100))} of this datastore.`);
  return preview;
}

/** Body rules that depend on the kind: an up names its preview, a destroy types the name, nothing else takes them. */
function checkBody(d: DatastoreWithRelations, input: QueueOperationBody): void {
  const errors: FieldError[] = [];
  if (input.kind === "up" && input.previewId === undefined)
    errors.push({ field: "previewId", message: "is required: the id of the succeeded preview whose diff you confirm" });
  if (input.kind !== "up" && input.previewId !== undefined)
    errors.push({ field: "previewId", message: "is only for an up (it names the preview the up confirms)" });
  if (input.kind !== "destroy" && input.confirmName !== undefined) errors.push({ field: "confirmName", message: "is only for a destroy" });
  if (input.kind === "destroy" && errors.length === 0) {
    // An active datastore is decommissioned, with its own approval rules; this route only cleans up after a failure.
    if (d.status === "active")
      throw new AppError("conflict", "An active datastore is destroyed by decommissioning it: POST /api/v1/datastores/{id}/changes with kind decommission.");
    if (input.confirmName !== d.name) errors.push({ field: "confirmName", message: "must be the datastore's name, typed exactly" });
  }
  if (errors.length > 0)
    throw new AppError(
      "invalid_input",
      `The operation has ${errors.length === 1 ? "1 invalid field" : `${errors.length} invalid fields`}: ${errors.map((e) => e.field).join(", ")}.`,
      { fieldErrors: errors },
    );
}

export async function queueOperation(opts: QueueOperationOptions): Promise<OperationDto> {
  const { actor, id, input } = opts;
  return inTransaction(opts.tx, async (tx) => {
    const visible = await findVisibleDatastore(tx, actor, id);
    if (!canEditDatastore(actor, visible.teamId)) throw new AppError("forbidden", "Only the owning team's members and reviewers may provision this datastore.");
    checkBody(visible, input);
    await requireProvisioner();

    const datastore = await lockDatastore(tx, visible.id);
    const ctx = await loadActionContext(tx, datastore);
    // The same verdicts as the DTOs' actions: the operation's `confirm` for an up, the datastore's for the rest.
    let planned: Omit<NewOperation, "actor" | "datastoreId">;
    if (input.kind === "up") {
      const preview = await previewToConfirm(tx, datastore, input.previewId ?? "");
      requireAllowed(confirmPreviewVerdict(actor, ctx, preview));
      planned = {
        kind: "up",
        purpose: preview.purpose as OperationPurpose,
        changeId: preview.changeId,
        previewId: preview.id,
        spec: parseStoredSpec(preview.spec),
        plannedSteps: plannedStepsOf(preview),
      };
    } else {
      const plan = plannedOperation(ctx, input.kind);
      requireAllowed(queueVerdict(actor, ctx, plan));
      if ("reason" in plan.spec) throw new AppError("conflict", sentence(plan.spec.reason));
      planned = { kind: plan.kind, purpose: plan.purpose, changeId: plan.changeId, spec: plan.spec.spec };
    }

    const op = await insertOperation(tx, { ...planned, datastoreId: datastore.id, actor });
    await audit(tx, actor, {
      action: "operation.queued",
      subjectType: "datastore",
      subjectId: datastore.id,
      teamId: datastore.teamId,
      detail: {
        operationId: op.id,
        kind: op.kind,
        purpose: op.purpose,
        ...(op.previewId ? { previewId: op.previewId } : {}),
        ...(op.changeId ? { changeId: op.changeId } : {}),
      },
    });
    // The new operation is queued, so its actions never look past the rows read above (cancel: yes; retry and
    // confirm need a finished operation): the context loaded before the insert answers for it.
    return toOperationDto(op, operationActions(actor, ctx, op));
  });
}
