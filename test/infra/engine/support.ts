// Runs for the engine tests: an EngineRun against a temporary backend that records every event it emits.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { EngineEvent, EngineOperationKind } from "../../../lib/schemas/operation";
import type { DatastoreSpec } from "../../../lib/schemas/datastore-spec";
import type { OrgSettings } from "../../../lib/schemas/org-settings";
import type { EngineRun, PulumiBackend } from "../../../lib/server/provisioning/engine-contract";
import { ORG } from "../fixtures";

export function tempDir(prefix: string): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

let counter = 0;

export interface RecordedRun {
  run: EngineRun;
  events: EngineEvent[];
  controller: AbortController;
}

export function runOf(
  kind: EngineOperationKind,
  spec: DatastoreSpec,
  options: { backend?: PulumiBackend; org?: OrgSettings; onEvent?: (event: EngineEvent, controller: AbortController) => void } = {},
): RecordedRun {
  const events: EngineEvent[] = [];
  const controller = new AbortController();
  counter += 1;
  const run: EngineRun = {
    operationId: `op_${counter}`,
    kind,
    spec,
    org: options.org ?? ORG,
    backend: options.backend ?? { url: `file://${tempDir("pulumi-state-")}`, passphrase: null },
    workDir: tempDir("engine-work-"),
    signal: controller.signal,
    onEvent: (event) => {
      events.push(event);
      options.onEvent?.(event, controller);
    },
  };
  return { run, events, controller };
}

/** Awaits a promise expected to reject and returns the rejection. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (e) {
    return e;
  }
  throw new Error("expected a rejection");
}
