// The real engine: the datastore program as an inline program of the Automation API, one LocalWorkspace per
// operation in the operation's own directory, state in the organisation's backend. Events stream through
// PulumiEventCollector; failures come back as EngineError in the operation's error shape (conflict when another
// update holds the stack, cancelled after an abort, input for invalid settings, engine with the deepest failing
// resource's message otherwise, unavailable when no CLI is installed).
import { mkdir, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import {
  ConcurrentUpdateError,
  LocalWorkspace,
  StackNotFoundError,
  type LocalWorkspaceOptions,
  type OutputMap,
  type PulumiFn,
  type Stack,
} from "@pulumi/pulumi/automation/index.js";
import { DatastoreOutputsSchema, type DatastoreOutputsDto, type OperationError } from "../../lib/schemas/operation";
import { datastoreProgram } from "../program";
import { ProvisioningInputError } from "../../lib/schemas/datastore-spec";
import { cancelledError, conflictError, inputError, validatingInput } from "./engine-errors";
import { cleanMessage, PulumiEventCollector, summarise } from "./events";
import { lookupCli, NO_CLI_MESSAGE, type CliLookup } from "./pulumi-cli";
import {
  EngineError,
  PULUMI_PROJECT,
  stackNameOf,
  type EngineResult,
  type EngineRun,
  type EngineStatus,
  type ProvisioningEngine,
  type StackTarget,
} from "../../lib/server/provisioning/engine-contract";

export interface PulumiEngineOptions {
  /** Where the portal keeps its data (a link to the CLI is made there when it lives outside a `bin` directory). */
  dataDir: string;
  /** The PATH searched for `pulumi`. Default: this process's PATH. */
  path?: string;
  /** The CLI executable itself, instead of a PATH search. */
  pulumiCommandPath?: string;
  /** How long a CLI lookup is trusted. Default 30 s. */
  statusTtlMs?: number;
}

export const NO_PASSPHRASE_MESSAGE = "no secrets passphrase configured: an admin must set its source in Settings";

const CONFLICT_TEXTS = ["[409] Conflict: Another update is currently in progress.", "the stack is currently locked by"];

/** The directory of a file:// backend (file:///abs, file://~/x, file://relative), or null for other backends. */
export function fileBackendDir(url: string): string | null {
  if (!url.startsWith("file://")) return null;
  let p = decodeURIComponent(url.slice("file://".length).split("?")[0] ?? "");
  if (p === "~" || p.startsWith("~/")) p = path.join(os.homedir(), p.slice(1));
  // A path chosen at run time (the backend URL): nothing for the bundler to trace.
  return path.resolve(/* turbopackIgnore: true */ p || ".");
}

/** The stderr of a CommandError (its message is `code: …\n stdout: …\n stderr: …\n err?: …`). */
export function stderrOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const start = text.indexOf("\n stderr: ");
  if (start < 0) return text;
  const end = text.indexOf("\n err?: ", start);
  return text.slice(start + "\n stderr: ".length, end < 0 ? undefined : end);
}

/** The CLI's last meaningful line: its last `error:` line that is not the generic "update failed", else its last line. */
export function lastMeaningfulLine(stderr: string): string {
  const lines = cleanMessage(stderr)
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && !/^(warning:|info:)/i.test(l));
  const errors = lines.filter((l) => /^error:/i.test(l) && !/^error:\s*(update|preview|refresh|destroy) failed$/i.test(l));
  const line = errors.at(-1) ?? lines.at(-1) ?? "the Pulumi CLI failed without a message";
  return line.replace(/^error:\s*/i, "");
}

