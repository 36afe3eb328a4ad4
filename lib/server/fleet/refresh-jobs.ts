// Inventory refreshes as jobs (fleet_refresh_jobs), so that any number of workers share them like operations: queued
// by the schedule (every FLEET_REFRESH_MINUTES), on demand (the API and the fleet page's button) and after every
// successful up or destroy of a datastore; claimed with a conditional update under a lease that the runner extends
// while it works; a job whose worker died (lease expired while running) is claimed again, at most MAX_ATTEMPTS times.
// A refresh is idempotent, so running one twice costs time, never correctness.
import "server-only";
import { env } from "@/lib/env";
import { db } from "../db/client";
import { errorFields, log } from "../log";
import type { FleetCloud } from "./fleet-cloud";
import { queueRefreshJob, type RefreshJobRow } from "./queue-refresh-job";
import { refreshInventory, type RefreshSummary } from "./refresh-inventory";

/** A job claimed this many times (its workers kept dying) is failed rather than claimed again. */
export const MAX_ATTEMPTS = 3;

/** Queues the scheduled whole-fleet refresh when the last one was created `everyMs` ago or more (or never). */
export async function scheduleRefreshWhenDue(now = new Date(), everyMs = env.FLEET_REFRESH_MINUTES * 60_000): Promise<RefreshJobRow | null> {
  const last = await db().fleetRefreshJob.findFirst({ where: { trigger: "scheduled" }, orderBy: { createdAt: "desc" }, select: { createdAt: true } });
  if (last && now.getTime() - last.createdAt.getTime() < everyMs) return null;
  return db().$transaction((tx) => queueRefreshJob(tx, { trigger: "scheduled", requestedBy: "system", datastoreId: null }));
}

/** Claims the oldest queued job, or one whose worker's lease ran out while it ran. */
export async function claimRefreshJob(opts: { workerId: string; leaseMs: number; now?: Date }): Promise<RefreshJobRow | null> {
  const now = opts.now ?? new Date();
  const candidates = await db().fleetRefreshJob.findMany({
    where: { OR: [{ status: "queued" }, { status: "running", leaseExpiresAt: { lt: now } }] },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: 10,
  });
  for (const job of candidates) {
    const recovering = job.status === "running";
    if (recovering && job.attempt >= MAX_ATTEMPTS) {
      await db().fleetRefreshJob.updateMany({
        where: { id: job.id, status: "running", leaseExpiresAt: job.leaseExpiresAt },
        data: { status: "failed", finishedAt: now, leaseOwner: null, leaseExpiresAt: null, error: { message: `its worker stopped ${job.attempt} times` } },
      });
      continue;
    }
    const { count } = await db().fleetRefreshJob.updateMany({
      // Conditional on what was read: of two workers racing for it, one wins.
      where: { id: job.id, status: job.status, leaseExpiresAt: job.leaseExpiresAt },
      data: {
        status: "running",
        leaseOwner: opts.workerId,
        leaseExpiresAt: new Date(now.getTime() + opts.leaseMs),
        startedAt: now,
        ...(recovering ? { attempt: { increment: 1 } } : {}),
      },
    });
    if (count === 1) return db().fleetRefreshJob.findUniqueOrThrow({ where: { id: job.id } });
  }
  return null;
}

/** Runs a claimed job: refreshes, extends the lease meanwhile, and records the outcome if it still holds the lease. */
export async function runRefreshJob(
  job: RefreshJobRow,
  opts: { workerId: string; leaseMs: number; cloud?: FleetCloud; signal?: AbortSignal },
): Promise<{ status: "succeeded" | "failed" | "lost"; summary?: RefreshSummary }> {
  const heartbeat = setInterval(
    () => {
      void db()
        .fleetRefreshJob.updateMany({
          where: { id: job.id, status: "running", leaseOwner: opts.workerId },
          data: { leaseExpiresAt: new Date(Date.now() + opts.leaseMs) },
        })
        .catch((error: unknown) => log.warn("fleet refresh heartbeat failed", { jobId: job.id, error: errorFields(error) }));
    },
    Math.max(1000, Math.floor(opts.leaseMs / 3)),
  );
  heartbeat.unref?.();
  let outcome: { status: "succeeded"; summary: RefreshSummary } | { status: "failed"; error: string };
  try {
    const summary = await refreshInventory({
      datastoreId: job.datastoreId,
      ...(opts.cloud ? { cloud: opts.cloud } : {}),
      ...(opts.signal ? { signal: opts.signal } : {}),
    });
    outcome = { status: "succeeded", summary };
  } catch (error) {
    if (opts.signal?.aborted) {
      // Stopping: leave the job to lease expiry, so that another worker (or this one, restarted) runs it again.
      clearInterval(heartbeat);
      return { status: "lost" };
    }
    outcome = { status: "failed", error: error instanceof Error ? error.message : String(error) };
  } finally {
    clearInterval(heartbeat);
  }
  const { count } = await db().fleetRefreshJob.updateMany({
    where: { id: job.id, status: "running", leaseOwner: opts.workerId },
    data: {
      status: outcome.status,
      finishedAt: new Date(),
      leaseOwner: null,
      leaseExpiresAt: null,
      ...(outcome.status === "succeeded" ? { summary: { ...outcome.summary } } : { error: { message: outcome.error.slice(0, 2000) } }),
    },
  });
  if (count === 0) return { status: "lost" };
  return outcome.status === "succeeded" ? { status: "succeeded", summary: outcome.summary } : { status: "failed" };
}
