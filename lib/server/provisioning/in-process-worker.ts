// The worker inside the portal process (WORKER=inline, the default): started once by Next's instrumentation hook,
// stopped on SIGTERM/SIGINT. The guard lives on globalThis because Next may evaluate the hook's modules more than
// once in one process (dev reloads), and two workers there would only compete for the same slots.
import "server-only";
import { env } from "@/lib/env";
import { errorFields, log } from "../log";
import type { Worker } from "./worker";

const globalForWorker = globalThis as unknown as { portalInProcessWorker?: Promise<Worker | null> };

/** Whether this process runs a worker (GET /api/v1/provisioner tells the UI whether queued operations will move). */
export function inProcessWorkerRunning(): boolean {
  return globalForWorker.portalInProcessWorker !== undefined;
}

/** Starts the portal's worker unless WORKER=off or one already runs here; resolves to it (null when off). */
export function startInProcessWorker(): Promise<Worker | null> {
  if (env.WORKER === "off") return Promise.resolve(null);
  globalForWorker.portalInProcessWorker ??= (async () => {
    // Loaded when a worker starts, not at the top: the provisioner status reads inProcessWorkerRunning() without it.
    const { startWorker } = await import("./worker");
    const worker = startWorker();
    log.info("provisioning worker started in the portal process", { workerId: worker.id, provisioner: env.PROVISIONER, concurrency: env.WORKER_CONCURRENCY });
    const stop = (signal: string) => {
      // Next exits on its own once its server has closed, so there is no time for a grace period: abort what runs
      // now (each operation ends interrupted, its locks released); a retry picks it up after the restart.
      log.info("stopping the provisioning worker", { signal, workerId: worker.id });
      worker.stop({ graceMs: 0 }).catch((error: unknown) => log.error("provisioning worker did not stop cleanly", { error: errorFields(error) }));
    };
    process.once("SIGTERM", () => stop("SIGTERM"));
    process.once("SIGINT", () => stop("SIGINT"));
    return worker;
  })().catch((error: unknown) => {
    globalForWorker.portalInProcessWorker = undefined;
    log.error("could not start the provisioning worker", { error: errorFields(error) });
    return null;
  });
  return globalForWorker.portalInProcessWorker;
}