function outputsOf(map: OutputMap): DatastoreOutputsDto | null {
  const values = Object.fromEntries(Object.entries(map).map(([k, v]) => [k, v.value]));
  if (values.datastoreId === undefined && values.regions === undefined) return null;
  const parsed = DatastoreOutputsSchema.safeParse(values);
  if (!parsed.success)
    throw new EngineError({
      code: "engine",
      message: `the stack's outputs are not a datastore's: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
    });
  return parsed.data;
}

/** For destroy and refresh, which work from the state: a program that is never asked to run. */
const stateOnlyProgram: PulumiFn = async () => ({});

export class PulumiEngine implements ProvisioningEngine {
  readonly kind = "pulumi" as const;
  private lookup: { at: number; value: Promise<CliLookup> } | null = null;

  constructor(private readonly options: PulumiEngineOptions) {}

  async status(): Promise<EngineStatus> {
    const cli = await this.cli();
    return { available: cli.command !== null, version: cli.version, message: cli.message };
  }

  /**
   * `pulumi cancel`: ends the update in progress (Pulumi Cloud) or deletes the stack's lock files (DIY backends —
   * the CLI does exactly that). On a file backend the lock files are removed directly when the CLI cannot.
   */
  async cancel(target: StackTarget): Promise<void> {
    const stackName = stackNameOf(target.spec);
    const lockDir = fileBackendDir(target.backend.url);
    try {
      const stack = await this.openStack(target, stateOnlyProgram, "select");
      await stack.cancel();
    } catch (e) {
      if (e instanceof StackNotFoundError) return;
      if (!lockDir) throw this.failure(e, stackName, target.backend.url, null);
      // The CLI is missing or refused: clear the locks it would have cleared.
      const dirs = [path.join(lockDir, ".pulumi", "locks", "organization", PULUMI_PROJECT, stackName), path.join(lockDir, ".pulumi", "locks", stackName)];
      for (const dir of dirs) {
        const files = await readdir(/* turbopackIgnore: true */ dir).catch(() => [] as string[]);
        await Promise.all(files.filter((f) => f.endsWith(".json")).map((f) => rm(path.join(dir, f), { force: true })));
      }
    }
  }

  async outputs(target: StackTarget): Promise<DatastoreOutputsDto | null> {
    try {
      const stack = await this.openStack(target, stateOnlyProgram, "select");
      return outputsOf(await stack.outputs());
    } catch (e) {
      if (e instanceof StackNotFoundError) return null;
      throw this.failure(e, stackNameOf(target.spec), target.backend.url, null);
    }
  }

  private cli(): Promise<CliLookup> {
    const ttl = this.options.statusTtlMs ?? 30_000;
    if (!this.lookup || Date.now() - this.lookup.at > ttl) {
      // The portal passes its PATH (lib/env reads the environment); a caller that does not is this process.
      const searchPath = this.options.path ?? process.env.PATH ?? "";
      this.lookup = {
        at: Date.now(),
        value: lookupCli({ searchPath, dataDir: this.options.dataDir, ...(this.options.pulumiCommandPath ? { binary: this.options.pulumiCommandPath } : {}) }),
      };
    }
    return this.lookup.value;
  }

  private async openStack(target: StackTarget, program: PulumiFn, mode: "select" | "createOrSelect"): Promise<Stack> {
    const cli = await this.cli();
    if (!cli.command) throw new EngineError({ code: "unavailable", message: cli.message });
    const url = target.backend.url;
    const backendDir = fileBackendDir(url);
    if (backendDir) await mkdir(backendDir, { recursive: true });
    await mkdir(target.workDir, { recursive: true });
    const envVars: Record<string, string> = { PULUMI_BACKEND_URL: url, PULUMI_SKIP_UPDATE_CHECK: "true" };
    if (target.backend.passphrase !== null) envVars.PULUMI_CONFIG_PASSPHRASE = target.backend.passphrase;
    const options: LocalWorkspaceOptions = {
      workDir: target.workDir,
      pulumiCommand: cli.command,
      envVars,
      projectSettings: { name: PULUMI_PROJECT, runtime: "nodejs", backend: { url } },
      secretsProvider: "passphrase",
    };
    const args = { stackName: stackNameOf(target.spec), projectName: PULUMI_PROJECT, program };
    return mode === "select" ? LocalWorkspace.selectStack(args, options) : LocalWorkspace.createOrSelectStack(args, options);
  }

  async run(run: EngineRun): Promise<EngineResult> {
    const { kind } = run;
    const stackName = stackNameOf(run.spec);
    if (run.backend.passphrase === null) throw new EngineError({ code: "input", message: NO_PASSPHRASE_MESSAGE });
    // preview and up run the program: invalid input fails before anything starts. Destroy and refresh work from the
    // state, so settings removed since (a region's) do not block a decommission.
    const program: PulumiFn = kind === "preview" || kind === "up" ? validatingInput(() => datastoreProgram(run.spec, run.org)) : stateOnlyProgram;
    if (run.signal.aborted) throw cancelledError(stackName);
    const cli = await this.cli();
    if (!cli.command) throw new EngineError({ code: "unavailable", message: cli.message });

    const startedAt = Date.now();
    run.onEvent({ type: "started", kind });
    const collector = new PulumiEventCollector(run.onEvent);
    const options = {
      onEvent: (event: Parameters<PulumiEventCollector["handle"]>[0]) => {
        // A malformed event must not break the stream (nor the CLI's event server).
        try {
          collector.handle(event);
        } catch {
          /* ignored: the next events still count */
        }
      },
      signal: run.signal,
    };
    let outputs: DatastoreOutputsDto | null = null;
    try {
      const stack = await this.openStack(run, program, "createOrSelect");
      // The CLI only hears an abort that happens while it runs.
      if (run.signal.aborted) throw cancelledError(stackName);
      if (kind === "preview") await stack.preview(options);
      else if (kind === "up") outputs = outputsOf((await stack.up(options)).outputs);
      else if (kind === "refresh") {
        await stack.previewRefresh(options);
        outputs = outputsOf(await stack.outputs());
      } else await stack.destroy(options);
    } catch (e) {
      collector.finish(false);
      throw this.failure(e, stackName, run.backend.url, collector.failure(), run.signal);
    }
    collector.finish(true);
    const changes = collector.changes();
    const summary = summarise(changes);
    run.onEvent({ type: "summary", changes: summary, durationMs: Date.now() - startedAt });
    return { summary, changes, outputs };
  }

  /** Any failure as an EngineError: cancelled, conflict, input, unavailable, else engine with the deepest message. */
  private failure(e: unknown, stackName: string, backendUrl: string, deepest: OperationError | null, signal?: AbortSignal): EngineError {
    if (e instanceof EngineError) return e;
    if (signal?.aborted) return cancelledError(stackName, e);
    if (e instanceof ProvisioningInputError) return inputError(e);
    const stderr = stderrOf(e);
    const conflict = CONFLICT_TEXTS.find((t) => stderr.includes(t));
    if (e instanceof ConcurrentUpdateError || conflict) {
      const line = stderr.split("\n").find((l) => CONFLICT_TEXTS.some((t) => l.includes(t))) ?? stderr;
      return conflictError(stackName, cleanMessage(line), e);
    }
    if (/\bENOENT\b/.test(stderr) && /spawn/.test(stderr)) {
      this.lookup = null;
      return new EngineError({ code: "unavailable", message: NO_CLI_MESSAGE }, { cause: e });
    }
    if (/passphrase must be set|incorrect passphrase/i.test(stderr)) {
      return new EngineError(
        { code: "input", message: `the secrets passphrase does not open stack ${stackName} on ${backendUrl}: ${lastMeaningfulLine(stderr)}` },
        { cause: e },
      );
    }
    return new EngineError({ code: "engine", ...(deepest ?? { message: lastMeaningfulLine(stderr) }) }, { cause: e });
  }
}
