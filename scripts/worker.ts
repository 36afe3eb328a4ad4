// `npm run worker`: a provisioning worker in a process of its own, for portals started with WORKER=off or to add
// workers next to them (several workers share a PostgreSQL database safely; with SQLite, run them on the portal's
// machine). Same environment as the portal: DATABASE_URL / DATA_DIR, PROVISIONER, WORKER_CONCURRENCY,
// WORKER_LEASE_SECONDS. SIGTERM or SIGINT stops it gracefully; a second signal stops it at once.
// Run with the react-server condition (lib/server modules import "server-only"), in one process:
//   node --conditions=react-server --import tsx scripts/worker.ts
// (not the tsx CLI: its wrapper process SIGKILLs a child that does not acknowledge SIGTERM within 30 ms — a worker
// busy evaluating a program — and a wrapper killed alone leaves the worker running, orphaned.)
import { env } from "../lib/env";
import { databaseTarget, db } from "../lib/server/db/client";
import { errorFields, log } from "../lib/server/log";
import { startWorker, type Worker } from "../lib/server/provisioning/worker";

/** Running operations get this long to finish on shutdown before they are aborted (marked interrupted). */
const GRACE_MS = 8_000;

async function main(): Promise<void> {
  try {
    // The portal migrates on start; a worker pointed at an empty database would only log errors forever.
    await db().operation.count();
  } catch (error) {
    // Prisma's message quotes the whole query engine call; its last line is the reason.
    const reason = (error instanceof Error ? error.message : String(error)).trim().split("\n").at(-1);
    log.error("worker cannot read the operations table: is the database migrated? (`npm run db:deploy`, or start the portal once)", {
      database: databaseTarget.kind,
      reason,
    });
    process.exit(1);
  }
  const worker: Worker = startWorker();
  log.info("provisioning worker started", {
    workerId: worker.id,
    database: databaseTarget.kind,
    provisioner: env.PROVISIONER,
    concurrency: env.WORKER_CONCURRENCY,
    leaseSeconds: env.WORKER_LEASE_SECONDS,
  });

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      // A second signal: abort what runs now.
      void worker.stop({ graceMs: 0 });
      return;
    }
    stopping = true;
    log.info("provisioning worker stopping", { signal, running: worker.running });
    worker
      .stop({ graceMs: GRACE_MS })
      .then(() => db().$disconnect())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          log.error("provisioning worker did not stop cleanly", { error: errorFields(error) });
          process.exit(1);
        },
      );
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

void main();
