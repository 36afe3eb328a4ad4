// Pulumi mocks for the program tests: every registered resource (components included) is recorded with its
// inputs, and custom resources get the ids and names AWS would give them. No Pulumi CLI or cloud involved.
import * as pulumi from "@pulumi/pulumi";

export interface RecordedResource {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
  /** The provider reference (`urn::id`) a custom resource was registered with. */
  provider: string | undefined;
  custom: boolean;
}

export const recorded: RecordedResource[] = [];

let counter = 0;

/** Installs the mocks; the test must `await` this before importing the program module. */
export async function installMocks(): Promise<void> {
  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        recorded.push({
          type: args.type,
          name: args.name,
          inputs: args.inputs as Record<string, unknown>,
          provider: args.provider,
          custom: args.custom ?? true,
        });
        counter += 1;
        const suffix = counter.toString(16).padStart(7, "0");
        // Physical names as Pulumi auto-naming makes them: the logical name plus a random suffix.
        const state: Record<string, unknown> = {
          ...args.inputs,
          name: args.inputs.name ?? `${args.name}-${suffix}`,
          arn: `arn:aws:mock:::${args.name}`,
          latestVersion: 1,
        };
        return { id: `${args.name}-id`, state };
      },
      call(args) {
        return args.inputs;
      },
    },
    "datastore-portal",
    "test",
    false,
  );
}

/** The value of an output (mocks resolve every output; nothing is unknown outside a preview). */
export function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply((v) => resolve(v)));
}

/** Waits until no resource has registered for a few turns of the event loop. */
async function settle(): Promise<void> {
  let last = -1;
  let quiet = 0;
  while (quiet < 5) {
    await new Promise((r) => setTimeout(r, 10));
    if (recorded.length === last) quiet += 1;
    else {
      quiet = 0;
      last = recorded.length;
    }
  }
}

/** Runs programs and returns what they registered and their outputs, fully resolved. */
export async function runPrograms<T extends Record<string, unknown>>(
  programs: (() => Promise<T>)[],
): Promise<{ resources: RecordedResource[]; outputs: unknown[] }> {
  const start = recorded.length;
  const outputs: unknown[] = [];
  for (const program of programs) {
    const out = await program();
    outputs.push(await valueOf(pulumi.output(out)));
  }
  await settle();
  return { resources: recorded.slice(start), outputs };
}
