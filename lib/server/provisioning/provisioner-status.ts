// Whether this portal can provision: which engine PROVISIONER chose, whether it can run (a Pulumi CLI on the
// machine), and whether this process runs a worker. Kept apart from engine.ts so that the engine does not depend on
// the worker that uses it (the worker imports the engine; this file imports both).
import "server-only";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { ProvisionerStatus } from "@/lib/schemas/operation";
import type { ProvisioningEngine } from "./engine-contract";
import { getEngine } from "./engine";
import { inProcessWorkerRunning } from "./in-process-worker";

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
    return {
      engine: env.PROVISIONER,
      available: false,
      version: null,
      inProcessWorker,
      message: `The ${env.PROVISIONER} provisioner could not be loaded (${reason}). ${INSTALL_HINT}`,
    };
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
