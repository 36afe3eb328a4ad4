// Ends a running operation in one transaction: its final status and results, what that means for the datastore
// (the lifecycle's "worker effects") and its pending change, the datastore's lock released, the last status event
// and an audit event. Conditional on the lease the caller holds, so a worker that lost its lease (the operation
// was recovered meanwhile) writes nothing, and two recoverers never both settle one operation.
import "server-only";
import type { EngineResult } from "./engine-contract";
import type { ChangeSummary, OperationError, OperationEventData } from "@/lib/schemas/operation";
import { audit } from "../audit";
import { emitOperationOutcome } from "../webhooks/events";
import { regionRowsReplace } from "../datastores/region-rows";
import { db, jsonDbNull, type Tx } from "../db/client";
import { appendEvents, type OperationRow } from "./operation-rows";
import { queueRefreshJob } from "../fleet/queue-refresh-job";
import { parseStoredSpec } from "./spec";

export type FinalStatus = "succeeded" | "failed" | "cancelled" | "interrupted";

export type Outcome = { status: "succeeded"; result: EngineResult } | { status: Exclude<FinalStatus, "succeeded">; error: OperationError };

/** The lease the caller holds: its owner and, for a recoverer, the expiry it saw (so it settles only that lease). */
export interface LeaseCondition {
  leaseOwner: string | null;
  leaseExpiresAt?: Date | null;
}

type Op = Pick<OperationRow, "id" | "datastoreId" | "kind" | "purpose" | "spec" | "changeId" | "attempt">;

const json = (value: unknown) => JSON.parse(JSON.stringify(value)) as object;

function summaryText(summary: ChangeSummary): string {
  const parts = Object.entries(summary).flatMap(([op, n]) => (n && op !== "same" ? [`${n} to ${op}`] : []));
  return parts.length === 0 ? "no changes" : parts.join(", ");
}

function finalMessage(op: Op, outcome: Outcome): string {
  if (outcome.status !== "succeeded") return outcome.error.message;
  if (op.kind === "benchmark") return "Benchmark finished.";
  const past =
    { preview: "Previewed", up: "Updated", refresh: "Checked for drift", destroy: "Destroyed", "replace-nodes": "Replaced nodes" }[op.kind] ?? "Finished";
  return `${past}: ${summaryText(outcome.result.summary)}.`;
}

/** The operation that applies a datastore change (the up of a day-2 edit, the destroy of a decommission). */
function appliesChange(op: Op): boolean {
  return op.changeId !== null && ((op.kind === "up" && op.purpose === "change") || (op.kind === "destroy" && op.purpose === "decommission"));
}

/** The datastore's new fields after the operation, or null when it does not change the datastore. */
async function datastoreEffects(tx: Tx, op: Op, outcome: Outcome): Promise<Record<string, unknown> | null> {
  const ok = outcome.status === "succeeded";
  const outputs = ok && outcome.result.outputs ? json(outcome.result.outputs) : null;
  if (op.kind === "up" && op.purpose === "provision") return ok ? { status: "active", ...(outputs ? { outputs } : {}) } : { status: "failed" };
  if (op.kind === "up" && op.purpose === "change") {
    // A failed day-2 update leaves the running cluster as it was; the change says it failed.
    if (!ok) return null;
    const spec = parseStoredSpec(op.spec);
    const change = op.changeId ? await tx.datastoreChange.findUnique({ where: { id: op.changeId }, select: { monthlyCost: true } }) : null;
    return {
      status: "active",
      regions: spec.regions,
      regionRows: regionRowsReplace(spec.regions),
      topology: json(spec.topology),
      annualCost: spec.annualCost,
      monthlyCost: change?.monthlyCost ?? Math.round((spec.annualCost / 12) * 100) / 100,
      ...(outputs ? { outputs } : {}),
    };
  }
  if (op.kind === "destroy" && op.purpose === "decommission")
    return ok ? { status: "decommissioned", decommissionedAt: new Date(), outputs: jsonDbNull() } : { status: "failed" };
  // Cleaning up a failed provisioning: with no resources left it may be previewed and provisioned again.
  if (op.kind === "destroy" && op.purpose === "cleanup") return ok ? { status: "approved", outputs: jsonDbNull() } : null;
  return null;
}

