// Every `dsp` command: its words, flags, help and examples, and the module that runs it — loaded only when that
// command runs, so `dsp --help` and the light commands never load the schemas or the planner. A new command is one
// entry here (and its module).
import type { CommandModule } from "./context";

export interface OptionSpec {
  type: "string" | "boolean";
  short?: string;
  multiple?: boolean;
  /** `--name VALUE` as help shows it. */
  value?: string;
  description: string;
}

export interface CommandSpec {
  /** The words after `dsp`: "requests create". */
  name: string;
  summary: string;
  /** Positional arguments, as help shows them: "<id>", "[bash|zsh]". */
  args?: string;
  /** How many positionals it takes: [min, max]. */
  positionals?: readonly [number, number];
  options?: Readonly<Record<string, OptionSpec>>;
  examples: readonly string[];
  /** Longer help below the flags. */
  notes?: string;
  load: () => Promise<CommandModule>;
}

const file: OptionSpec = { type: "string", short: "f", value: "FILE", description: "a YAML or JSON file (- reads standard input)" };
const team: OptionSpec = { type: "string", value: "SLUG", description: "the team (its slug); default: your token's team" };
const limit: OptionSpec = { type: "string", value: "N", description: "at most N items (1–100; default 25)" };
/** Commands only portal administrators may run: the portal refuses them from API tokens. */
const ADMIN_NOTE =
  "Administrators only, and the portal never lets an API token administer: with a token this answers 403 (exit 1). Use the portal's Upgrades page signed in, or the API with a session.";
const message: OptionSpec = { type: "string", short: "m", value: "TEXT", description: "a comment for the requester" };

