// What the campaign runner needs from the rest of the portal: the benchmark slice (queue a run inside the caller's
// transaction, compare two finished runs against the datastore's thresholds) and the alarms firing now (the
// MetricsSource seam). The process's own come from lib/server/bench and lib/server/health; tests may install a
// shorter poll interval, never other benchmarks.
import "server-only";
import type { CompareThresholdsInput } from "@/lib/bench/compare-runs";
import type { BenchComparison } from "@/lib/schemas/bench-run";
import { compareBenchRuns } from "../bench/compare-bench-runs";
import { queueBenchmark, type QueueBenchmarkInput } from "../bench/queue-benchmark";
import type { Tx } from "../db/client";
import { db } from "../db/client";
import { getMetricsSource, metricsTargetOf } from "../health/metrics-source-factory";
import { STEP_RETRY_BASE_MS } from "./step-failures";

export interface CampaignDeps {
  queueBenchmark(tx: Tx, input: QueueBenchmarkInput): Promise<{ operationId: string; runId: string }>;
  compareBenchRuns(baselineRunId: string, candidateRunId: string, overrides?: Partial<CompareThresholdsInput>): Promise<BenchComparison>;
  /** The datastore's alarms in state "alarm" now. */
  firingAlarms(datastoreId: string): Promise<{ name: string; state: string }[]>;
  /** How often the loop looks at the operations a step waits on. */
  pollMs: number;
  /** The wait after a step's first failure, doubling with each (lib/server/campaigns/step-failures). */
  stepRetryMs: number;
}

const globalForCampaigns = globalThis as unknown as { portalTestCampaignDeps?: Partial<CampaignDeps> | null };

async function firingAlarms(datastoreId: string): Promise<{ name: string; state: string }[]> {
  const d = await db().datastore.findUniqueOrThrow({ where: { id: datastoreId }, select: { id: true, family: true, outputs: true, createdAt: true } });
  const alarms = await getMetricsSource().alarms(metricsTargetOf(d));
  return alarms.filter((a) => a.state === "alarm").map((a) => ({ name: a.alarmName, state: a.state }));
}

export type { QueueBenchmarkInput };

export async function getCampaignDeps(): Promise<CampaignDeps> {
  const forTests = globalForCampaigns.portalTestCampaignDeps ?? {};
  return {
    queueBenchmark: forTests.queueBenchmark ?? ((tx, input) => queueBenchmark(tx, input)),
    compareBenchRuns: forTests.compareBenchRuns ?? ((b, c, o) => compareBenchRuns(b, c, o)),
    firingAlarms: forTests.firingAlarms ?? firingAlarms,
    pollMs: forTests.pollMs ?? 500,
    stepRetryMs: forTests.stepRetryMs ?? STEP_RETRY_BASE_MS,
  };
}

/** Tests install a poll interval, a retry backoff (or an alarm source, a failing step); null restores the process's. */
export function setCampaignDepsForTests(deps: Partial<CampaignDeps> | null): void {
  globalForCampaigns.portalTestCampaignDeps = deps;
}
