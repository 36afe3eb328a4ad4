// PROVISIONER=simulated: the same datastore program, evaluated under Pulumi's mocks instead of a cloud (see
// simulated-program.ts), diffed against a JSON state per stack, and "applied" step by step with realistic timing —
// dependencies first (providers, security groups, launch templates, the zones' groups, then alarms), a few steps
// at a time like Pulumi's parallelism, deletes last in reverse. It emits exactly the events the Pulumi engine does,
// takes a lock per stack like a DIY backend, honours cancellation between steps, and keeps the partial state of a
// failed or killed run. A datastore named with the segment `fail-sim` fails its first Auto Scaling group's create
// with a provider-style message, for tests and demos of failure handling.
import { isDeepStrictEqual } from "node:util";
import { DatastoreOutputsSchema, type DatastoreOutputsDto, type OperationKind, type ResourceChange, type ResourceOp } from "../../lib/schemas/operation";
import { datastoreProgram } from "../program";
import { cancelledError, validatingInput } from "./engine-errors";
import { eventResource, propertyChangesOf, summarise } from "./events";
import { resourceLocation } from "./resource-location";
import { evaluateProgram, hexOf, type SimulatedResource } from "./simulated-program";
import {
  acquireLock,
  clearLock,
  readState,
  releaseLock,
  stackFiles,
  stackOutputs,
  writeState,
  type StackFiles,
  type StackState,
  type StateResource,
} from "./simulated-state";
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

export interface SimulatedEngineOptions {
  dataDir: string;
  /** Mean time of one resource step (create); other ops scale from it. Default 900 ms. */
  stepMs?: number;
  /** Steps run at once. Default 4. */
  parallelism?: number;
}

export const SIMULATED_STATUS: EngineStatus = { available: true, version: "simulated", message: "Simulated — no cloud resources are created." };

/** Dependency order: a resource's inputs reference only resources of lower ranks. */
const RANKS: Record<string, number> = {
  "pulumi:providers:aws": 0,
  "aws:ec2/securityGroup:SecurityGroup": 1,
  "aws:ec2/launchTemplate:LaunchTemplate": 2,
  "aws:autoscaling/group:Group": 3,
  "aws:cloudwatch/metricAlarm:MetricAlarm": 4,
};

/** Input properties AWS cannot change in place. */
const REPLACE_ON: Record<string, readonly string[]> = {
  "pulumi:providers:aws": ["region"],
  "aws:ec2/securityGroup:SecurityGroup": ["description", "vpcId", "name"],
  "aws:ec2/launchTemplate:LaunchTemplate": ["name"],
  "aws:autoscaling/group:Group": ["name"],
  "aws:cloudwatch/metricAlarm:MetricAlarm": ["name"],
};

/** How long each op takes relative to a create; a preview only plans. */
const OP_WEIGHT: Record<ResourceOp, number> = {
  create: 1,
  update: 0.8,
  replace: 1.6,
  delete: 0.7,
  same: 0.05,
  refresh: 0.3,
  read: 0.3,
  import: 0.5,
  discard: 0.05,
};
const PREVIEW_WEIGHT = 0.08;

interface Step {
  change: ResourceChange;
  /** The desired resource (absent for a delete). */
  resource?: SimulatedResource;
  rank: number;
}

/** Inputs as the state file holds them (JSON: no undefined properties). */
function jsonOf<T>(value: T): T {
  return JSON.parse(JSON.stringify(value ?? null)) as T;
}

function changeOf(
  r: { urn: string; type: string; name: string; inputs: Record<string, unknown> },
  op: ResourceOp,
  changed?: { names: string[]; before: Record<string, unknown> },
): ResourceChange {
  return {
    urn: r.urn,
    type: r.type,
    name: r.name,
    op,
    ...resourceLocation(r.type, r.name, r.inputs),
    ...(changed?.names.length ? { changedProperties: changed.names, propertyChanges: propertyChangesOf(changed.before, r.inputs, changed.names) } : {}),
  };
}

/** A resource's rank; types the table does not know sit between launch templates and groups. */
const rankOf = (type: string) => RANKS[type] ?? 2.5;

/** Deleting a resource of the state: after every other step, most dependent first (see waves). */
function deleteStep(current: StateResource): Step {
  return { change: changeOf(current, "delete"), rank: -rankOf(current.type) - 10 };
}

