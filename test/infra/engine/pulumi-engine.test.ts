// The Pulumi engine's glue, without a cloud: finding the CLI on a PATH, and turning what the CLI says into the
// operation's error — a missing CLI, a stack another update holds (DIY backend and Pulumi Cloud wording), a failed
// update, a missing passphrase. A fake `pulumi` written by the test answers the commands the Automation API runs.
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createEngine } from "../../../infra/engine";
import { NO_CLI_MESSAGE } from "../../../infra/engine/pulumi-cli";
import { fileBackendDir, lastMeaningfulLine, NO_PASSPHRASE_MESSAGE } from "../../../infra/engine/pulumi-engine";
import { EngineError, PULUMI_PROJECT, stackNameOf } from "../../../lib/server/provisioning/engine-contract";
import { specFor } from "../fixtures";
import { rejectionOf, runOf, tempDir } from "./support";

const spec = specFor("delayed-queues", { name: "orders", id: "ds_orders" });
const STACK = stackNameOf(spec);

const DIY_LOCKED =
  "error: the stack is currently locked by 1 lock(s). Either wait for the other process(es) to end or delete the lock file with `pulumi cancel`.";
const CLOUD_CONFLICT = "error: [409] Conflict: Another update is currently in progress.";

/**
 * A fake CLI in `<dir>/bin/pulumi`: logs every call (argv and the backend it was given), knows stacks once
 * `stack init` made them, and answers preview/up/refresh/destroy with `stderr` and exit code 255.
 */
function fakePulumi(stderr: string): { binDir: string; log: () => string[] } {
  const dir = tempDir("fake-pulumi-");
  const binDir = path.join(dir, "bin");
  mkdirSync(binDir);
  const logFile = path.join(dir, "calls.log");
  writeFileSync(path.join(dir, "stderr.txt"), `${stderr}\n`);
  const script = `#!/bin/bash
echo "$* | backend=$PULUMI_BACKEND_URL passphrase=\${PULUMI_CONFIG_PASSPHRASE:-none}" >> "${logFile}"
stack_of() { while [ $# -gt 0 ]; do if [ "$1" = "--stack" ]; then echo "$2"; return; fi; shift; done; }
case "$1" in
  version) echo "v3.248.0" ;;
  stack)
    case "$2" in
      select) if [ -f "${dir}/stack-$(stack_of "$@")" ]; then exit 0; else echo "error: no stack named '$(stack_of "$@")' found" >&2; exit 255; fi ;;
      init) touch "${dir}/stack-$3" ;;
      output) echo "{}" ;;
      history) echo "[]" ;;
    esac ;;
  preview|up|refresh|destroy) echo "Previewing update (${STACK}):"; cat "${dir}/stderr.txt" >&2; exit 255 ;;
  cancel) exit 0 ;;
  *) exit 0 ;;
esac
`;
  const file = path.join(binDir, "pulumi");
  writeFileSync(file, script);
  chmodSync(file, 0o755);
  return { binDir, log: () => (existsSync(logFile) ? readFileSync(logFile, "utf8").trim().split("\n") : []) };
}

/** A PATH with the basic tools bash needs but no pulumi. */
const BASE_PATH = ["/usr/bin", "/bin"].join(path.delimiter);

function engineWith(searchPath: string) {
  return createEngine("pulumi", { dataDir: tempDir("pulumi-data-"), path: searchPath });
}

function backend() {
  return { url: `file://${tempDir("pulumi-state-")}`, passphrase: "correct horse battery staple" };
}

describe("pulumi engine without a CLI", () => {
  it("says plainly what to install, and refuses to run", async () => {
    const engine = engineWith(tempDir("empty-path-"));
    await expect(engine.status()).resolves.toEqual({ available: false, version: null, message: NO_CLI_MESSAGE });
    expect(NO_CLI_MESSAGE).toContain("https://www.pulumi.com/docs/install/");
    const e = await rejectionOf(engine.run(runOf("preview", spec, { backend: backend() }).run));
    expect(e).toBeInstanceOf(EngineError);
    expect((e as EngineError).failure).toEqual({ code: "unavailable", message: NO_CLI_MESSAGE });
  });

  it("clears a file backend's stale lock files itself when there is no CLI to cancel with", async () => {
    const engine = engineWith(tempDir("empty-path-"));
    const b = backend();
    const locks = path.join(fileBackendDir(b.url) as string, ".pulumi", "locks", "organization", PULUMI_PROJECT, STACK);
    mkdirSync(locks, { recursive: true });
    writeFileSync(path.join(locks, "0b5e1c2d-dead-host.json"), JSON.stringify({ pid: 4242, host: "dead-host" }));
    await engine.cancel(runOf("preview", spec, { backend: b }).run);
    expect(readdirSync(locks)).toEqual([]);
  });
});

