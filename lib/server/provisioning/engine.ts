// The provisioning engine of this process: the one PROVISIONER names (never chosen silently), created on first use.
// It is imported lazily so that a portal without a Pulumi CLI — or a route that never provisions — does not load
// the Pulumi SDK at all.
import "server-only";
import { env, readEnvironmentVariable } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { ProvisionerStatus } from "@/lib/schemas/operation";
import type { ProvisioningEngine } from "@/infra/engine/types";
import { inProcessWorkerRunning } from "./in-process-worker";

const globalForEngine = globalThis as unknown as { portalEngine?: Promise<ProvisioningEngine>; portalTestEngine?: ProvisioningEngine | null };

/** The engine PROVISIONER selects (or the one a test installed). */
export function getEngine(): Promise<ProvisioningEngine> {
  const forTests = globalForEngine.portalTestEngine;
  if (forTests) return Promise.resolve(forTests);
  globalForEngine.portalEngine ??= import("@/infra/engine")
    .then(({ createEngine }) => createEngine(env.PROVISIONER, { dataDir: env.DATA_DIR, stepMs: env.SIMULATED_STEP_MS, path: readEnvironmentVariable("PATH") ?? "" }))
    .catch((error: unknown) => {
      // Forget the failure so that the next call tries again (e.g. after the SDK was repaired without a restart).
      globalForEngine.portalEngine = undefined;
      throw error;
    });
  return globalForEngine.portalEngine;
}

const INSTALL_HINT =
  "Install the Pulumi CLI (https://www.pulumi.com/docs/iac/download-install/) on the machine that runs the worker and restart it, or set PROVISIONER=simulated for demos without a cloud.";

/** Which engine runs operations and whether it can: the UI's banner and GET /api/v1/provisioner. */
export async function provisionerStatus(): Promise<ProvisionerStatus> {
  const inProcessWorker = inProcessWorkerRunning();
  let engine: ProvisioningEngine;
  try {
    engine = await getEngine();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { engine: env.PROVISIONER, available: false, version: null, inProcessWorker, message: `The ${env.PROVISIONER} provisioner could not be loaded (${reason}). ${INSTALL_HINT}` };
  }
  const status = await engine.status();
  // The pulumi engine says what is missing; make sure the words also say what to do about it.
  const message = !status.available && engine.kind === "pulumi" && !/install/i.test(status.message) ? `${status.message} ${INSTALL_HINT}` : status.message;
  return { engine: engine.kind, available: status.available, version: status.version, message, inProcessWorker };
}

/** Guard for the routes that queue provisioning work: a 503 naming what to install when nothing can run it. */
export async function requireProvisioner(): Promise<void> {
  const status = await provisionerStatus();
  if (!status.available) throw new AppError("service_unavailable", `Provisioning is unavailable: ${status.message}`);
}

/** Tests install an engine (a fake CLI edge, the simulated engine with a short step); null restores PROVISIONER's. */
export function setEngineForTests(engine: ProvisioningEngine | null): void {
  globalForEngine.portalTestEngine = engine;
}