/**
 * Settles the operation if the caller still holds its lease; returns whether it did. `events` go in before the final
 * status event (a recoverer's note that it cleared the stack lock).
 */
export async function finishOperation(op: Op, lease: LeaseCondition, outcome: Outcome, events: readonly OperationEventData[] = []): Promise<boolean> {
  return db().$transaction(
    async (tx) => {
      const ok = outcome.status === "succeeded";
      const finished = await tx.operation.updateMany({
        where: {
          id: op.id,
          status: "running",
          leaseOwner: lease.leaseOwner,
          ...(lease.leaseExpiresAt !== undefined ? { leaseExpiresAt: lease.leaseExpiresAt } : {}),
        },
        data: {
          status: outcome.status,
          finishedAt: new Date(),
          leaseExpiresAt: null,
          ...(ok
            ? {
                summary: json(outcome.result.summary),
                // The structured diff is what a preview (and a drift check) is for; an up's steps are in its events.
                ...(op.kind === "preview" || op.kind === "refresh" ? { diff: json(outcome.result.changes) } : {}),
                ...(op.kind === "up" && outcome.result.outputs ? { outputs: json(outcome.result.outputs) } : {}),
              }
            : { error: json(outcome.error) }),
        },
      });
      if (finished.count === 0) return false;

      const effects = await datastoreEffects(tx, op, outcome);
      // The datastore's status before, so a webhook reports a transition (active again after a change is none).
      const statusBefore = effects ? (await tx.datastore.findUniqueOrThrow({ where: { id: op.datastoreId }, select: { status: true } })).status : undefined;
      if (effects) await tx.datastore.update({ where: { id: op.datastoreId }, data: { ...effects, version: { increment: 1 } } });
      await tx.datastore.updateMany({ where: { id: op.datastoreId, lockOperationId: op.id }, data: { lockOperationId: null } });
      if (appliesChange(op) && op.changeId) {
        // Applied on success (also after a failed attempt, by its retry); failed only while it was being applied.
        await tx.datastoreChange.updateMany({
          where: { id: op.changeId, status: { in: ok ? ["approved", "failed"] : ["approved"] } },
          data: { status: ok ? "applied" : "failed", version: { increment: 1 } },
        });
      }

      await appendEvents(tx, op.id, [...events, { type: "status", status: outcome.status, message: finalMessage(op, outcome) }]);
      const datastore = await tx.datastore.findUniqueOrThrow({ where: { id: op.datastoreId }, select: { teamId: true } });
      await audit(tx, null, {
        action: `operation.${outcome.status}`,
        subjectType: "datastore",
        subjectId: op.datastoreId,
        teamId: datastore.teamId,
        detail: {
          operationId: op.id,
          kind: op.kind,
          purpose: op.purpose,
          attempt: op.attempt,
          ...(op.changeId ? { changeId: op.changeId } : {}),
          ...(ok ? { summary: outcome.result.summary } : { error: outcome.error.message }),
        },
      });
      // The inventory follows the stack: an up may have replaced or added groups, a destroy removed them.
      if (ok && (op.kind === "up" || op.kind === "destroy"))
        await queueRefreshJob(tx, { trigger: "after-operation", requestedBy: `operation:${op.id}`, datastoreId: op.datastoreId });
      const statusAfter = typeof effects?.status === "string" && effects.status !== statusBefore ? effects.status : undefined;
      await emitOperationOutcome(
        tx,
        op,
        ok ? { status: outcome.status, summary: outcome.result.summary } : { status: outcome.status, error: outcome.error.message },
        statusAfter,
      );
      return true;
    },
    { maxWait: 10_000, timeout: 15_000 },
  );
}