describe("pulumi engine against a fake CLI", () => {
  it("finds the CLI on the PATH it is given and reports its version", async () => {
    const fake = fakePulumi(DIY_LOCKED);
    const engine = engineWith([fake.binDir, BASE_PATH].join(path.delimiter));
    await expect(engine.status()).resolves.toMatchObject({ available: true, version: "3.248.0" });
    expect(fake.log()[0]).toMatch(/^version /);
  });

  it("maps a DIY backend's locked stack to a conflict naming the stack", async () => {
    const fake = fakePulumi(DIY_LOCKED);
    const engine = engineWith([fake.binDir, BASE_PATH].join(path.delimiter));
    const b = backend();
    const { run, events } = runOf("preview", spec, { backend: b });
    const e = await rejectionOf(engine.run(run));
    expect(e).toBeInstanceOf(EngineError);
    const failure = (e as EngineError).failure;
    expect(failure.code).toBe("conflict");
    expect(failure.message).toContain(STACK);
    expect(failure.message).toContain("Another update holds");
    expect(failure.message).toContain("the stack is currently locked by 1 lock(s)");
    expect(events).toEqual([{ type: "started", kind: "preview" }]);

    // What the Automation API ran: a new stack (select fails, init with the passphrase provider), then the preview
    // of the inline program, every call with the organisation's backend and passphrase.
    const calls = fake.log();
    expect(calls.find((c) => c.startsWith("stack select"))).toContain(`--stack ${STACK}`);
    expect(calls.find((c) => c.startsWith("stack init"))).toContain(`stack init ${STACK} --secrets-provider passphrase`);
    const preview = calls.find((c) => c.startsWith("preview"));
    expect(preview).toContain("--exec-kind auto.inline");
    expect(preview).toContain(`| backend=${b.url} passphrase=${b.passphrase}`);
    expect(existsSync(fileBackendDir(b.url) as string)).toBe(true);
    const project = readFileSync(path.join(run.workDir, "Pulumi.yaml"), "utf8");
    expect(project).toContain(`name: ${PULUMI_PROJECT}`);
    expect(project).toContain(`url: ${b.url}`);

    // The stack now exists: an up selects it and meets the same lock.
    const up = await rejectionOf(engine.run(runOf("up", spec, { backend: b }).run));
    expect((up as EngineError).failure.code).toBe("conflict");
    expect(fake.log().filter((c) => c.startsWith("stack init"))).toHaveLength(1);
  });

  it("maps Pulumi Cloud's 409 to a conflict too", async () => {
    const fake = fakePulumi(CLOUD_CONFLICT);
    const engine = engineWith([fake.binDir, BASE_PATH].join(path.delimiter));
    const e = await rejectionOf(engine.run(runOf("up", spec, { backend: backend() }).run));
    expect((e as EngineError).failure).toMatchObject({
      code: "conflict",
      message: expect.stringContaining("[409] Conflict: Another update is currently in progress."),
    });
  });

  it("reports a failed update with the CLI's last meaningful error when no resource said more", async () => {
    const fake = fakePulumi("error: creating Auto Scaling Group (orders-us-east-1-queue-us-east-1a): ValidationError: bad template\nerror: update failed");
    const engine = engineWith([fake.binDir, BASE_PATH].join(path.delimiter));
    const e = await rejectionOf(engine.run(runOf("up", spec, { backend: backend() }).run));
    expect((e as EngineError).failure).toEqual({
      code: "engine",
      message: "creating Auto Scaling Group (orders-us-east-1-queue-us-east-1a): ValidationError: bad template",
    });
  });

  it("refuses to run without a secrets passphrase, saying where to set one", async () => {
    const fake = fakePulumi(DIY_LOCKED);
    const engine = engineWith([fake.binDir, BASE_PATH].join(path.delimiter));
    const e = await rejectionOf(engine.run(runOf("preview", spec, { backend: { url: backend().url, passphrase: null } }).run));
    expect((e as EngineError).failure).toEqual({ code: "input", message: NO_PASSPHRASE_MESSAGE });
    expect(fake.log().some((c) => c.startsWith("preview"))).toBe(false);
  });

  it("refuses invalid settings before running the CLI, naming the fields", async () => {
    const fake = fakePulumi(DIY_LOCKED);
    const engine = engineWith([fake.binDir, BASE_PATH].join(path.delimiter));
    const e = await rejectionOf(engine.run(runOf("preview", spec, { backend: backend(), org: { regions: {} } }).run));
    expect((e as EngineError).failure).toMatchObject({ code: "input", message: expect.stringContaining("org.regions.us-east-1") });
    expect(fake.log()).toEqual([]);
  });

  it("cancels through the CLI", async () => {
    const fake = fakePulumi(DIY_LOCKED);
    const engine = engineWith([fake.binDir, BASE_PATH].join(path.delimiter));
    const b = backend();
    await rejectionOf(engine.run(runOf("preview", spec, { backend: b }).run));
    await engine.cancel(runOf("preview", spec, { backend: b }).run);
    expect(fake.log().find((c) => c.startsWith("cancel"))).toContain(`--stack ${STACK}`);
  });
});

describe("CLI output", () => {
  it("takes the last error line that is not the generic one", () => {
    expect(lastMeaningfulLine("warning: something\nerror: \u001b[31mboom\u001b[0m\nerror: update failed\n")).toBe("boom");
    expect(lastMeaningfulLine("plain text only")).toBe("plain text only");
  });

  it("reads file backend URLs", () => {
    expect(fileBackendDir("file:///var/lib/portal/state")).toBe("/var/lib/portal/state");
    expect(fileBackendDir("s3://bucket/prefix")).toBeNull();
  });
});
