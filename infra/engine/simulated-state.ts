// The simulated engine's "backend": per stack a JSON state file (resources by URN with their inputs and outputs,
// and the stack outputs) and a lock file, under `${dataDir}/simulated/<project>/`, so a new process sees what
// earlier runs left — including the partial state of a run that failed or was killed, and its stale lock.
import { mkdir, open, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { DatastoreOutputsSchema, type DatastoreOutputsDto } from "../../lib/schemas/operation";
import { conflictError, DIY_LOCKED_MESSAGE } from "./engine-errors";

const StateResourceSchema = z.object({
  urn: z.string(),
  type: z.string(),
  name: z.string(),
  parent: z.string().optional(),
  inputs: z.record(z.string(), z.unknown()),
  outputs: z.record(z.string(), z.unknown()),
});
export type StateResource = z.infer<typeof StateResourceSchema>;

const StackStateSchema = z.object({
  version: z.literal(1),
  project: z.string(),
  stack: z.string(),
  updatedAt: z.string(),
  resources: z.record(z.string(), StateResourceSchema),
  outputs: DatastoreOutputsSchema.nullable(),
});
export type StackState = z.infer<typeof StackStateSchema>;

const LockSchema = z.object({ operationId: z.string(), pid: z.number(), kind: z.string(), startedAt: z.string() });

export interface StackFiles {
  state: string;
  lock: string;
}

export function stackFiles(dataDir: string, project: string, stack: string): StackFiles {
  const dir = path.join(path.resolve(dataDir), "simulated", project);
  return { state: path.join(dir, `${stack}.json`), lock: path.join(dir, `${stack}.lock`) };
}

function isMissing(e: unknown): boolean {
  return e instanceof Error && (e as NodeJS.ErrnoException).code === "ENOENT";
}

export async function readState(files: StackFiles, project: string, stack: string): Promise<StackState> {
  try {
    return StackStateSchema.parse(JSON.parse(await readFile(files.state, "utf8")));
  } catch (e) {
    if (isMissing(e)) return { version: 1, project, stack, updatedAt: new Date(0).toISOString(), resources: {}, outputs: null };
    throw new Error(`the simulated state of stack ${stack} (${files.state}) is unreadable: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
}

let writes = 0;

/** Writes the state atomically (a reader never sees half a file, a killed process leaves the last whole one). */
export async function writeState(files: StackFiles, state: StackState): Promise<void> {
  await mkdir(path.dirname(files.state), { recursive: true });
  const tmp = `${files.state}.${process.pid}.${(writes += 1)}.tmp`;
  await writeFile(tmp, `${JSON.stringify({ ...state, updatedAt: new Date().toISOString() }, null, 2)}\n`);
  await rename(tmp, files.state);
}

export function isEmpty(state: StackState): boolean {
  return Object.keys(state.resources).length === 0;
}

export function stackOutputs(state: StackState): DatastoreOutputsDto | null {
  return isEmpty(state) ? null : state.outputs;
}

/** Takes the stack's lock (exclusive create); a held lock is a conflict in the DIY backend's words. */
export async function acquireLock(files: StackFiles, stack: string, owner: { operationId: string; kind: string }): Promise<void> {
  await mkdir(path.dirname(files.lock), { recursive: true });
  try {
    const handle = await open(files.lock, "wx");
    try {
      await handle.writeFile(JSON.stringify({ operationId: owner.operationId, pid: process.pid, kind: owner.kind, startedAt: new Date().toISOString() }));
    } finally {
      await handle.close();
    }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EEXIST") throw conflictError(stack, `error: ${DIY_LOCKED_MESSAGE}`, e);
    throw e;
  }
}

/** Releases the lock if this operation still holds it (a cancel may have cleared it, another run taken it since). */
export async function releaseLock(files: StackFiles, operationId: string): Promise<void> {
  try {
    const held = LockSchema.safeParse(JSON.parse(await readFile(files.lock, "utf8")));
    if (held.success && held.data.operationId !== operationId) return;
  } catch (e) {
    if (isMissing(e)) return;
    // An unreadable lock file is ours to clear: we created it.
  }
  await rm(files.lock, { force: true });
}

/** `pulumi cancel` for the simulated backend: removes whatever lock the stack has. */
export async function clearLock(files: StackFiles): Promise<void> {
  await rm(files.lock, { force: true });
}
