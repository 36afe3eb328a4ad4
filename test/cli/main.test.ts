// `dsp`'s argument handling, help and exit codes, run in-process (no portal: these never reach the network).
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { COMMANDS, findCommand } from "@/cli/command-table";
import { dsp } from "./support";

const dir = mkdtempSync(join(tmpdir(), "dsp-main-"));
const write = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return name;
};

const GOOD = `apiVersion: datastore-portal/v1
kind: Datastore
metadata:
  name: playback-history
  team: streaming
spec:
  workload:
    tier: 2
    accessPattern: time-series
    readsPerSecond: 2000
    writesPerSecond: 8000
    readItemBytes: 1024
    writeItemBytes: 512
    datasetGiB: 300
    consistency: read-your-writes
    durability: durable
    regions: [us-east-1]
`;

describe("dsp's command line", () => {
  it("finds the longest command named by the first words, keeping the flags", () => {
    expect(findCommand(["requests", "show", "abc", "--json"])).toEqual({ command: COMMANDS.find((c) => c.name === "requests show"), rest: ["abc", "--json"] });
    expect(findCommand(["plan", "-f", "x.yaml"])?.command.name).toBe("plan");
    expect(findCommand(["--json", "whoami"])?.command.name).toBe("whoami");
    expect(findCommand(["requests"])).toBeNull();
    expect(findCommand(["nope"])).toBeNull();
  });

  it("documents every command and the exit codes in --help, and exits 0", async () => {
    const run = await dsp(["--help"]);
    expect(run.code).toBe(0);
    for (const c of COMMANDS) expect(run.stdout).toContain(c.name);
    expect(run.stdout).toMatch(/0\s+ok/);
    expect(run.stdout).toMatch(/5\s+waiting for review/);
  });

  it("shows a command's flags and examples with --help", async () => {
    const run = await dsp(["apply", "--help"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("--dry-run");
    expect(run.stdout).toContain("--wait");
    expect(run.stdout).toContain("Examples:");
    expect(run.stdout).toContain("dsp apply -f datastore.yaml");
  });

  it("is a usage error (2) to give no command, an unknown one, or an unknown flag — naming it", async () => {
    expect((await dsp([])).code).toBe(2);
    const unknown = await dsp(["frobnicate"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown command "frobnicate"');
    const flag = await dsp(["plan", "--fmaily", "cassandra"]);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain("--fmaily");
  });

  it("lists a group's commands when only the group is named (exit 2), and with --help (exit 0)", async () => {
    const bare = await dsp(["ops"]);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain("ops watch");
    expect((await dsp(["ops", "--help"])).code).toBe(0);
  });

  it("checks the number of arguments", async () => {
    const missing = await dsp(["requests", "show"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("<request-id>");
    const extra = await dsp(["whoami", "surplus"]);
    expect(extra.code).toBe(2);
    expect(extra.stderr).toContain('unexpected "surplus"');
  });

  it("says how to log in when no credentials are stored or set (exit 2)", async () => {
    const run = await dsp(["whoami"], { env: { XDG_CONFIG_HOME: join(dir, "empty-config") } });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("dsp login");
    expect(run.stderr).toContain("DSP_TOKEN");
  });

  it("plans a datastore file offline with --local: a table of family, shape, nodes, cost and why", async () => {
    const run = await dsp(["plan", "--local", "-f", write("good.yaml", GOOD)], { cwd: dir });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/FAMILY\s+SHAPE\s+NODES\s+MONTHLY\s+ANNUAL\s+WHY/);
    expect(run.stdout).toMatch(/^\s+1\s+cassandra\s+\S+\.\S+ × \d+\/zone\s+\d+\s+\$[\d,]+\s+\$[\d,]+\s+sized by/m);
    const json = await dsp(["plan", "--local", "-f", "good.yaml", "--json"], { cwd: dir });
    const body = JSON.parse(json.stdout) as { plan: { family: string; plans: unknown[] }; recommendation: { recommendations: { family: string }[] } };
    expect(body.plan.family).toBe("cassandra");
    expect(body.plan.plans.length).toBeGreaterThan(0);
    expect(body.recommendation.recommendations[0]?.family).toBe("cassandra");
  });

  it("refuses a bad file with exit 2, naming each field and its line", async () => {
    const bad = GOOD.replace("readsPerSecond: 2000", "readsPerSecond: lots").replace("  team: streaming\n", "  team: streaming\n  colour: blue\n");
    const run = await dsp(["plan", "--local", "-f", write("bad.yaml", bad)], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("bad.yaml is not a valid datastore file: 2 invalid fields");
    expect(run.stderr).toMatch(/spec\.workload\.readsPerSecond \(line 11\): must be a number/);
    expect(run.stderr).toMatch(/metadata\.colour \(line 6\): is not a known field/);
  });

  it("refuses YAML that does not parse, and a file that is not there (exit 2)", async () => {
    const broken = await dsp(["plan", "--local", "-f", write("broken.yaml", "spec: [unclosed\n")], { cwd: dir });
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain("is not valid YAML or JSON");
    const missing = await dsp(["plan", "--local", "-f", "nowhere.yaml"], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("Cannot read nowhere.yaml: no such file");
  });

  it("reads the file from standard input with -f -", async () => {
    const run = await dsp(["plan", "--local", "-f", "-", "--json"], { cwd: dir, stdin: GOOD });
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as { workload: string }).workload).toBe("playback-history");
  });

  it("prints a bash and a zsh completion script that know the commands and flags", async () => {
    const bash = await dsp(["completion", "bash"]);
    expect(bash.code).toBe(0);
    expect(bash.stdout).toContain("complete -F _dsp dsp");
    expect(bash.stdout).toContain("--dry-run");
    const zsh = await dsp(["completion", "zsh"]);
    expect(zsh.stdout).toContain("#compdef dsp");
    expect(zsh.stdout).toContain("request-changes");
    expect((await dsp(["completion", "fish"])).code).toBe(2);
  });
});
