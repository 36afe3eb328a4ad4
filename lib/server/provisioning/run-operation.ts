// Runs one claimed operation on the engine: its events stored as they come (in batches, with gap-free seqs), its
// lease extended while it runs, a cancel request or a lost lease turned into an abort, and the outcome settled by
// finishOperation. Whatever happens in here, the operation ends settled or is left to lease expiry — never half.
import "server-only";
import { mkdir, rm } from "node:fs/promises";
import { join, resolve } from "node:path";
import { EngineError, type EngineResult, type EngineRun, type ProvisioningEngine } from "./engine-contract";
import { ProvisioningInputError } from "@/lib/schemas/datastore-spec";
import { OperationKindSchema, type EngineEvent, type OperationError } from "@/lib/schemas/operation";
import { z } from "zod";
import { db } from "../db/client";
import { errorFields, log } from "../log";
import { loadRunSettings } from "../settings/provisioning-settings";
import { finishOperation, type Outcome } from "./finish-operation";
import { appendEvents, type OperationRow } from "./operation-rows";
import { parseStoredSpec } from "./spec";
import { getMaintenanceDeps } from "../maintenance/maintenance-deps";
import { runReplaceNodes } from "../maintenance/run-replace-nodes";
import { runBenchmarkOperation } from "../bench/run-benchmark-operation";

export interface RunOptions {
  engine: ProvisioningEngine;
  workerId: string;
  leaseMs: number;
  /** Where work directories go: `<dataDir>/work/<operation id>`. */
  dataDir: string;
  /** Aborted when the worker shuts down: the operation ends interrupted (its locks released) rather than cancelled. */
  shutdown: AbortSignal;
  /** How often buffered events are written. */
  flushMs?: number;
}

type AbortReason = "cancel" | "lease-lost" | "shutdown";

/** How often a running operation looks for a cancel request (a cheap read; the lease is extended less often). */
const CONTROL_MS = 1000;

/** The error of an exception that is not an EngineError: bad input names its fields; anything else is logged. */
function unexpected(op: OperationRow, error: unknown): OperationError {
  if (error instanceof ProvisioningInputError) return { code: "input", message: error.message };
  if (error instanceof z.ZodError) {
    return {
      code: "input",
      message: `The operation's stored spec is not valid: ${error.issues.map((i) => `${i.path.join(".") || "spec"}: ${i.message}`).join("; ")}.`,
    };
  }
  log.error("operation failed unexpectedly", { operationId: op.id, kind: op.kind, error: errorFields(error) });
  return {
    code: "engine",
    message: error instanceof Error && error.message ? error.message : "The operation failed unexpectedly; the portal's log has the details.",
  };
}

/** Buffers engine events and writes them in batches, in order, only while this worker still holds the lease. */
function eventWriter(op: OperationRow, workerId: string, onLeaseLost: () => void) {
  let buffer: EngineEvent[] = [];
  let chain = Promise.resolve();
  let planned = op.plannedSteps;
  let lost = false;

  async function write(): Promise<void> {
    if (lost || buffer.length === 0) return;
    const batch = buffer;
    buffer = [];
    const done = batch.filter((e) => e.type === "resource-done" || e.type === "resource-failed").length;
    const started = batch.find((e) => e.type === "started");
    const newPlanned = planned === null && started?.type === "started" && started.planned !== undefined ? started.planned : undefined;
    try {
      const stored = await db().$transaction(
        async (tx) => {
          const { count } = await tx.operation.updateMany({
            where: { id: op.id, status: "running", leaseOwner: workerId },
            data: { doneSteps: { increment: done }, ...(newPlanned !== undefined ? { plannedSteps: newPlanned } : {}) },
          });
          if (count === 0) return false;
          await appendEvents(tx, op.id, batch);
          return true;
        },
        { maxWait: 10_000, timeout: 15_000 },
      );
      if (!stored) {
        lost = true;
        onLeaseLost();
      } else if (newPlanned !== undefined) planned = newPlanned;
    } catch (error) {
      // Nothing of the batch was written (one transaction): keep it, in order, for the next write.
      buffer = [...batch, ...buffer];
      log.warn("could not store operation events; retrying", { operationId: op.id, error: errorFields(error) });
    }
  }

  return {
    push: (event: EngineEvent) => void buffer.push(event),
    /** Writes what is buffered (after any write in progress). */
    flush: () => (chain = chain.then(write)),
    get lost() {
      return lost;
    },
  };
}