function diffSteps(desired: readonly SimulatedResource[], state: StackState): Step[] {
  const steps: Step[] = [];
  const wanted = new Set<string>();
  for (const resource of desired) {
    wanted.add(resource.urn);
    const rank = rankOf(resource.type);
    const current = state.resources[resource.urn];
    if (!current) {
      steps.push({ change: changeOf(resource, "create"), resource, rank });
      continue;
    }
    const keys = [...new Set([...Object.keys(current.inputs), ...Object.keys(resource.inputs)])].sort();
    const changed = keys.filter((k) => !isDeepStrictEqual(current.inputs[k], resource.inputs[k]));
    const op: ResourceOp = changed.length === 0 ? "same" : changed.some((k) => REPLACE_ON[resource.type]?.includes(k)) ? "replace" : "update";
    steps.push({ change: changeOf(resource, op, { names: changed, before: current.inputs }), resource, rank });
  }
  for (const current of Object.values(state.resources)) {
    if (!wanted.has(current.urn)) steps.push(deleteStep(current));
  }
  return steps;
}

/** Steps in waves of equal rank: creates and updates in dependency order, then deletes in reverse. */
function waves(steps: readonly Step[]): Step[][] {
  // Delete ranks are negative, most dependent first (alarms -14 … providers -10): after every other step.
  const ordered = [...new Set(steps.map((s) => s.rank))].sort((a, b) => (a >= 0 === b >= 0 ? a - b : a >= 0 ? -1 : 1));
  return ordered.map((rank) => steps.filter((s) => s.rank === rank));
}

/** Whether the datastore's name asks for the injected failure (a `fail-sim` segment, e.g. orders-fail-sim). */
export function injectsFailure(name: string): boolean {
  return /(^|-)fail-sim(-|$)/.test(name);
}

