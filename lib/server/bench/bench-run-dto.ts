// bench_runs rows → the API's allow-list (BenchRunSchema), with the operation's status and what the caller may do.
import "server-only";
import { z } from "zod";
import { BenchProfileSchema } from "@/lib/bench/profile";
import { BenchResultSchema } from "@/lib/bench/result";
import { BenchDriverNameSchema, BenchPurposeSchema, BenchRunProgressSchema, BenchRunSchema, BenchTargetSchema, type BenchRun } from "@/lib/schemas/bench-run";
import { isTerminal, OperationErrorSchema, OperationStatusSchema, type OperationStatus } from "@/lib/schemas/operation";
import type { Actor } from "../auth/actor";
import { canEditDatastore } from "../auth/policy";
import { conflict, firstDenial, forbidden, toAction, ALLOWED, type Verdict } from "../auth/verdict";
import type { Db } from "../db/client";

export type BenchRunRow = Awaited<ReturnType<Db["benchRun"]["findFirstOrThrow"]>>;
export const BENCH_RUN_INCLUDE = { operation: { select: { status: true, error: true, finishedAt: true } } } as const;
export type BenchRunWithOperation = BenchRunRow & { operation: { status: string; error: unknown; finishedAt: Date | null } };

/** Cancel: the datastore's owners and reviewers, while the run's operation is queued or running. */
export function cancelBenchRunVerdict(actor: Actor | null, teamId: string, status: OperationStatus): Verdict {
  return firstDenial(
    () => (actor === null || canEditDatastore(actor, teamId) ? ALLOWED : forbidden("Only the owning team's members and reviewers may cancel its benchmarks.")),
    () => (isTerminal(status) ? conflict(`The benchmark is ${status}; only a queued or running one can be cancelled.`) : ALLOWED),
  );
}

/** Stored JSON read through the shared schemas: a row that no longer reads shows null, never a 500. */
const lenient = <T extends z.ZodType>(schema: T, value: unknown): z.output<T> | null => {
  const r = schema.safeParse(value);
  return r.success ? r.data : null;
};

export function toBenchRunDto(row: BenchRunWithOperation, actor: Actor | null, teamId: string): BenchRun {
  const status = OperationStatusSchema.parse(row.operation.status);
  const error = lenient(OperationErrorSchema, row.operation.error);
  return BenchRunSchema.parse({
    id: row.id,
    datastoreId: row.datastoreId,
    operationId: row.operationId,
    status,
    purpose: BenchPurposeSchema.parse(row.purpose),
    label: row.label,
    region: row.region,
    role: row.role,
    driver: BenchDriverNameSchema.parse(row.driver),
    target: BenchTargetSchema.parse(row.target),
    synthetic: row.target === "synthetic",
    engineVersion: row.engineVersion,
    profile: BenchProfileSchema.parse(row.profile),
    profileNotes: lenient(z.array(z.string()), row.profileNotes),
    progress: lenient(BenchRunProgressSchema, row.progress),
    result: lenient(BenchResultSchema, row.result),
    error: status === "succeeded" ? null : (error?.message ?? null),
    campaignTargetId: row.campaignTargetId,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    finishedAt: (row.finishedAt ?? row.operation.finishedAt)?.toISOString() ?? null,
    actions: { cancel: toAction(cancelBenchRunVerdict(actor, teamId, status)) },
  });
}
