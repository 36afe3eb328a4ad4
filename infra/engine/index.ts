// The engine PROVISIONER names, built from the portal's settings. Both implementations live behind the one
// ProvisioningEngine interface, which lib/server/provisioning/engine-contract.ts defines.
import { PulumiEngine } from "./pulumi-engine";
import { SimulatedEngine } from "./simulated-engine";
import type { ProvisioningEngine } from "../../lib/server/provisioning/engine-contract";

export interface CreateEngineOptions {
  /** The portal's data directory: the simulated engine's state and locks live under it. */
  dataDir: string;
  /** Simulated engine: the mean time of one resource step. */
  stepMs?: number;
  /** Pulumi engine: the PATH searched for the `pulumi` CLI (default: this process's PATH). */
  path?: string;
  /** Pulumi engine: the CLI executable itself, instead of a PATH search. */
  pulumiCommandPath?: string;
}

export function createEngine(kind: "pulumi" | "simulated", options: CreateEngineOptions): ProvisioningEngine {
  if (kind === "simulated") return new SimulatedEngine({ dataDir: options.dataDir, ...(options.stepMs === undefined ? {} : { stepMs: options.stepMs }) });
  return new PulumiEngine({
    dataDir: options.dataDir,
    ...(options.path === undefined ? {} : { path: options.path }),
    ...(options.pulumiCommandPath === undefined ? {} : { pulumiCommandPath: options.pulumiCommandPath }),
  });
}
