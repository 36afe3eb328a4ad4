// Reads benchmark runs: one by id, or a datastore's newest first. 404 unless the caller may see the datastore's team.
import "server-only";
import { AppError } from "@/lib/errors";
import type { BenchRun, BenchRunList } from "@/lib/schemas/bench-run";
import type { Actor } from "../auth/actor";
import { canEditDatastore, canViewTeam } from "../auth/policy";
import { ALLOWED, conflict, firstDenial, forbidden, toAction, type Verdict } from "../auth/verdict";
import { db, type Tx } from "../db/client";
import { findVisibleDatastore } from "../datastores/get-datastore";
import { BENCH_RUN_INCLUDE, toBenchRunDto, type BenchRunWithOperation } from "./bench-run-dto";

export function benchRunNotFound(id: string): AppError {
  return new AppError("not_found", `No benchmark ${JSON.stringify(id.slice(0, 100))} that you can see.`);
}

export async function findVisibleBenchRun(client: Tx, actor: Actor, id: string): Promise<{ run: BenchRunWithOperation; teamId: string }> {
  const run = await client.benchRun.findUnique({ where: { id }, include: { ...BENCH_RUN_INCLUDE, datastore: { select: { teamId: true } } } });
  if (!run || !canViewTeam(actor, run.datastore.teamId)) throw benchRunNotFound(id);
  return { run, teamId: run.datastore.teamId };
}

export async function getBenchRun({ actor, id }: { actor: Actor; id: string }): Promise<BenchRun> {
  const { run, teamId } = await findVisibleBenchRun(db(), actor, id);
  return toBenchRunDto(run, actor, teamId);
}

/** Start a run: the owning team's members and reviewers, on an active datastore. */
export function startBenchRunVerdict(actor: Actor, datastore: { teamId: string; status: string; name: string }): Verdict {
  return firstDenial(
    () => (canEditDatastore(actor, datastore.teamId) ? ALLOWED : forbidden("Only the owning team's members and reviewers may benchmark this datastore.")),
    () => (datastore.status === "active" ? ALLOWED : conflict(`${datastore.name} is ${datastore.status}: only an active datastore is benchmarked.`)),
  );
}

/** At most this many runs in a list (newest first). */
const LIST_LIMIT = 100;

export async function listBenchRuns({ actor, datastoreId }: { actor: Actor; datastoreId: string }): Promise<BenchRunList> {
  const datastore = await findVisibleDatastore(db(), actor, datastoreId);
  const rows = await db().benchRun.findMany({
    where: { datastoreId },
    include: BENCH_RUN_INCLUDE,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: LIST_LIMIT,
  });
  return {
    runs: rows.map((r) => toBenchRunDto(r, actor, datastore.teamId)),
    actions: { start: toAction(startBenchRunVerdict(actor, datastore)) },
  };
}
