// Operation rows: inserting one (with its first "queued" event), appending events with gap-free seqs, and the
// row → DTO allow-list. Shared by the lifecycle use-cases (queueing), the worker (running) and the stream.
import "server-only";
import { z } from "zod";
import {
  ChangeSummarySchema,
  DatastoreOutputsSchema,
  OperationErrorSchema,
  OperationEventDataSchema,
  OperationSchema,
  ResourceChangeSchema,
  type OperationDto,
  type OperationEventData,
  type OperationEventDto,
  type OperationKind,
  type OperationPurpose,
} from "@/lib/schemas/operation";
import type { DatastoreSpec } from "@/lib/schemas/datastore-spec";
import type { Actor } from "../auth/actor";
import type { Db, Tx } from "../db/client";
import { specHash } from "./spec";

export type OperationRow = Awaited<ReturnType<Db["operation"]["findFirstOrThrow"]>>;
type EventRow = Awaited<ReturnType<Db["operationEvent"]["findFirstOrThrow"]>>;

export interface NewOperation {
  datastoreId: string;
  kind: OperationKind;
  purpose: OperationPurpose;
  /**
   * Who asked; null for the system (recovery, approval hooks run as the approving person, not the system). A
   * campaign's gate asks as "campaign:<id>", with no person behind it.
   */
  actor: (Pick<Actor, "label"> & { userId: string | null }) | null;
  spec: DatastoreSpec;
  changeId?: string | null;
  previewId?: string | null;
  retryOfId?: string | null;
  attempt?: number;
  /** Resource steps expected (an up confirming a preview: the preview's step count). */
  plannedSteps?: number | null;
  /** Not claimed before this time (a replacement placed in a maintenance window). */
  notBefore?: Date | null;
  /** Not claimed until a reviewer approves it. */
  approvalRequired?: boolean;
}

/** Inserts a queued operation and its first event; call inside the transaction that decides to queue it. */
export async function insertOperation(tx: Tx, input: NewOperation): Promise<OperationRow> {
  const row = await tx.operation.create({
    data: {
      datastoreId: input.datastoreId,
      kind: input.kind,
      purpose: input.purpose,
      status: "queued",
      requestedById: input.actor?.userId ?? null,
      requestedBy: input.actor?.label ?? "system",
      spec: JSON.parse(JSON.stringify(input.spec)),
      specHash: specHash(input.spec),
      changeId: input.changeId ?? null,
      previewId: input.previewId ?? null,
      retryOfId: input.retryOfId ?? null,
      attempt: input.attempt ?? 1,
      plannedSteps: input.plannedSteps ?? null,
      notBefore: input.notBefore ?? null,
      approvalRequired: input.approvalRequired ?? false,
    },
  });
  // The append only bumps eventCount (and updatedAt, which no caller reads): no need to read the row again.
  return { ...row, eventCount: await appendEvents(tx, row.id, [{ type: "status", status: "queued" }]) };
}

/**
 * Appends events with consecutive seqs. The increment of eventCount and the inserts share the transaction, so two
 * appenders never take the same seq (the row update serialises them) and a reader never sees a gap that fills later.
 */
export async function appendEvents(tx: Tx, operationId: string, events: readonly OperationEventData[]): Promise<number> {
  if (events.length === 0) {
    const row = await tx.operation.findUniqueOrThrow({ where: { id: operationId }, select: { eventCount: true } });
    return row.eventCount;
  }
  const { eventCount } = await tx.operation.update({
    where: { id: operationId },
    data: { eventCount: { increment: events.length } },
    select: { eventCount: true },
  });
  const first = eventCount - events.length + 1;
  const at = new Date();
  await tx.operationEvent.createMany({
    data: events.map((data, i) => ({ operationId, seq: first + i, at, type: data.type, data: JSON.parse(JSON.stringify(data)) })),
  });
  return eventCount;
}

export function toOperationEventDto(row: EventRow): OperationEventDto {
  return { seq: row.seq, at: row.at.toISOString(), data: OperationEventDataSchema.parse(row.data) };
}

/** Why a queued operation waits, in words: its window or a reviewer (both when both). */
export function waitingReason(row: Pick<OperationRow, "status" | "notBefore" | "approvalRequired" | "approvedAt">, now = new Date()): string | null {
  if (row.status !== "queued") return null;
  const reasons: string[] = [];
  if (row.notBefore && row.notBefore > now) reasons.push(`waiting for its window (starts ${row.notBefore.toISOString().slice(0, 16).replace("T", " ")} UTC)`);
  if (row.approvalRequired && !row.approvedAt) reasons.push("waiting for a reviewer's approval");
  return reasons.length > 0 ? reasons.join(" and ") : null;
}

const StoredDiffSchema = z.array(ResourceChangeSchema);
const iso = (d: Date | null) => d?.toISOString() ?? null;

/** What the caller may do with the operation now; computed by the use-case (it knows the actor and the rules). */
export type OperationActions = OperationDto["actions"];

export function toOperationDto(row: OperationRow, actions: OperationActions): OperationDto {
  return OperationSchema.parse({
    id: row.id,
    datastoreId: row.datastoreId,
    kind: row.kind,
    purpose: row.purpose,
    status: row.status,
    requestedBy: row.requestedBy,
    changeId: row.changeId,
    previewId: row.previewId,
    retryOfId: row.retryOfId,
    attempt: row.attempt,
    createdAt: row.createdAt.toISOString(),
    startedAt: iso(row.startedAt),
    finishedAt: iso(row.finishedAt),
    cancelRequestedAt: iso(row.cancelRequestedAt),
    progress: { planned: row.plannedSteps, done: row.doneSteps },
    summary: row.summary === null ? null : ChangeSummarySchema.parse(row.summary),
    diff: row.diff === null ? null : StoredDiffSchema.parse(row.diff),
    outputs: row.outputs === null ? null : DatastoreOutputsSchema.parse(row.outputs),
    error: row.error === null ? null : OperationErrorSchema.parse(row.error),
    eventCount: row.eventCount,
    eventsPrunedAt: iso(row.eventsPrunedAt),
    notBefore: iso(row.notBefore),
    approvalRequired: row.approvalRequired,
    approvedAt: iso(row.approvedAt),
    approvedBy: row.approvedBy,
    waiting: waitingReason(row),
    actions,
  });
}
