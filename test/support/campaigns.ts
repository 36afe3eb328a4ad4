// Campaign runner tests one move at a time: advanceCampaign under a lease (no worker), the operations a step waits on
// settled the way the worker settles them, a gate comparison that passes (the gate's own logic is tested with real
// benchmarks in campaign-runner.test.ts), and EVCache datastores with an inventory from the simulated cloud.
import { expect } from "vitest";
import { CompareThresholdsSchema } from "@/lib/bench/compare-runs";
import type { BenchComparison } from "@/lib/schemas/bench-run";
import { advanceCampaign } from "@/lib/server/campaigns/advance-campaign";
import { getCampaignDeps, setCampaignDepsForTests, type CampaignDeps } from "@/lib/server/campaigns/campaign-deps";
import { claimCampaigns } from "@/lib/server/campaigns/campaign-loop";
import { db } from "@/lib/server/db/client";
import { refreshDatastoreInventory } from "@/lib/server/fleet/refresh-inventory";
import { SimulatedFleetCloud } from "@/lib/server/fleet/simulated-fleet-cloud";
import { makeTeam } from "./actors";
import { makeProvisionedDatastore } from "./fleet";

const cloud = new SimulatedFleetCloud({ readyMs: 10 });
export const LEASE_MS = 30_000;
export const RETRY_MS = 40;

export const passingComparison = async (baselineRunId: string, candidateRunId: string): Promise<BenchComparison> => ({
  baselineRunId,
  candidateRunId,
  thresholds: CompareThresholdsSchema.parse({ maxRegressionPct: 100 }),
  thresholdSources: {},
  comparison: { verdict: "pass", reasons: [], checks: [], reads: null, writes: null, throughput: { baselinePerSecond: 1, candidatePerSecond: 1, deltaPct: 0 } },
  verdict: "pass",
  reasons: ["within the thresholds"],
  synthetic: true,
  notes: [],
});

/** A short retry backoff, a passing gate and no alarm; `extra` replaces any of them (a failing step). */
export function useCampaignDeps(extra: Partial<CampaignDeps> = {}): void {
  setCampaignDepsForTests({ pollMs: 10, stepRetryMs: RETRY_MS, compareBenchRuns: passingComparison, firingAlarms: async () => [], ...extra });
}

export async function evcacheWithNodes(name: string, tier: 0 | 1 | 2 | 3 = 3, teamId?: string) {
  const ds = await makeProvisionedDatastore({ teamId: teamId ?? (await makeTeam()).id, family: "evcache", tier, name, regions: ["us-east-1"] });
  await refreshDatastoreInventory(ds.id, { cloud });
  return ds;
}

/** One look of a worker at the campaign, as the loop takes it: the lease, then every move that can be made now. */
export async function advance(campaignId: string, workerId = "worker-1"): Promise<boolean> {
  expect(await claimCampaigns(workerId, LEASE_MS)).toContain(campaignId);
  return advanceCampaign({ workerId, leaseMs: LEASE_MS, deps: await getCampaignDeps() }, campaignId);
}

export const targetOf = (campaignId: string, datastoreId: string) => db().campaignTarget.findFirstOrThrow({ where: { campaignId, datastoreId } });

/** The step's operation ends as the worker would end it. */
export async function settle(campaignId: string, datastoreId: string, status: "succeeded" | "failed" | "interrupted", message = ""): Promise<void> {
  const { operationId } = await targetOf(campaignId, datastoreId);
  if (!operationId) throw new Error(`The target of ${datastoreId} waits on no operation.`);
  await db().operation.update({
    where: { id: operationId },
    data: {
      status,
      finishedAt: new Date(),
      ...(status === "succeeded" ? {} : { error: { code: status === "failed" ? "engine_error" : "interrupted", message } }),
    },
  });
}

/** Moves the target through its steps, each operation succeeding, until it is at `step`. */
export async function driveTo(campaignId: string, datastoreId: string, step: string): Promise<void> {
  await advance(campaignId);
  for (let i = 0; i < 10 && (await targetOf(campaignId, datastoreId)).step !== step; i++) {
    await settle(campaignId, datastoreId, "succeeded");
    await advance(campaignId);
  }
  expect((await targetOf(campaignId, datastoreId)).step).toBe(step);
}
