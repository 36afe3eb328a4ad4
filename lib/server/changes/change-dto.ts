// Change rows → the API's allow-list (DatastoreChangeSchema), and the shared reads of the change use-cases.
// `before` is stored when the change is asked for (in the planResult column, beside the update's plan result), because
// the datastore itself moves on once the change applies; `after` is the proposed spec's shape and the re-planned cost.
import "server-only";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { DatastoreChangeSchema, DatastoreShapeSchema, type DatastoreChangeDto, type DatastoreShape } from "@/lib/schemas/change";
import { PlanResultSchema } from "@/lib/schemas/plan";
import { StoredWorkloadSchema } from "@/lib/schemas/workload";
import type { Actor } from "../auth/actor";
import { canRequestFor, canReviewTeam } from "../auth/policy";
import { ALLOWED, conflict, firstDenial, forbidden, toAction, type Verdict } from "../auth/verdict";
import type { Db, Tx } from "../db/client";
import { toDatastoreDto, type DatastoreWithRelations } from "../datastores/datastore-dto";
import { parseStoredSpec } from "../provisioning/spec";

export type ChangeRow = Awaited<ReturnType<Db["datastoreChange"]["findFirstOrThrow"]>>;

/** What the planResult column of a change holds: the shape before, and for an update the server's plan result. */
export const StoredChangePlanSchema = z.object({
  before: DatastoreShapeSchema,
  plan: PlanResultSchema.optional(),
  workloadBefore: StoredWorkloadSchema.optional(),
});
export type StoredChangePlan = z.infer<typeof StoredChangePlanSchema>;

/** Changes that still hold the datastore: at most one per datastore. */
export const OPEN_CHANGE_STATUSES = ["pending-approval", "approved"] as const;

export function shapeOfDatastore(row: DatastoreWithRelations): DatastoreShape {
  const dto = toDatastoreDto(row);
  return { regions: dto.regions, topology: dto.topology, annualCost: dto.annualCost, monthlyCost: dto.monthlyCost };
}

export function changeNotFound(id: string): AppError {
  return new AppError("not_found", `No change ${JSON.stringify(id.slice(0, 100))} of this datastore.`);
}

/** The change of a datastore the caller has already found visible. */
export async function findChange(client: Tx, datastoreId: string, changeId: string): Promise<ChangeRow> {
  const row = await client.datastoreChange.findUnique({ where: { id: changeId } });
  if (!row || row.datastoreId !== datastoreId) throw changeNotFound(changeId);
  return row;
}

export interface ChangeOperations {
  previewId: string | null;
  applyOperationId: string | null;
  /** The up or destroy applying the change is queued or running (the change can no longer be withdrawn). */
  applying: boolean;
}

/** The latest preview and the latest up/destroy of each change. */
export async function operationsOfChanges(client: Tx, changeIds: readonly string[]): Promise<Map<string, ChangeOperations>> {
  const ops =
    changeIds.length === 0
      ? []
      : await client.operation.findMany({
          where: { changeId: { in: [...changeIds] } },
          orderBy: [{ createdAt: "desc" }, { id: "desc" }],
          select: { id: true, kind: true, status: true, changeId: true },
        });
  const out = new Map<string, ChangeOperations>(changeIds.map((id) => [id, { previewId: null, applyOperationId: null, applying: false }]));
  for (const op of ops) {
    const entry = op.changeId ? out.get(op.changeId) : undefined;
    if (!entry) continue;
    if (op.kind === "preview") entry.previewId ??= op.id;
    if (op.kind === "up" || op.kind === "destroy") {
      entry.applyOperationId ??= op.id;
      if (op.status === "queued" || op.status === "running") entry.applying = true;
    }
  }
  return out;
}

/** What the change rules read of the datastore. */
interface ChangeOwner {
  teamId: string;
}

