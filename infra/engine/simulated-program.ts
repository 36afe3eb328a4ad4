// Runs the datastore program without a cloud, for the simulated engine: the same program the Pulumi engine runs,
// evaluated under `pulumi.runtime.setMocks` with a fresh mocks object that records every resource it registers and
// answers with the ids and names AWS would give. setMocks is process-global, so evaluations take turns.
import { createHash } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";
import { isStepResource } from "./events";
import { resourceLocation } from "./resource-location";

/** One resource as the program declared it, with the outputs the simulated cloud gives it. */
export interface SimulatedResource {
  /** The URN Pulumi would give it: the full chain of parent types, as in a real stack. */
  urn: string;
  type: string;
  name: string;
  /** Parent URN (a component), when not top-level. */
  parent?: string;
  inputs: Record<string, unknown>;
  outputs: Record<string, unknown>;
}

export interface Evaluation {
  /** Resources that are steps of their own (providers and AWS resources; no components), in registration order. */
  resources: SimulatedResource[];
  /** The program's outputs, fully resolved. */
  outputs: unknown;
}

const ACCOUNT = "123456789012";

export function hexOf(seed: string, length: number): string {
  return createHash("sha256").update(seed).digest("hex").slice(0, length);
}

/** The state AWS returns for a new resource, deterministic in the stack and name (a re-evaluation gets the same ids). */
function simulatedState(
  stack: string,
  type: string,
  name: string,
  inputs: Record<string, unknown>,
): { id: string | undefined; state: Record<string, unknown> } {
  const seed = `${stack}::${type}::${name}`;
  const region = resourceLocation(type, name, inputs).region ?? "us-east-1";
  const named = { ...inputs, name: typeof inputs.name === "string" ? inputs.name : name };
  switch (type) {
    case "aws:ec2/securityGroup:SecurityGroup": {
      const id = `sg-${hexOf(seed, 17)}`;
      return { id, state: { ...named, arn: `arn:aws:ec2:${region}:${ACCOUNT}:security-group/${id}`, ownerId: ACCOUNT } };
    }
    case "aws:ec2/launchTemplate:LaunchTemplate": {
      const id = `lt-${hexOf(seed, 17)}`;
      return { id, state: { ...named, arn: `arn:aws:ec2:${region}:${ACCOUNT}:launch-template/${id}`, latestVersion: 1, defaultVersion: 1 } };
    }
    case "aws:autoscaling/group:Group":
      return {
        id: named.name,
        state: {
          ...named,
          arn: `arn:aws:autoscaling:${region}:${ACCOUNT}:autoScalingGroup:${hexOf(seed, 8)}-${hexOf(`${seed}:1`, 4)}:autoScalingGroupName/${named.name}`,
        },
      };
    case "aws:cloudwatch/metricAlarm:MetricAlarm":
      return { id: named.name, state: { ...named, arn: `arn:aws:cloudwatch:${region}:${ACCOUNT}:alarm:${named.name}` } };
    default:
      if (type.startsWith("portal:")) return { id: undefined, state: {} };
      return { id: `sim-${hexOf(seed, 12)}`, state: { ...inputs } };
  }
}

// The bits of the mock monitor and its protobuf messages this module touches.
interface RegisterRequest {
  getType(): string;
  getName(): string;
  getParent(): string;
}
interface RegisterResponse {
  getUrn(): string;
}
type Callback = (err: unknown, response: RegisterResponse | undefined) => void;
interface MonitorLike {
  registerResource(req: RegisterRequest, callback: Callback): unknown;
  registerResourceOutputs(req: unknown, callback: (err: unknown, response: unknown) => void): unknown;
}

let turn: Promise<unknown> = Promise.resolve();

/** Runs `fn` after every evaluation queued before it (setMocks is process-global). */
function serialised<T>(fn: () => Promise<T>): Promise<T> {
  const run = turn.then(fn, fn);
  turn = run.catch(() => undefined);
  return run;
}

/** How long a program may take to evaluate before it is taken for hung (it holds every other evaluation up). */
const EVALUATION_TIMEOUT_MS = 120_000;

