// What the inventory forgets (run with the rest of retention, lib/server/retention/run-retention.ts): refresh jobs a
// week after they finished, nodes a month after a refresh last saw them (their events go with them), resolved events
// a month after they were resolved, and the simulated cloud's instances a month after they were terminated. Every
// step is an idempotent delete, so several workers may run it at once.
import "server-only";
import { db } from "../db/client";

const DAY_MS = 86_400_000;

export const FLEET_RETENTION = {
  refreshJobDays: 7,
  goneNodeDays: 30,
  resolvedEventDays: 30,
  terminatedSimInstanceDays: 30,
} as const;

export interface FleetRetentionResult {
  fleetRefreshJobs: number;
  fleetNodes: number;
  fleetEvents: number;
  simCloudInstances: number;
}

export async function pruneFleet(now = new Date()): Promise<FleetRetentionResult> {
  const before = (days: number) => new Date(now.getTime() - days * DAY_MS);
  const jobs = await db().fleetRefreshJob.deleteMany({
    where: { status: { in: ["succeeded", "failed"] }, finishedAt: { lt: before(FLEET_RETENTION.refreshJobDays) } },
  });
  const events = await db().fleetEvent.deleteMany({ where: { resolvedAt: { lt: before(FLEET_RETENTION.resolvedEventDays) } } });
  // A gone node's events (resolved when it went) cascade with it.
  const nodes = await db().fleetNode.deleteMany({ where: { goneAt: { lt: before(FLEET_RETENTION.goneNodeDays) } } });
  const sims = await db().simCloudInstance.deleteMany({ where: { terminatedAt: { lt: before(FLEET_RETENTION.terminatedSimInstanceDays) } } });
  return { fleetRefreshJobs: jobs.count, fleetNodes: nodes.count, fleetEvents: events.count, simCloudInstances: sims.count };
}