function providerFailure(step: Step): string {
  const requestId = [hexOf(`${step.change.urn}:rid`, 8), hexOf(`${step.change.urn}:rid2`, 4), "4a1c", "9e2f", hexOf(`${step.change.urn}:rid3`, 12)].join("-");
  return (
    `creating Auto Scaling Group (${step.change.name}): operation error Auto Scaling: CreateAutoScalingGroup, https response error StatusCode: 400, ` +
    `RequestID: ${requestId}, api error ValidationError: You must use a valid fully-formed launch template. ` +
    `Your requested instance type is not supported in your requested Availability Zone (${step.change.zone ?? "unknown"}).`
  );
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class SimulatedEngine implements ProvisioningEngine {
  readonly kind = "simulated" as const;
  private readonly stepMs: number;
  private readonly parallelism: number;

  constructor(private readonly options: SimulatedEngineOptions) {
    this.stepMs = options.stepMs ?? 900;
    this.parallelism = Math.max(1, options.parallelism ?? 4);
  }

  async status(): Promise<EngineStatus> {
    return SIMULATED_STATUS;
  }

  async cancel(target: StackTarget): Promise<void> {
    await clearLock(this.files(target));
  }

  async outputs(target: StackTarget): Promise<DatastoreOutputsDto | null> {
    return stackOutputs(await readState(this.files(target), PULUMI_PROJECT, stackNameOf(target.spec)));
  }

  private files(target: StackTarget): StackFiles {
    return stackFiles(this.options.dataDir, PULUMI_PROJECT, stackNameOf(target.spec));
  }

  async run(run: EngineRun): Promise<EngineResult> {
    const { kind } = run;
    const stack = stackNameOf(run.spec);
    // Destroy and refresh work from the state alone: settings removed since must not block a decommission.
    const program = kind === "preview" || kind === "up" ? validatingInput(() => datastoreProgram(run.spec, run.org, { anyImageId: true })) : null;
    if (run.signal.aborted) throw cancelledError(stack);
    const files = this.files(run);
    const startedAt = Date.now();
    run.onEvent({ type: "started", kind });
    await acquireLock(files, stack, { operationId: run.operationId, kind });
    try {
      const state = await readState(files, PULUMI_PROJECT, stack);
      const evaluation = program ? await evaluateProgram(program, { project: PULUMI_PROJECT, stack }) : null;
      const desired = evaluation?.resources.map((r) => ({ ...r, inputs: jsonOf(r.inputs), outputs: jsonOf(r.outputs) })) ?? [];
      const steps =
        kind === "destroy"
          ? Object.values(state.resources).map(deleteStep)
          : kind === "refresh"
            ? Object.values(state.resources).map((r) => ({ change: changeOf(r, "same"), rank: rankOf(r.type) }))
            : diffSteps(desired, state);
      const failing =
        kind === "up" && injectsFailure(run.spec.name)
          ? steps.find((s) => s.change.type === "aws:autoscaling/group:Group" && s.change.op === "create")
          : undefined;

      await this.apply(run, kind, waves(steps), state, files, failing);

      let outputs: DatastoreOutputsDto | null = null;
      if (kind === "up") {
        outputs = DatastoreOutputsSchema.parse(evaluation?.outputs);
        state.outputs = outputs;
        await writeState(files, state);
      } else if (kind === "destroy") {
        state.resources = {};
        state.outputs = null;
        await writeState(files, state);
      } else if (kind === "refresh") {
        outputs = stackOutputs(state);
      }
      const changes = steps.map((s) => s.change);
      const summary = summarise(changes);
      run.onEvent({ type: "summary", changes: summary, durationMs: Date.now() - startedAt });
      return { summary, changes, outputs };
    } catch (e) {
      if (e instanceof EngineError) throw e;
      // The program itself failed (an apply threw): the engine's failure, in the program's words.
      throw new EngineError({ code: "engine", message: e instanceof Error ? e.message : String(e) }, { cause: e });
    } finally {
      await releaseLock(files, run.operationId);
    }
  }

  /** Runs the waves with bounded parallelism; stops launching steps on cancel or failure and lets running ones end. */
  private async apply(run: EngineRun, kind: OperationKind, plan: Step[][], state: StackState, files: StackFiles, failing: Step | undefined): Promise<void> {
    const stack = stackNameOf(run.spec);
    const persist = kind === "up" || kind === "destroy";
    let writing: Promise<void> = Promise.resolve();
    // Set by the step that fails; read by the loops (an object: TypeScript does not see closures assign a let).
    const outcome: { failure: EngineError | null } = { failure: null };

    const runStep = async (step: Step) => {
      const { change } = step;
      run.onEvent({ type: "resource-pre", resource: eventResource(change) });
      const jitter = 0.5 + parseInt(hexOf(`${run.operationId}:${change.urn}`, 4), 16) / 0xffff;
      const weight = kind === "refresh" ? OP_WEIGHT.refresh : OP_WEIGHT[change.op] * (kind === "preview" ? PREVIEW_WEIGHT : 1);
      const ms = Math.round(this.stepMs * weight * jitter);
      await sleep(ms);
      if (step === failing) {
        const message = providerFailure(step);
        run.onEvent({ type: "diagnostic", severity: "error", message, urn: change.urn });
        run.onEvent({ type: "resource-failed", resource: eventResource(change), message });
        outcome.failure ??= new EngineError({ code: "engine", message, urn: change.urn, resourceType: change.type, resourceName: change.name });
        return;
      }
      if (persist) {
        if (change.op === "delete") delete state.resources[change.urn];
        else if (step.resource) {
          const { urn, type, name, parent, inputs, outputs } = step.resource;
          const next: StateResource = { urn, type, name, ...(parent ? { parent } : {}), inputs, outputs };
          state.resources[urn] = next;
        }
        writing = writing.then(() => writeState(files, state));
        await writing;
      }
      run.onEvent({ type: "resource-done", resource: eventResource(change), durationMs: ms });
    };

    for (const wave of plan) {
      const queue = [...wave];
      const worker = async () => {
        for (let step = queue.shift(); step; step = queue.shift()) {
          if (run.signal.aborted || outcome.failure) return;
          await runStep(step);
        }
      };
      await Promise.all(Array.from({ length: Math.min(this.parallelism, wave.length) }, worker));
      if (outcome.failure || run.signal.aborted) break;
    }
    await writing;
    if (outcome.failure) {
      run.onEvent({ type: "diagnostic", severity: "error", message: "update failed" });
      throw outcome.failure;
    }
    if (run.signal.aborted) throw cancelledError(stack);
  }
}