/** The value of an output; rejects when the program fails (an apply throws) or never settles. */
function resolvedValue<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the program did not finish evaluating within ${EVALUATION_TIMEOUT_MS / 1000} s`)), EVALUATION_TIMEOUT_MS);
    const settled = output.apply((v) => {
      clearTimeout(timer);
      resolve(v);
      return v;
    });
    // Output#promise is internal to the SDK but present at runtime: the only way to see a failed output.
    (settled as unknown as { promise?: () => Promise<unknown> }).promise?.().catch((e: unknown) => {
      clearTimeout(timer);
      reject(e instanceof Error ? e : new Error(String(e)));
    });
  });
}

/** Waits until the runtime has been quiet for a few turns of the event loop (component outputs register late). */
async function settle(activity: () => number): Promise<void> {
  let last = -1;
  let quiet = 0;
  while (quiet < 5) {
    await new Promise((r) => setTimeout(r, 1));
    const now = activity();
    if (now === last) quiet += 1;
    else {
      quiet = 0;
      last = now;
    }
  }
}

/** Evaluates an inline program under fresh mocks and returns every resource it declared, with simulated outputs. */
export function evaluateProgram(program: () => Promise<Record<string, unknown>>, target: { project: string; stack: string }): Promise<Evaluation> {
  return serialised(async () => {
    const declared = new Map<string, { type: string; name: string; inputs: Record<string, unknown>; outputs: Record<string, unknown> }>();
    let activity = 0;
    await pulumi.runtime.setMocks(
      {
        newResource(args) {
          activity += 1;
          const inputs = (args.inputs ?? {}) as Record<string, unknown>;
          const { id, state } = simulatedState(target.stack, args.type, args.name, inputs);
          declared.set(`${args.type}::${args.name}`, { type: args.type, name: args.name, inputs, outputs: { ...state, ...(id === undefined ? {} : { id }) } });
          return { id, state };
        },
        call(args) {
          return args.inputs;
        },
      },
      target.project,
      target.stack,
      false,
    );

    // The mock monitor names URNs with one parent level; record each resource's parent to build Pulumi's full chain.
    const parents = new Map<string, { type: string; name: string; parent: string }>();
    const monitor = pulumi.runtime.getMonitor() as unknown as MonitorLike;
    const register = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req, callback) =>
      register(req, (err, response) => {
        activity += 1;
        if (!err && response) parents.set(response.getUrn(), { type: req.getType(), name: req.getName(), parent: req.getParent() });
        callback(err, response);
      });
    const registerOutputs = monitor.registerResourceOutputs.bind(monitor);
    monitor.registerResourceOutputs = (req, callback) =>
      registerOutputs(req, (err, response) => {
        activity += 1;
        callback(err, response);
      });

    const outputs = await resolvedValue(pulumi.output(await program()));
    await settle(() => activity);

    const qualified = new Map<string, string>();
    const qualifiedType = (mockUrn: string): string => {
      const known = qualified.get(mockUrn);
      if (known) return known;
      const r = parents.get(mockUrn);
      if (!r) return "";
      const type = r.parent ? `${qualifiedType(r.parent)}$${r.type}` : r.type;
      qualified.set(mockUrn, type);
      return type;
    };
    const fullUrn = (mockUrn: string) => {
      const r = parents.get(mockUrn);
      return r ? `urn:pulumi:${target.stack}::${target.project}::${qualifiedType(mockUrn)}::${r.name}` : mockUrn;
    };

    const resources: SimulatedResource[] = [];
    for (const [mockUrn, r] of parents) {
      if (!isStepResource(r.type)) continue;
      const d = declared.get(`${r.type}::${r.name}`);
      if (!d) continue;
      resources.push({
        urn: fullUrn(mockUrn),
        type: r.type,
        name: r.name,
        ...(r.parent ? { parent: fullUrn(r.parent) } : {}),
        inputs: d.inputs,
        outputs: d.outputs,
      });
    }
    return { resources, outputs };
  });
}
