// What provisioning asks of infra/, defined here where it is used: the ProvisioningEngine the worker runs operations
// on, and the standalone-project export. infra/ implements both — the engine on the Automation API
// (infra/engine/pulumi-engine.ts) and the simulated one (infra/engine/simulated-engine.ts, PROVISIONER=simulated),
// which emit the same normalised events (lib/schemas/operation.ts EngineEvent), so the queue, the stream and the UI
// never know which one ran. lib/ reaches the implementations only through engine.ts, the one composition point.
import "server-only";
import type { DatastoreSpec } from "@/lib/schemas/datastore-spec";
import type { ChangeSummary, DatastoreOutputsDto, EngineEvent, OperationError, EngineOperationKind, ResourceChange } from "@/lib/schemas/operation";
import type { OrgSettings } from "@/lib/schemas/org-settings";

/** Every datastore is one stack of this project. */
export const PULUMI_PROJECT = "datastores";

/** The stack of a datastore: team slug and name (unique together, and both kebab-case, so "." cannot collide). */
export function stackNameOf(spec: Pick<DatastoreSpec, "name" | "team">): string {
  return `${spec.team.slug}.${spec.name}`;
}

/** Where the stack's state lives and the passphrase its secrets are encrypted with; resolved by the portal. */
export interface PulumiBackend {
  /** file:///…, s3://…, https://api.pulumi.com … */
  url: string;
  /** null: none configured. The Pulumi engine refuses to run without one (EngineError "input"); the simulated one needs none. */
  passphrase: string | null;
}

/** The stack an operation addresses, and where. */
export interface StackTarget {
  spec: DatastoreSpec;
  backend: PulumiBackend;
  /** A fresh directory for this operation (the worker creates it and removes it afterwards). */
  workDir: string;
}

export interface EngineRun extends StackTarget {
  operationId: string;
  kind: EngineOperationKind;
  /** Organisation settings (validated with the spec before anything runs: ProvisioningInputError otherwise). */
  org: OrgSettings;
  /** Aborted when someone cancels the operation (or the worker shuts down): the engine stops and rejects. */
  signal: AbortSignal;
  /** Called for every event, in order. Must not throw; the worker stores them. */
  onEvent: (event: EngineEvent) => void;
}

export interface EngineResult {
  /** Steps by op, as Pulumi's summary counts them. */
  summary: ChangeSummary;
  /** Every resource step, with region, role and zone where known (the structured diff of a preview). */
  changes: ResourceChange[];
  /** up: the stack outputs; refresh: the current outputs; preview and destroy: null. */
  outputs: DatastoreOutputsDto | null;
}

export interface EngineStatus {
  available: boolean;
  /** The CLI version (pulumi) or the engine's own (simulated). */
  version: string | null;
  /** Plain words for the banner: what is missing and what to install, or "simulated — no cloud resources are created". */
  message: string;
}

export interface ProvisioningEngine {
  readonly kind: "pulumi" | "simulated";
  /** Whether operations can run here; cheap enough to call per request (implementations cache). */
  status(): Promise<EngineStatus>;
  /**
   * Runs the operation `run.kind` names: preview, up, destroy — or refresh, a drift check in preview-only mode, so
   * the state is not rewritten and the changes are the drift.
   */
  run(run: EngineRun): Promise<EngineResult>;
  /** Ends an update in progress or clears the lock a dead process left on the stack (crash recovery). */
  cancel(target: StackTarget): Promise<void>;
  /** The stack's current outputs, or null when it has none (never provisioned, or destroyed). */
  outputs(target: StackTarget): Promise<DatastoreOutputsDto | null>;
}

/**
 * A failed engine operation, already in the operation's error shape: `conflict` when another update holds the stack
 * (the API's 409), `unavailable` when no CLI is installed (503), `cancelled` after an abort, `input` for invalid
 * settings, `engine` for a failure of the update itself with its deepest resource message.
 */
export class EngineError extends Error {
  readonly failure: OperationError & { code: NonNullable<OperationError["code"]> };
  constructor(failure: OperationError & { code: NonNullable<OperationError["code"]> }, options?: { cause?: unknown }) {
    super(failure.message, options);
    this.name = "EngineError";
    this.failure = failure;
  }
}

/** A file of a standalone Pulumi project. */
export interface ProjectFile {
  /** Relative to the project's root, `/`-separated. */
  path: string;
  content: string;
}

export interface ExportProjectOptions {
  /** Written to Pulumi.yaml's `backend.url`; left out, `pulumi login` decides. */
  backendUrl?: string;
  /** The portal's checkout to read sources and versions from (default: found from the working directory). */
  root?: string;
}

/** A datastore's stack as a standalone Pulumi project: the portal's program with the spec and settings as stack config. */
export type ExportProject = (spec: DatastoreSpec, org: OrgSettings, options?: ExportProjectOptions) => ProjectFile[];
