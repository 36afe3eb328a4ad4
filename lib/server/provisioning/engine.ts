// The provisioning engine of this process: the one PROVISIONER names (never chosen silently), created on first use.
// It is imported lazily so that a portal without a Pulumi CLI — or a route that never provisions — does not load
// the Pulumi SDK at all.
import "server-only";
import { env, readEnvironmentVariable } from "@/lib/env";
import type { ProvisioningEngine } from "@/infra/engine/types";

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

/** Tests install an engine (a fake CLI edge, the simulated engine with a short step); null restores PROVISIONER's. */
export function setEngineForTests(engine: ProvisioningEngine | null): void {
  globalForEngine.portalTestEngine = engine;
}