/** Runs a claimed operation to its end. Never throws: failures become the operation's error. */
export async function runOperation(op: OperationRow, options: RunOptions): Promise<void> {
  const { engine, workerId, leaseMs } = options;
  const controller = new AbortController();
  let reason: AbortReason | undefined;
  const abort = (why: AbortReason) => {
    if (reason) return;
    reason = why;
    controller.abort(new Error(`operation ${why}`));
  };
  const onShutdown = () => abort("shutdown");
  if (options.shutdown.aborted) onShutdown();
  else options.shutdown.addEventListener("abort", onShutdown, { once: true });

  const events = eventWriter(op, workerId, () => abort("lease-lost"));
  const flushTimer = setInterval(() => void events.flush(), options.flushMs ?? 250);

  // The lease is extended at least every third of its length; a cancel request is looked for every tick.
  let lastHeartbeat = Date.now();
  let controlling = false;
  const control = async () => {
    if (controlling || reason) return;
    controlling = true;
    try {
      // A quarter, not a third: a tick that lands a millisecond short of the mark must not push the beat a whole tick later.
      if (Date.now() - lastHeartbeat >= leaseMs / 4) {
        const now = new Date();
        const { count } = await db().operation.updateMany({
          where: { id: op.id, status: "running", leaseOwner: workerId },
          data: { leaseExpiresAt: new Date(now.getTime() + leaseMs), heartbeatAt: now },
        });
        if (count === 0) return abort("lease-lost");
        lastHeartbeat = now.getTime();
      }
      const row = await db().operation.findUnique({ where: { id: op.id }, select: { cancelRequestedAt: true, status: true, leaseOwner: true } });
      if (!row || row.status !== "running" || row.leaseOwner !== workerId) return abort("lease-lost");
      if (row.cancelRequestedAt) abort("cancel");
    } catch (error) {
      // A missed beat is not a lost lease: the lease outlasts a few more attempts.
      log.warn("operation heartbeat failed", { operationId: op.id, error: errorFields(error) });
    } finally {
      controlling = false;
    }
  };
  const controlTimer = setInterval(() => void control(), Math.min(CONTROL_MS, leaseMs / 3));

  const workDir = join(resolve(options.dataDir), "work", op.id);
  let outcome: Outcome;
  try {
    await control();
    outcome = await execute(
      op,
      engine,
      workDir,
      controller.signal,
      (event) => events.push(event),
      () => reason,
      workerId,
    );
  } finally {
    clearInterval(flushTimer);
    clearInterval(controlTimer);
    options.shutdown.removeEventListener("abort", onShutdown);
    await events.flush();
    await rm(workDir, { recursive: true, force: true }).catch((error: unknown) =>
      log.warn("could not remove a work directory", { workDir, error: errorFields(error) }),
    );
  }

  if (reason === "lease-lost" || events.lost) {
    // Someone else settled the operation (recovery after our lease expired): whatever we know now is stale.
    log.warn("operation lease lost; leaving it to whoever recovered it", { operationId: op.id, workerId });
    return;
  }
  try {
    const settled = await finishOperation(op, { leaseOwner: workerId }, outcome);
    if (!settled) log.warn("operation was settled by someone else before it finished here", { operationId: op.id, workerId });
  } catch (error) {
    // The lease runs out and recovery marks it interrupted; the datastore's lock goes with it.
    log.error("could not record the end of an operation", { operationId: op.id, status: outcome.status, error: errorFields(error) });
  }
}

async function execute(
  op: OperationRow,
  engine: ProvisioningEngine,
  workDir: string,
  signal: AbortSignal,
  onEvent: (event: EngineEvent) => void,
  abortReason: () => AbortReason | undefined,
  workerId: string,
): Promise<Outcome> {
  let result: EngineResult;
  try {
    if (op.kind === "replace-nodes") {
      // Not Pulumi: the stack does not change; the cloud's groups replace the nodes (lib/server/maintenance).
      if (signal.aborted) throw new EngineError({ code: "cancelled", message: "The operation was cancelled before it started." });
      result = await runReplaceNodes({ op, workerId, signal, onEvent, deps: await getMaintenanceDeps() });
      return { status: "succeeded", result };
    }
    if (op.kind === "benchmark") {
      // Not Pulumi either: load against the cluster (or its simulation), written to bench_runs (lib/server/bench).
      result = await runBenchmarkOperation({ op, signal, onEvent });
      return { status: "succeeded", result };
    }
    const spec = parseStoredSpec(op.spec);
    const { org, backend } = await loadRunSettings(db());
    await mkdir(workDir, { recursive: true });
    const kind = OperationKindSchema.exclude(["replace-nodes", "benchmark"]).parse(op.kind);
    const run: EngineRun = { operationId: op.id, kind, spec, org, backend, workDir, signal, onEvent };
    if (signal.aborted) throw new EngineError({ code: "cancelled", message: "The operation was cancelled before it started." });
    result = await engine.run(run);
  } catch (error) {
    const why = abortReason();
    if (why === "cancel")
      return { status: "cancelled", error: { code: "cancelled", message: "The operation was cancelled; the engine stopped at the step shown last." } };
    if (why === "shutdown")
      return {
        status: "interrupted",
        error: { code: "interrupted", message: "The worker running this operation shut down before it finished; retry to run it again." },
      };
    if (why === "lease-lost") return { status: "interrupted", error: { code: "interrupted", message: "The worker lost this operation's lease." } };
    if (error instanceof EngineError) {
      log.info("operation failed", { operationId: op.id, kind: op.kind, code: error.failure.code, reason: error.failure.message });
      return { status: error.failure.code === "cancelled" ? "cancelled" : "failed", error: error.failure };
    }
    return { status: "failed", error: unexpected(op, error) };
  }
  return { status: "succeeded", result };
}
