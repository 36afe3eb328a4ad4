// A person starts a benchmark (POST /api/v1/datastores/{id}/benchmarks): guards, then queueBenchmark and its audit in
// one transaction.
import "server-only";
import type { BenchRun, StartBenchRunBody } from "@/lib/schemas/bench-run";
import type { Actor } from "../auth/actor";
import { requireAllowed } from "../auth/verdict";
import { audit } from "../audit";
import { db } from "../db/client";
import { findVisibleDatastore } from "../datastores/get-datastore";
import { BENCH_RUN_INCLUDE, toBenchRunDto } from "./bench-run-dto";
import { startBenchRunVerdict } from "./get-bench-run";
import { queueBenchmark } from "./queue-benchmark";

export async function startBenchRun({ actor, datastoreId, body }: { actor: Actor; datastoreId: string; body: StartBenchRunBody }): Promise<BenchRun> {
  const datastore = await findVisibleDatastore(db(), actor, datastoreId);
  requireAllowed(startBenchRunVerdict(actor, datastore));
  return db().$transaction(async (tx) => {
    const { runId, operationId } = await queueBenchmark(tx, {
      datastoreId,
      purpose: "manual",
      ...(body.region !== undefined ? { region: body.region } : {}),
      ...(body.role !== undefined ? { role: body.role } : {}),
      ...(body.label !== undefined ? { label: body.label } : {}),
      ...(body.profile !== undefined ? { profile: body.profile } : {}),
      ...(body.derive !== undefined ? { derive: body.derive } : {}),
      actorLabel: actor.label,
      actorUserId: actor.userId,
    });
    await audit(tx, actor, {
      action: "benchmark.started",
      subjectType: "datastore",
      subjectId: datastoreId,
      teamId: datastore.teamId,
      detail: { runId, operationId },
    });
    const row = await tx.benchRun.findUniqueOrThrow({ where: { id: runId }, include: BENCH_RUN_INCLUDE });
    return toBenchRunDto(row, actor, datastore.teamId);
  });
}
