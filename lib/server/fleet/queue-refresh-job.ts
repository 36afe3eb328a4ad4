// Queueing an inventory refresh (lib/server/fleet/refresh-jobs.ts runs them): light enough to import from the
// operation that triggers one (finish-operation) without loading the cloud SDKs.
import "server-only";
import type { Tx } from "../db/client";

export const REFRESH_TRIGGERS = ["scheduled", "on-demand", "after-operation"] as const;
export type RefreshTrigger = (typeof REFRESH_TRIGGERS)[number];

export type RefreshJobRow = Awaited<ReturnType<Tx["fleetRefreshJob"]["findFirstOrThrow"]>>;

/**
 * Queues a refresh of one datastore (or the whole fleet) unless the same one is already queued: asking twice before
 * a worker gets to it is one refresh. Runs in the caller's transaction (the up that succeeded, the API's request).
 */
export async function queueRefreshJob(tx: Tx, input: { trigger: RefreshTrigger; requestedBy: string; datastoreId: string | null }): Promise<RefreshJobRow> {
  const waiting = await tx.fleetRefreshJob.findFirst({ where: { status: "queued", datastoreId: input.datastoreId }, orderBy: { createdAt: "asc" } });
  if (waiting) return waiting;
  return tx.fleetRefreshJob.create({ data: { trigger: input.trigger, requestedBy: input.requestedBy, datastoreId: input.datastoreId, status: "queued" } });
}
