// Cancels a benchmark: its operation's cancel (a queued one at once, a running one by asking its worker; the harness
// stops sending and keeps the figures so far).
import "server-only";
import type { BenchRun } from "@/lib/schemas/bench-run";
import type { Actor } from "../auth/actor";
import { db } from "../db/client";
import { cancelOperation } from "../provisioning/cancel-operation";
import { toBenchRunDto } from "./bench-run-dto";
import { findVisibleBenchRun } from "./get-bench-run";

export async function cancelBenchRun({ actor, id }: { actor: Actor; id: string }): Promise<BenchRun> {
  const { run } = await findVisibleBenchRun(db(), actor, id);
  await cancelOperation({ actor, id: run.operationId });
  const after = await findVisibleBenchRun(db(), actor, id);
  return toBenchRunDto(after.run, actor, after.teamId);
}