export const COMMANDS: readonly CommandSpec[] = [
  {
    name: "login",
    summary: "Store the portal's address and an API token (verified first)",
    positionals: [0, 0],
    options: {
      url: { type: "string", value: "URL", description: "the portal's address, e.g. https://portal.example.com" },
      token: { type: "string", value: "TOKEN", description: "the API token (dsp_…); without it, read from standard input" },
    },
    examples: ["dsp login --url https://portal.example.com", 'echo "$TOKEN" | dsp login --url https://portal.example.com'],
    notes:
      "Create a token in the portal (Tokens) or with POST /api/v1/tokens. It is stored in $XDG_CONFIG_HOME/datastore-portal/config.json (~/.config/… without XDG_CONFIG_HOME), readable by you only. DSP_URL and DSP_TOKEN override it.",
    load: () => import("./commands/auth"),
  },
  {
    name: "logout",
    summary: "Forget the stored token (it stays valid until revoked in the portal)",
    positionals: [0, 0],
    examples: ["dsp logout"],
    load: () => import("./commands/auth"),
  },
  {
    name: "whoami",
    summary: "Who the token acts for: person, team, role, grants",
    positionals: [0, 0],
    examples: ["dsp whoami", "dsp whoami --json | jq -r .teams[0].slug"],
    load: () => import("./commands/auth"),
  },
  {
    name: "plan",
    summary: "Recommend a store family and plan capacity for a workload",
    positionals: [0, 0],
    options: {
      file,
      family: { type: "string", value: "FAMILY", description: "plan this family instead of the recommended one" },
      alternatives: { type: "string", value: "N", description: "how many ranked plans (1–10; default 4)" },
      local: { type: "boolean", description: "plan on this machine with the portal's planner (offline, no login)" },
    },
    examples: ["dsp plan -f workload.yaml", "dsp plan -f datastore.yaml --local", "dsp plan -f workload.yaml --family cassandra --json"],
    notes: "The file is a workload (the API's Workload) or a datastore file (kind: Datastore: its spec.workload and spec.family).",
    load: () => import("./commands/plan"),
  },
  {
    name: "apply",
    summary: "Converge the portal to a datastore file: request, change, thresholds — or nothing",
    positionals: [0, 0],
    options: {
      file,
      wait: { type: "boolean", description: "wait for review and provisioning to finish" },
      "dry-run": { type: "boolean", description: "say what would be done (with plan and cost delta), change nothing" },
    },
    examples: ["dsp apply -f datastore.yaml", "dsp apply -f datastore.yaml --dry-run", "dsp apply -f datastore.yaml --wait"],
    notes: `No datastore and no open request of that name: a request is created and submitted (exit 5 until a reviewer approves).
An open request with the same spec: nothing new (exit 5); a draft or one sent back is edited and submitted again.
Approved, not yet provisioned: its succeeded preview is confirmed (an up), or a preview is queued.
Active, workload differs: a day-2 change is opened (exit 5 when it needs a reviewer); an approved change's preview is confirmed.
Active, thresholds differ: they are replaced (If-Match on the version read).
Everything matches: "unchanged", exit 0. The family of an existing datastore cannot change in place (exit 4).`,
    load: () => import("./commands/apply"),
  },
  {
    name: "diff",
    summary: "Show what `dsp apply` would do, with plan and cost delta (changes nothing)",
    positionals: [0, 0],
    options: { file },
    examples: ["dsp diff -f datastore.yaml", "dsp diff -f datastore.yaml --json"],
    load: () => import("./commands/apply"),
  },
  {
    name: "requests create",
    summary: "Create a draft request from a workload or datastore file",
    positionals: [0, 0],
    options: {
      file,
      team,
      name: { type: "string", value: "NAME", description: "the request's (and datastore's) name; default: the workload's" },
      family: { type: "string", value: "FAMILY", description: "the family to plan; default: the recommended one" },
      submit: { type: "boolean", description: "submit it for review at once" },
    },
    examples: ["dsp requests create -f workload.yaml --team streaming", "dsp requests create -f datastore.yaml --submit"],
    load: () => import("./commands/requests"),
  },
  {
    name: "requests submit",
    summary: "Submit a request for review (the server pins the plan)",
    args: "<request-id>",
    positionals: [1, 1],
    examples: ["dsp requests submit clx0abc"],
    load: () => import("./commands/requests"),
  },
  {
    name: "requests show",
    summary: "A request: status, chosen plan, decisions",
    args: "<request-id>",
    positionals: [1, 1],
    examples: ["dsp requests show clx0abc", "dsp requests show clx0abc --json"],
    load: () => import("./commands/requests"),
  },
  {
    name: "requests list",
    summary: "Requests, newest first",
    positionals: [0, 0],
    options: {
      team,
      status: { type: "string", value: "STATUS", description: "draft, submitted, approved, changes-requested, rejected or cancelled" },
      mine: { type: "boolean", description: "only requests you created" },
      limit,
    },
    examples: ["dsp requests list --status submitted", "dsp requests list --mine --json"],
    load: () => import("./commands/requests"),
  },
  {
    name: "requests cancel",
    summary: "Cancel a draft, submitted or sent-back request",
    args: "<request-id>",
    positionals: [1, 1],
    examples: ["dsp requests cancel clx0abc"],
    load: () => import("./commands/requests"),
  },
  {
    name: "review list",
    summary: "The review queue: requests and changes waiting for a reviewer",
    positionals: [0, 0],
    options: { limit },
    examples: ["dsp review list"],
    load: () => import("./commands/review"),
  },
  {
    name: "review approve",
    summary: "Approve a submitted request, or a day-2 change in the queue (reviewers; never your own)",
    args: "<request-or-change-id>",
    positionals: [1, 1],
    options: { message, rank: { type: "string", value: "N", description: "approve the plan ranked N instead of the pinned one" } },
    examples: ["dsp review approve clx0abc -m 'Looks right.'", "dsp review approve clx0abc --rank 2"],
    load: () => import("./commands/review"),
  },
  {
    name: "review reject",
    summary: "Reject a submitted request or a queued change (a message is required)",
    args: "<request-or-change-id>",
    positionals: [1, 1],
    options: { message },
    examples: ["dsp review reject clx0abc -m 'Use the shared cluster.'"],
    load: () => import("./commands/review"),
  },
  {
    name: "review request-changes",
    summary: "Send a request back to its team (a message is required)",
    args: "<request-id>",
    positionals: [1, 1],
    options: { message },
    examples: ["dsp review request-changes clx0abc -m 'Tier 1 needs a second region.'"],
    load: () => import("./commands/review"),
  },
  {
    name: "datastores list",
    summary: "The catalog, newest first",
    positionals: [0, 0],
    options: {
      team,
      query: { type: "string", short: "q", value: "TEXT", description: "names containing TEXT" },
      family: { type: "string", value: "FAMILY", description: "only this family" },
      status: { type: "string", value: "STATUS", description: "approved, provisioning, active, failed, decommissioning or decommissioned" },
      limit,
    },
    examples: ["dsp datastores list --team streaming", "dsp datastores list -q history --json"],
    load: () => import("./commands/datastores"),
  },
  {
    name: "datastores show",
    summary: "A datastore: topology, cost, thresholds, status",
    args: "<id|name>",
    positionals: [1, 1],
    options: { team },
    examples: ["dsp datastores show viewing-history", "dsp datastores show clx0abc --json"],
    load: () => import("./commands/datastores"),
  },
  {
    name: "datastores export",
    summary: "Export a datastore as a Pulumi project (.tar.gz) or a Backstage catalog-info.yaml",
    args: "<id|name>",
    positionals: [1, 1],
    options: {
      team,
      pulumi: { type: "boolean", description: "the standalone Pulumi project (a .tar.gz)" },
      backstage: { type: "boolean", description: "the Backstage catalog-info.yaml" },
      output: {
        type: "string",
        short: "o",
        value: "FILE",
        description: "write to FILE (- is standard output; default: stdout for YAML, <name>-pulumi.tar.gz)",
      },
    },
    examples: ["dsp datastores export viewing-history --backstage > catalog-info.yaml", "dsp datastores export viewing-history --pulumi -o vh.tar.gz"],
    load: () => import("./commands/datastores"),
  },
  {
    name: "bench run",
    summary: "Benchmark a cluster of a datastore (NdBench-style load, profile derived from its workload)",
    args: "<datastore id|name>",
    positionals: [1, 1],
    options: {
      team,
      region: { type: "string", value: "REGION", description: "the cluster's region; default: the datastore's first" },
      role: { type: "string", value: "ROLE", description: "the cluster's role; default: the region's first" },
      duration: { type: "string", value: "SECONDS", description: "seconds of measured load (1–3600; default 10)" },
      label: { type: "string", value: "TEXT", description: 'a name for the run, e.g. "before the 1.6.21 upgrade"' },
      wait: { type: "boolean", description: "wait for the result; exit 1 if it fails or is cancelled" },
    },
    examples: ["dsp bench run viewing-history --wait", "dsp bench run viewing-history --role cache --duration 30 --label before-upgrade --json"],
    notes:
      "The profile is derived from the workload the datastore was sized for: its read/write mix, item sizes and keys (capped), the load of one node of the cluster (capped at 2,000/s), a short run. In simulated mode EVCache and Dynomite run against a local memcached / redis-server; other families get a SYNTHETIC result from the cluster's model.",
    load: () => import("./commands/bench"),
  },
  {
    name: "bench show",
    summary: "A benchmark run: status, progress, percentiles (response and service time), errors",
    args: "<run-id>",
    positionals: [1, 1],
    examples: ["dsp bench show clx0run1", "dsp bench show clx0run1 --json | jq .result.reads.latency"],
    load: () => import("./commands/bench"),
  },
  {
    name: "bench compare",
    summary: "Compare a candidate run with a baseline: deltas per percentile and the gate's verdict (exit 1 on fail)",
    args: "<baseline-run-id> <candidate-run-id>",
    positionals: [2, 2],
    options: {
      "max-regression": { type: "string", value: "PCT", description: "a gated percentile may grow at most this much (default 20)" },
    },
    examples: ["dsp bench compare clx0run1 clx0run2", "dsp bench compare clx0run1 clx0run2 --max-regression 10 --json"],
    load: () => import("./commands/bench"),
  },
  {
    name: "release list",
    summary: "Engine versions and images released per family, newest first (current: what campaigns roll out)",
    positionals: [0, 0],
    options: { family: { type: "string", value: "FAMILY", description: "only this family" } },
    examples: ["dsp release list", "dsp release list --family evcache --json"],
    load: () => import("./commands/releases"),
  },
  {
    name: "release create",
    summary: "Release a new engine version and images (one per region) for a family (administrators)",
    positionals: [0, 0],
    options: {
      family: { type: "string", value: "FAMILY", description: "evcache, cassandra, elasticsearch, graph or dynomite" },
      "engine-version": { type: "string", value: "VERSION", description: "the engine version, e.g. 1.6.29" },
      image: {
        type: "string",
        multiple: true,
        value: "REGION=IMAGE",
        description: "the machine image of one region, e.g. us-east-1=ami-0123456789abcdef0 (repeat: one per region; an AMI exists in one region)",
      },
      notes: { type: "string", value: "TEXT", description: "what changed, for the people reading the campaign" },
    },
    examples: [
      "dsp release create --family evcache --engine-version 1.6.29 --image us-east-1=ami-0123456789abcdef0 --image eu-west-1=ami-0fedcba9876543210 --notes 'CVE-2026-1234'",
    ],
    notes: ADMIN_NOTE,
    load: () => import("./commands/releases"),
  },
  {
    name: "campaign list",
    summary: "Upgrade campaigns, newest first: status, progress, the datastore under way",
    positionals: [0, 0],
    examples: ["dsp campaign list", "dsp campaign list --json | jq -r '.items[] | select(.status==\"halted\") | .id'"],
    load: () => import("./commands/campaigns"),
  },
  {
    name: "campaign show",
    summary: "A campaign: its waves, each datastore's step, canary zone and gate verdict with evidence (exit 1 if halted or aborted)",
    args: "<campaign-id>",
    positionals: [1, 1],
    options: { events: { type: "boolean", description: "also print the campaign's audit trail (every step, gate, approval)" } },
    examples: ["dsp campaign show clx0cmp1", "dsp campaign show clx0cmp1 --events", "dsp campaign show clx0cmp1 --json | jq .waves[0].targets"],
    load: () => import("./commands/campaigns"),
  },
  {
    name: "campaign create",
    summary: "Create a campaign for a release: waves by tier (3 first), early-upgrade teams first (administrators)",
    args: "<release-id>",
    positionals: [1, 1],
    options: {
      datastore: { type: "string", multiple: true, value: "ID|NAME", description: "only these affected datastores (repeat; default: every one)" },
      team,
      "max-regression": { type: "string", value: "PCT", description: "the gate: a p99 may grow at most this much over the baseline (default 10)" },
      "benchmark-duration": { type: "string", value: "SECONDS", description: "seconds of each baseline and validation benchmark (default 10)" },
      start: { type: "boolean", description: "start it at once instead of leaving a draft" },
    },
    examples: ["dsp campaign create clx0rel1", "dsp campaign create clx0rel1 --datastore viewing-history --max-regression 5 --start"],
    notes: `Each datastore: preview → baseline benchmark → canary (one zone) → validation benchmark → gate → the other zones. A failed gate halts the campaign and rolls the canary back; tier 0/1 waves wait for a reviewer (dsp campaign approve).
${ADMIN_NOTE}`,
    load: () => import("./commands/campaigns"),
  },
  {
    name: "campaign start",
    summary: "Start a draft campaign (administrators)",
    args: "<campaign-id>",
    positionals: [1, 1],
    examples: ["dsp campaign start clx0cmp1"],
    notes: ADMIN_NOTE,
    load: () => import("./commands/campaigns"),
  },
  {
    name: "campaign pause",
    summary: "Pause a running campaign: no further step (one under way finishes) (administrators)",
    args: "<campaign-id>",
    positionals: [1, 1],
    examples: ["dsp campaign pause clx0cmp1"],
    notes: ADMIN_NOTE,
    load: () => import("./commands/campaigns"),
  },
  {
    name: "campaign resume",
    summary: "Resume a paused campaign, or a halted one with the next datastore (administrators)",
    args: "<campaign-id>",
    positionals: [1, 1],
    examples: ["dsp campaign resume clx0cmp1"],
    notes: ADMIN_NOTE,
    load: () => import("./commands/campaigns"),
  },
  {
    name: "campaign abort",
    summary: "Abort a campaign: datastores not started are skipped, the one under way stops (administrators)",
    args: "<campaign-id>",
    positionals: [1, 1],
    options: { reason: { type: "string", value: "TEXT", description: "why, for the audit trail" } },
    examples: ["dsp campaign abort clx0cmp1 --reason 'p99 regression seen in prod'"],
    notes: ADMIN_NOTE,
    load: () => import("./commands/campaigns"),
  },
  {
    name: "campaign approve",
    summary: "Approve a tier 0/1 wave, or one datastore of it (the team's reviewers, platform reviewers)",
    args: "<campaign-id>",
    positionals: [1, 1],
    options: {
      wave: { type: "string", value: "N", description: "the wave, numbered as `dsp campaign show` prints it (1 is the first)" },
      target: { type: "string", value: "NAME|ID", description: "one datastore of a wave (its name, or the target's id)" },
    },
    examples: ["dsp campaign approve clx0cmp1 --wave 2", "dsp campaign approve clx0cmp1 --target delay-queue"],
    load: () => import("./commands/campaigns"),
  },
  {
    name: "ops list",
    summary: "A datastore's operations, newest first",
    args: "<datastore id|name>",
    positionals: [1, 1],
    options: { team, limit },
    examples: ["dsp ops list viewing-history"],
    load: () => import("./commands/ops"),
  },
  {
    name: "ops show",
    summary: "An operation: status, progress, summary, error",
    args: "<operation-id>",
    positionals: [1, 1],
    examples: ["dsp ops show clx0op1"],
    load: () => import("./commands/ops"),
  },
  {
    name: "ops cancel",
    summary: "Cancel a queued or running operation",
    args: "<operation-id>",
    positionals: [1, 1],
    examples: ["dsp ops cancel clx0op1"],
    load: () => import("./commands/ops"),
  },
  {
    name: "ops retry",
    summary: "Retry a failed, cancelled or interrupted operation",
    args: "<operation-id>",
    positionals: [1, 1],
    examples: ["dsp ops retry clx0op1"],
    load: () => import("./commands/ops"),
  },
  {
    name: "ops watch",
    summary: "Follow an operation live (progress and log); exit 1 if it fails or is cancelled",
    args: "<operation-id>",
    positionals: [1, 1],
    examples: ["dsp ops watch clx0op1", "dsp ops watch clx0op1 --json   # one event per line"],
    load: () => import("./commands/ops"),
  },
  {
    name: "mcp",
    summary: "Serve the portal's agent tools (MCP) over stdio, for an agent that starts its tools itself",
    positionals: [0, 0],
    examples: ["dsp mcp", '{"mcpServers": {"datastore-portal": {"command": "npx", "args": ["dsp", "mcp"]}}}'],
    notes:
      "The tools (recommend, plan, create and submit requests, read requests, datastores and operations, watch an operation) call the portal with your stored token or DSP_URL/DSP_TOKEN; approving stays with people. Standard output carries the protocol only.",
    load: () => import("./commands/mcp"),
  },
  {
    name: "completion",
    summary: "Print a shell completion script",
    args: "<bash|zsh>",
    positionals: [1, 1],
    examples: ["source <(dsp completion bash)", 'dsp completion zsh > "${fpath[1]}/_dsp"'],
    load: () => import("./commands/completion"),
  },
];

/** Options every command takes. */
export const GLOBAL_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  json: { type: "boolean", description: "print JSON (machine-readable) instead of text" },
  help: { type: "boolean", short: "h", description: "show help" },
};

/** The command named by the first words of argv (the longest match), and the words left after it. */
export function findCommand(argv: readonly string[]): { command: CommandSpec; rest: string[] } | null {
  const words = argv.filter((a) => !a.startsWith("-")).slice(0, 2);
  for (const n of [2, 1]) {
    const name = words.slice(0, n).join(" ");
    const command = COMMANDS.find((c) => c.name === name);
    if (command && words.length >= n) {
      // Remove the command's words (the first occurrences) from argv, keeping flags where they were.
      const rest = [...argv];
      for (const word of name.split(" ")) rest.splice(rest.indexOf(word), 1);
      return { command, rest };
    }
  }
  return null;
}

/** Group words ("requests", "ops") with the commands under them. */
export function groups(): Map<string, CommandSpec[]> {
  const out = new Map<string, CommandSpec[]>();
  for (const c of COMMANDS) {
    const [group, sub] = c.name.split(" ");
    if (group && sub) out.set(group, [...(out.get(group) ?? []), c]);
  }
  return out;
}
