// The worker's inventory loop, beside the operations and webhook loops: queues the scheduled refresh when it is due,
// claims refresh jobs one at a time and runs them. Stopping aborts a refresh in flight; its job is left to lease
// expiry and runs again (the refresh writes nothing until it has read the cloud, then one transaction per datastore).
import "server-only";
import { env } from "@/lib/env";
import { errorFields, log } from "../log";
import { loopPacing } from "../loop-pacing";
import type { FleetCloud } from "./fleet-cloud";
import { claimRefreshJob, runRefreshJob, scheduleRefreshWhenDue } from "./refresh-jobs";

export interface FleetLoopOptions {
  /** How often to look for jobs when idle; default 1 s. */
  pollMs?: number;
  /** How long a claim lasts without a heartbeat; default WORKER_LEASE_SECONDS. */
  leaseMs?: number;
  /** The scheduled refresh's period; default FLEET_REFRESH_MINUTES, 0: no scheduled refresh. */
  everyMs?: number;
  /** The cloud to read; default the provisioner's (getFleetCloud). */
  cloud?: FleetCloud;
}

export interface FleetLoop {
  /** Resolves once the loop found nothing to claim. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

export function startFleetRefreshLoop(workerId: string, options: FleetLoopOptions = {}): FleetLoop {
  const pollMs = options.pollMs ?? 1000;
  const leaseMs = options.leaseMs ?? env.WORKER_LEASE_SECONDS * 1000;
  const everyMs = options.everyMs ?? env.FLEET_REFRESH_MINUTES * 60_000;
  const shutdown = new AbortController();
  let stopping = false;
  const pacing = loopPacing();

  const loop = (async () => {
    while (!stopping) {
      let claimed = false;
      try {
        if (everyMs > 0) await scheduleRefreshWhenDue(new Date(), everyMs);
        const job = await claimRefreshJob({ workerId, leaseMs });
        if (job) {
          claimed = true;
          const result = await runRefreshJob(job, { workerId, leaseMs, signal: shutdown.signal, ...(options.cloud ? { cloud: options.cloud } : {}) });
          if (result.status === "failed") log.warn("fleet refresh failed", { workerId, jobId: job.id });
          else if (result.status === "succeeded") log.debug("fleet refresh done", { workerId, jobId: job.id, ...result.summary });
        }
      } catch (error) {
        log.error("fleet refresh loop failed; retrying", { workerId, error: errorFields(error) });
      }
      if (!claimed) pacing.settled();
      if (!stopping && !claimed) await pacing.nap(pollMs);
    }
  })();

  return {
    idle: pacing.idle,
    async stop() {
      stopping = true;
      shutdown.abort();
      pacing.wake();
      await loop;
      pacing.settled();
    },
  };
}
