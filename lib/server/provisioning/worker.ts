// The worker: a loop that recovers operations whose lease expired, claims queued operations while it runs fewer
// than its concurrency, and runs them side by side (each on a different datastore: the claim guarantees it). Any
// number of workers may share a database — in the portal process, in `npm run worker` processes, on other
// machines with PostgreSQL — because every step that matters is a conditional update.
import "server-only";
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { ProvisioningEngine } from "./engine-contract";
import { env } from "@/lib/env";
import { errorFields, log } from "../log";
import { claimOperation } from "./claim-operation";
import { getEngine } from "./engine";
import { recoverOperations } from "./recover-operations";
import { runOperation } from "./run-operation";
import { RETENTION, retentionSchedule } from "../retention/retention-schedule";
import { scheduleMaintenance } from "../maintenance/schedule-maintenance";
import { choreSchedule, loopPacing } from "../loop-pacing";
import { startWebhookLoop, type WebhookLoopOptions } from "../webhooks/process-deliveries";
import { startFleetRefreshLoop, type FleetLoopOptions } from "../fleet/refresh-loop";
import { startCampaignLoop, type CampaignLoopOptions } from "../campaigns/campaign-loop";

export interface WorkerOptions {
  /** Recorded as each claimed operation's lease owner; default: host, process and a random suffix. */
  workerId?: string;
  /** Operations run at once. */
  concurrency?: number;
  /** How long a claim lasts without a heartbeat. */
  leaseMs?: number;
  /** How often to look for queued work when idle. */
  pollMs?: number;
  /** The engine to run operations on; default: the process's (PROVISIONER). */
  engine?: ProvisioningEngine;
  /** Where work directories go; default DATA_DIR. */
  dataDir?: string;
  /** How often to run retention (lib/server/retention); default every 15 minutes, 0: never. */
  retentionEveryMs?: number;
  /** How often the maintenance scheduler places replacements (lib/server/maintenance); default MAINTENANCE_SCHEDULE_MINUTES, 0: never. */
  maintenanceEveryMs?: number;
  /** The sibling loop that delivers webhooks (lib/server/webhooks); false: none in this worker. */
  webhooks?: WebhookLoopOptions | false;
  /**
   * The sibling loop that refreshes the fleet inventory (lib/server/fleet); false: none. Default: on when the worker
   * runs the process's engine (as `npm start` and `npm run worker` do), off when it was handed a test engine, whose
   * datastores no cloud knows.
   */
  fleet?: FleetLoopOptions | false;
  /** The sibling loop that drives upgrade campaigns (lib/server/campaigns); false: none. Default: as `fleet`. */
  campaigns?: CampaignLoopOptions | false;
}

export interface StopOptions {
  /** How long running operations may go on before they are aborted and marked interrupted. */
  graceMs?: number;
}

export interface Worker {
  readonly id: string;
  /** Stops claiming, lets running operations finish for up to graceMs, then aborts the rest (interrupted). */
  stop(options?: StopOptions): Promise<void>;
  /** Resolves once the worker has nothing running and found nothing to claim. */
  idle(): Promise<void>;
  /** Operations running now. */
  readonly running: number;
}

/** How long stopping waits for aborted operations to record their end before leaving them to lease expiry. */
const ABORT_SETTLE_MS = 15_000;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms).unref?.());

export function startWorker(options: WorkerOptions = {}): Worker {
  const id = options.workerId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const concurrency = options.concurrency ?? env.WORKER_CONCURRENCY;
  const leaseMs = options.leaseMs ?? env.WORKER_LEASE_SECONDS * 1000;
  const pollMs = options.pollMs ?? 500;
  const dataDir = options.dataDir ?? env.DATA_DIR;
  const running = new Map<string, Promise<void>>();
  const shutdown = new AbortController();
  let stopping = false;
  const pacing = loopPacing({ keepAlive: true });
  let lastUnavailable: string | undefined;

  async function tick(): Promise<boolean> {
    const engine = options.engine ?? (await getEngine());
    await recoverOperations({ engine, workerId: id, leaseMs, dataDir });
    const status = await engine.status();
    if (!status.available) {
      // Nothing can run: leave the queue alone (the UI's banner and the API's 503 explain why) and say so once.
      if (lastUnavailable !== status.message)
        log.warn("provisioner unavailable; not claiming operations", { workerId: id, engine: engine.kind, reason: status.message });
      lastUnavailable = status.message;
      return false;
    }
    lastUnavailable = undefined;
    let claimedAny = false;
    while (!stopping && running.size < concurrency) {
      const op = await claimOperation({ workerId: id, leaseMs });
      if (!op) break;
      claimedAny = true;
      log.info("operation started", { workerId: id, operationId: op.id, kind: op.kind, purpose: op.purpose, datastoreId: op.datastoreId });
      const run = runOperation(op, { engine, workerId: id, leaseMs, dataDir, shutdown: shutdown.signal })
        .catch((error: unknown) => log.error("operation run crashed", { operationId: op.id, error: errorFields(error) }))
        .finally(() => {
          running.delete(op.id);
          log.info("operation ended", { workerId: id, operationId: op.id });
          // A slot is free: look for the next operation now rather than at the next poll.
          pacing.wake();
        });
      running.set(op.id, run);
    }
    return claimedAny;
  }

  const retention = retentionSchedule(options.retentionEveryMs ?? RETENTION.everyMs, id);
  const maintenance = choreSchedule("maintenance scheduling", options.maintenanceEveryMs ?? env.MAINTENANCE_SCHEDULE_MINUTES * 60_000, id, () =>
    scheduleMaintenance().then(() => undefined),
  );
  const webhooks = options.webhooks === false ? null : startWebhookLoop(id, options.webhooks);
  const fleetOptions = options.fleet ?? (options.engine ? false : {});
  const fleet = fleetOptions === false ? null : startFleetRefreshLoop(id, { leaseMs, ...fleetOptions });
  const campaignOptions = options.campaigns ?? (options.engine ? false : {});
  const campaigns = campaignOptions === false ? null : startCampaignLoop(id, { leaseMs, ...campaignOptions });

  const loop = (async () => {
    while (!stopping) {
      let claimed = false;
      try {
        claimed = await tick();
      } catch (error) {
        // A database hiccup or an engine that failed to load: log it and try again at the next poll.
        log.error("worker loop failed; retrying", { workerId: id, error: errorFields(error) });
      }
      if (!stopping) await retention.runWhenDue();
      if (!stopping) await maintenance.runWhenDue();
      if (!claimed && running.size === 0) pacing.settled();
      if (!stopping) await pacing.nap(pollMs);
    }
  })();

  return {
    id,
    get running() {
      return running.size;
    },
    idle: pacing.idle,
    async stop({ graceMs = 10_000 }: StopOptions = {}) {
      if (!stopping) log.info("worker stopping", { workerId: id, running: running.size, graceMs });
      stopping = true;
      pacing.wake();
      await loop;
      const webhooksStopped = webhooks?.stop();
      const fleetStopped = fleet?.stop();
      const campaignsStopped = campaigns?.stop();
      const all = () => Promise.all(running.values()).then(() => undefined);
      if (running.size > 0 && graceMs > 0) await Promise.race([all(), sleep(graceMs)]);
      if (running.size > 0) {
        shutdown.abort();
        await Promise.race([all(), sleep(ABORT_SETTLE_MS)]);
      }
      await webhooksStopped;
      await fleetStopped;
      await campaignsStopped;
      pacing.settled();
      log.info("worker stopped", { workerId: id, leftRunning: running.size });
    },
  };
}