/** Approve or reject: a reviewer of the datastore's team (policy canReview), never who asked; while pending approval. */
export function decideChangeVerdict(actor: Actor, datastore: ChangeOwner, change: Pick<ChangeRow, "status" | "requestedById">): Verdict {
  return firstDenial(
    () => (change.requestedById === actor.userId ? forbidden("You cannot decide on a change you asked for yourself; ask another reviewer.") : ALLOWED),
    () => (canReviewTeam(actor, datastore.teamId) ? ALLOWED : forbidden("Only the team's reviewers and platform reviewers can decide on its changes.")),
    () => (change.status === "pending-approval" ? ALLOWED : conflict(`The change is ${change.status}; only a change awaiting approval can be decided.`)),
  );
}

/** Withdraw: the owning team, while the change is open and nothing is applying it. */
export function cancelChangeVerdict(actor: Actor, datastore: ChangeOwner, change: Pick<ChangeRow, "status">, ops: ChangeOperations | undefined): Verdict {
  return firstDenial(
    () => (canRequestFor(actor, datastore.teamId) ? ALLOWED : forbidden("Only the owning team's members may withdraw its changes.")),
    () =>
      (OPEN_CHANGE_STATUSES as readonly string[]).includes(change.status)
        ? ALLOWED
        : conflict(`The change is ${change.status}; only a change awaiting approval or not yet applied can be withdrawn.`),
    () => (ops?.applying ? conflict(`Operation ${ops.applyOperationId ?? ""} is applying the change; cancel that operation first.`) : ALLOWED),
  );
}

export function changeActions(actor: Actor, datastore: DatastoreWithRelations, row: ChangeRow, ops: ChangeOperations): DatastoreChangeDto["actions"] {
  return {
    decide: toAction(decideChangeVerdict(actor, datastore, row)),
    cancel: toAction(cancelChangeVerdict(actor, datastore, row, ops)),
  };
}

/**
 * Who decided, as the audit log names people ("user:<email>"): the row keeps the reviewer's id only, so it is
 * looked up (a token acts for its creator, who is the reviewer).
 */
export async function decidersOf(client: Tx, rows: readonly ChangeRow[]): Promise<Map<string, string>> {
  const ids = [...new Set(rows.flatMap((r) => (r.decidedById ? [r.decidedById] : [])))];
  if (ids.length === 0) return new Map();
  const users = await client.user.findMany({ where: { id: { in: ids } }, select: { id: true, email: true } });
  return new Map(users.map((u) => [u.id, `user:${u.email}`]));
}

export function toChangeDto(
  row: ChangeRow,
  ops: ChangeOperations,
  actions: DatastoreChangeDto["actions"],
  deciders: ReadonlyMap<string, string>,
): DatastoreChangeDto {
  const stored = StoredChangePlanSchema.parse(row.planResult);
  const spec = row.kind === "update" && row.spec !== null ? parseStoredSpec(row.spec) : null;
  return DatastoreChangeSchema.parse({
    id: row.id,
    datastoreId: row.datastoreId,
    kind: row.kind,
    status: row.status,
    requestedBy: row.requestedBy,
    workload: row.workload === null ? null : StoredWorkloadSchema.parse(row.workload),
    workloadBefore: row.kind === "update" ? (stored.workloadBefore ?? null) : null,
    reason: row.reason,
    before: stored.before,
    after: spec ? { regions: spec.regions, topology: spec.topology, annualCost: row.annualCost ?? spec.annualCost, monthlyCost: row.monthlyCost ?? 0 } : null,
    needsApproval: row.needsApproval,
    approvalReasons: z.array(z.string()).parse(row.approvalReasons),
    decidedBy: row.decidedById === null ? null : (deciders.get(row.decidedById) ?? "unknown user"),
    decidedAt: row.decidedAt?.toISOString() ?? null,
    decisionComment: row.decisionComment,
    previewId: ops.previewId,
    applyOperationId: ops.applyOperationId,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    actions,
  });
}

/** One change's DTO as the actor sees it. */
export async function changeDtoFor(client: Tx, actor: Actor, datastore: DatastoreWithRelations, changeId: string): Promise<DatastoreChangeDto> {
  const row = await client.datastoreChange.findUniqueOrThrow({ where: { id: changeId } });
  const ops = (await operationsOfChanges(client, [row.id])).get(row.id) ?? { previewId: null, applyOperationId: null, applying: false };
  return toChangeDto(row, ops, changeActions(actor, datastore, row, ops), await decidersOf(client, [row]));
}
