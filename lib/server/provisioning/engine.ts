// The composition point: the one module of lib/ that imports infra/ (ESLint allows it here and nowhere else). It
// picks the provisioning engine of this process — the one PROVISIONER names (never chosen silently), created on
// first use — and hands out infra/'s standalone-project export. Both are imported lazily, so that a portal without
// a Pulumi CLI, or a route that never provisions, loads neither the Pulumi SDK nor the exporter.
import "server-only";
import { env, readEnvironmentVariable } from "@/lib/env";
import type { ExportProject, ProvisioningEngine } from "./engine-contract";

const globalForEngine = globalThis as unknown as { portalEngine?: Promise<ProvisioningEngine>; portalTestEngine?: ProvisioningEngine | null };

/** The engine PROVISIONER selects (or the one a test installed). */
export function getEngine(): Promise<ProvisioningEngine> {
  const forTests = globalForEngine.portalTestEngine;
  if (forTests) return Promise.resolve(forTests);
  globalForEngine.portalEngine ??= import("@/infra/engine")
    .then(({ createEngine }) =>
      createEngine(env.PROVISIONER, { dataDir: env.DATA_DIR, stepMs: env.SIMULATED_STEP_MS, path: readEnvironmentVariable("PATH") ?? "" }),
    )
    .catch((error: unknown) => {
      // Forget the failure so that the next call tries again (e.g. after the SDK was repaired without a restart).
      globalForEngine.portalEngine = undefined;
      throw error;
    });
  return globalForEngine.portalEngine;
}

/** Writes a datastore's stack as a standalone Pulumi project (infra/export). */
export async function loadProjectExport(): Promise<ExportProject> {
  const { standaloneProject } = await import("@/infra/export/standalone-project");
  return standaloneProject;
}

/** Tests install an engine (a fake CLI edge, the simulated engine with a short step); null restores PROVISIONER's. */
export function setEngineForTests(engine: ProvisioningEngine | null): void {
  globalForEngine.portalTestEngine = engine;
}
