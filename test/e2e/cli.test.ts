// The `dsp` CLI end to end: the real bin/dsp.mjs run as a child process, from a directory outside the checkout,
// against the portal the e2e setup started (simulated provisioner). Two people trade a session for an API token once;
// from then on only `dsp` speaks. The requester logs in and plans (on the portal and offline, which agree), applies a
// datastore file (a request waits for review: exit 5, again on a second apply), a platform reviewer approves with
// `dsp review approve`, `dsp ops watch` follows the provisioning preview and, after `dsp apply` confirms it, the up to
// an active datastore; applying again changes nothing (exit 0); a larger workload shows in `dsp diff` and `dsp apply`
// opens a day-2 change. Bad files exit 2 naming the field; an unknown datastore exits 3.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, statSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, inject, it } from "vitest";
import type { Me } from "@/lib/schemas/access";
import type { DatastoreChangeList } from "@/lib/schemas/change";
import type { DatastoreDetailDto } from "@/lib/schemas/datastore";
import type { OperationDto, OperationList } from "@/lib/schemas/operation";
import type { PlanResult } from "@/lib/schemas/plan";
import type { RequestDetailDto, RequestList } from "@/lib/schemas/request";
import { PortalHttp } from "./http";

const BIN = fileURLToPath(new URL("../../bin/dsp.mjs", import.meta.url));
/** Unique to this file, so the other browser tests' requests and datastores never collide with it. */
const NAME = "cli-playback-history";

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Cold-start figures, printed at the end (`dsp --help`, `dsp plan --local`, `dsp plan` against the portal). */
const timings: Record<string, number[]> = {};

const datastoreFile = (readsPerSecond: number) => `# yaml-language-server: $schema=http://localhost:3000/api/v1/schemas/datastore.json
apiVersion: datastore-portal/v1
kind: Datastore
metadata:
  name: ${NAME}
  team: streaming
spec:
  workload:
    tier: 2
    accessPattern: time-series
    readsPerSecond: ${readsPerSecond}
    writesPerSecond: 8000
    readItemBytes: 1024
    writeItemBytes: 512
    datasetGiB: 300
    readLatencyP99Ms: 20
    consistency: read-your-writes
    durability: durable
    regions: [us-east-1]
`;

describe("the dsp CLI against a running portal", () => {
  const baseUrl = inject("baseUrl");
  const http = new PortalHttp(baseUrl, "198.51.100.31");
  const password = inject("demoPassword");
  // Outside the checkout: dsp must work from any directory.
  const work = mkdtempSync(join(tmpdir(), "dsp-e2e-"));
  const config = join(work, "config");
  let moToken = "";
  let ritaToken = "";
  let requestId = "";
  let datastoreId = "";

  function dsp(args: string[], opts: { token?: string; stdin?: string; env?: Record<string, string>; timing?: string } = {}): Promise<Run> {
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? "/usr/bin:/bin",
      HOME: work,
      XDG_CONFIG_HOME: config,
      ...(opts.token ? { DSP_URL: baseUrl, DSP_TOKEN: opts.token } : {}),
      ...opts.env,
    };
    const started = performance.now();
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [BIN, ...args], { cwd: work, env: env as NodeJS.ProcessEnv, stdio: ["pipe", "pipe", "pipe"] });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
      child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
      child.on("error", reject);
      child.on("close", (code) => {
        const ms = performance.now() - started;
        if (opts.timing) (timings[opts.timing] ??= []).push(ms);
        resolve({ code, stdout, stderr, ms });
      });
      child.stdin.end(opts.stdin ?? "");
    });
  }

  const json = <T>(run: Run): T => {
    try {
      return JSON.parse(run.stdout) as T;
    } catch {
      throw new Error(`not JSON (exit ${run.code}):\n${run.stdout}\n${run.stderr}`);
    }
  };

  beforeAll(async () => {
    moToken = (await http.tokenFor("mo@portal.local", password, { role: "member", name: "cli-member" })).token;
    ritaToken = (await http.tokenFor("rita@portal.local", password, { role: "reviewer", platformReviewer: true, name: "cli-reviewer" })).token;
    writeFileSync(join(work, "datastore.yaml"), datastoreFile(2000));
    // The first run bundles the sources into the cache directory (under HOME here); the figures are of later starts.
    expect((await dsp(["--help"])).code).toBe(0);
  });

  it("logs in with a token from standard input (verified, stored 0600), says who it is, and logs out", async () => {
    for (let i = 0; i < 3; i++) expect((await dsp(["--help"], { timing: "dsp --help" })).code).toBe(0);
    const help = await dsp(["--help"]);
    expect(help.stdout).toContain("5  waiting for review");

    const login = await dsp(["login", "--url", baseUrl], { stdin: `${moToken}\n` });
    expect(login.stderr).toBe("");
    expect(login.code).toBe(0);
    expect(login.stdout).toContain(`Logged in to ${baseUrl} as mo@portal.local`);
    const file = join(config, "datastore-portal", "config.json");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(config, "datastore-portal")).mode & 0o777).toBe(0o700);
    expect(JSON.parse(readFileSync(file, "utf8"))).toEqual({ url: baseUrl, token: moToken });

    const me = json<Me & { url: string }>(await dsp(["whoami", "--json"]));
    expect(me.user.email).toBe("mo@portal.local");
    expect(me.teams).toEqual([expect.objectContaining({ slug: "streaming", role: "member" })]);
    // DSP_TOKEN overrides the stored token.
    const rita = await dsp(["whoami"], { env: { DSP_TOKEN: ritaToken } });
    expect(rita.stdout).toContain("rita@portal.local");
    expect(rita.stdout).toContain("platform reviewer: yes");
    // Without the bundle (no esbuild, a read-only cache) the sources run through tsx, to the same answer.
    const unbundled = await dsp(["whoami"], { env: { DSP_TOKEN: ritaToken, DSP_NO_BUNDLE: "1" } });
    expect(unbundled.code).toBe(0);
    expect(unbundled.stdout).toBe(rita.stdout);

    // A token the portal does not accept is not stored.
    const bad = await dsp(["login", "--url", baseUrl, "--token", "dsp_not-a-token"]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/error: .*\(401\)/);
    expect(JSON.parse(readFileSync(file, "utf8")).token).toBe(moToken);

    expect((await dsp(["logout"])).code).toBe(0);
    expect(existsSync(file)).toBe(false);
    const out = await dsp(["whoami"]);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain("dsp login");
  });

  it("plans on the portal and offline with --local, with the same answer", async () => {
    for (let i = 0; i < 2; i++) {
      await dsp(["plan", "-f", "datastore.yaml", "--json"], { token: moToken, timing: "dsp plan (portal)" });
      await dsp(["plan", "--local", "-f", "datastore.yaml", "--json"], { timing: "dsp plan --local" });
    }
    const remote = await dsp(["plan", "-f", "datastore.yaml", "--json"], { token: moToken, timing: "dsp plan (portal)" });
    const local = await dsp(["plan", "--local", "-f", "datastore.yaml", "--json"], { timing: "dsp plan --local" });
    expect(remote.code).toBe(0);
    expect(local.code).toBe(0);
    const r = json<{ plan: PlanResult }>(remote).plan;
    const l = json<{ plan: PlanResult; local: boolean }>(local);
    expect(l.local).toBe(true);
    expect(r.family).toBe("cassandra");
    expect(l.plan.plans.map((p) => [p.clusters[0]?.instanceType, p.annualCost])).toEqual(r.plans.map((p) => [p.clusters[0]?.instanceType, p.annualCost]));

    const table = await dsp(["plan", "-f", "datastore.yaml"], { token: moToken });
    expect(table.stdout).toMatch(/RANK\s+FAMILY\s+SHAPE\s+NODES\s+MONTHLY\s+ANNUAL\s+WHY/);
    expect(table.stdout).toMatch(/^\s+1\s+cassandra\s/m);
  });

  it("refuses a bad file with exit 2 naming the field and its line, before calling the portal", async () => {
    writeFileSync(join(work, "bad.yaml"), datastoreFile(2000).replace("consistency: read-your-writes", "consistency: strong"));
    const run = await dsp(["apply", "-f", "bad.yaml"], { token: moToken });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/spec\.workload\.consistency \(line 17\): .*"best-effort"/);
  });

  it("exits 3 for a datastore that does not exist, with the problem's title", async () => {
    const run = await dsp(["datastores", "show", "no-such-datastore"], { token: moToken });
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/^error: .*\(404\)/);
  });

  it("applies a new datastore file: a submitted request that waits for review (exit 5), and nothing new on a second apply", async () => {
    const dry = await dsp(["diff", "-f", "datastore.yaml"], { token: moToken });
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain("would create a request and submit it for review");
    expect(dry.stdout).toContain(`${NAME} (`);
    expect(dry.stdout).not.toMatch(/: applied$/m);
    expect(dry.stdout).toMatch(/cost: \$0\/yr → \$[\d,]+\/yr \(\+\$[\d,]+\/yr\)/);
    // A dry run changes nothing.
    const none = await http.call<RequestList>("/api/v1/requests?status=submitted", { token: moToken });
    expect(none.body.items.filter((r) => r.name === NAME)).toEqual([]);

    const first = await dsp(["apply", "-f", "datastore.yaml"], { token: moToken });
    expect(first.stderr).toBe("");
    expect(first.code).toBe(5);
    expect(first.stdout).toContain("Created and submitted request");
    const second = await dsp(["apply", "-f", "datastore.yaml", "--json"], { token: moToken });
    expect(second.code).toBe(5);
    const decision = json<{ outcome: string; actions: unknown[]; waitFor: { request: string } }>(second);
    expect(decision).toMatchObject({ outcome: "waiting-for-review", actions: [] });
    requestId = decision.waitFor.request;

    const listed = json<RequestList>(await dsp(["requests", "list", "--status", "submitted", "--json"], { token: moToken }));
    expect(listed.items.filter((r) => r.name === NAME).map((r) => r.id)).toEqual([requestId]);
    // The requester cannot approve their own request: the portal's 403, exit 1.
    const self = await dsp(["review", "approve", requestId], { token: moToken });
    expect(self.code).toBe(1);
    expect(self.stderr).toMatch(/\(403\)/);
  });

  it("lets a reviewer approve with dsp review approve; dsp ops watch follows the preview, apply confirms it, watch follows the up", async () => {
    const approved = json<RequestDetailDto>(await dsp(["review", "approve", requestId, "-m", "Approved from the CLI.", "--json"], { token: ritaToken }));
    expect(approved.status).toBe("approved");
    expect(approved.decisions).toEqual([expect.objectContaining({ decision: "approved", comment: "Approved from the CLI." })]);
    datastoreId = approved.datastoreId ?? "";
    expect(datastoreId).not.toBe("");

    const ops = json<OperationList>(await dsp(["ops", "list", NAME, "--json"], { token: moToken }));
    const preview = ops.items.find((o) => o.kind === "preview" && o.purpose === "provision");
    if (!preview) throw new Error(`no provisioning preview queued: ${JSON.stringify(ops.items)}`);
    const watchedPreview = await dsp(["ops", "watch", preview.id], { token: moToken });
    expect(watchedPreview.stderr).toBe("");
    expect(watchedPreview.code).toBe(0);
    expect(watchedPreview.stdout).toContain(`preview ${preview.id} succeeded`);

    // The datastore is approved and its preview succeeded: apply starts provisioning (an up confirming the preview).
    const apply = await dsp(["apply", "-f", "datastore.yaml", "--json"], { token: moToken });
    expect(apply.code).toBe(0);
    const started = json<{ outcome: string; waitFor: { operation: string } }>(apply);
    expect(started.outcome).toBe("in-progress");
    const up = json<OperationDto>(await dsp(["ops", "show", started.waitFor.operation, "--json"], { token: moToken }));
    expect(up).toMatchObject({ kind: "up", purpose: "provision", previewId: preview.id });

    const watched = await dsp(["ops", "watch", up.id], { token: moToken });
    expect(watched.code).toBe(0);
    // Not a terminal: plain lines, one per finished step, then the end.
    expect(watched.stdout).not.toContain("\r");
    expect(watched.stdout).toMatch(/^ {2}create +\S+ \(aws:autoscaling\/group:Group\)$/m);
    expect(watched.stdout).toContain(`up ${up.id} succeeded`);
    const active = json<DatastoreDetailDto>(await dsp(["datastores", "show", NAME, "--json"], { token: moToken }));
    expect(active.status).toBe("active");
    // Watching a finished operation replays its log and exits by its status.
    const again = await dsp(["ops", "watch", up.id, "--json"], { token: moToken });
    expect(again.code).toBe(0);
    const lines = again.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { seq?: number; operation?: OperationDto });
    const final = lines.at(-1)?.operation;
    expect(final?.status).toBe("succeeded");
    // Every event once, in order: one JSON line each.
    const seqs = lines.flatMap((l) => (l.seq === undefined ? [] : [l.seq]));
    expect(seqs).toEqual(Array.from({ length: final?.eventCount ?? 0 }, (_, i) => i + 1));
  });

  it("applies the same file again: unchanged, exit 0", async () => {
    const run = await dsp(["apply", "-f", "datastore.yaml"], { token: moToken });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("unchanged");
    const diff = await dsp(["diff", "-f", "datastore.yaml", "--json"], { token: moToken });
    expect(json<{ outcome: string }>(diff).outcome).toBe("unchanged");
  });

  it("exports the datastore for Backstage and as a Pulumi project", async () => {
    const backstage = await dsp(["datastores", "export", NAME, "--backstage"], { token: moToken });
    expect(backstage.code).toBe(0);
    expect(backstage.stdout).toMatch(/kind: "?Resource"?/);
    const pulumi = await dsp(["datastores", "export", NAME, "--pulumi", "-o", "project.tar.gz"], { token: moToken });
    expect(pulumi.code).toBe(0);
    expect([...readFileSync(join(work, "project.tar.gz")).subarray(0, 2)]).toEqual([0x1f, 0x8b]);
  });

  it("shows a larger workload in dsp diff with its cost delta, and dsp apply opens a day-2 change", async () => {
    writeFileSync(join(work, "datastore.yaml"), datastoreFile(60_000));
    const diff = await dsp(["diff", "-f", "datastore.yaml"], { token: moToken });
    expect(diff.code).toBe(0);
    expect(diff.stdout).toContain("would open a day-2 change");
    expect(diff.stdout).toContain("workload.readsPerSecond 2000 → 60000");
    expect(diff.stdout).toMatch(/cost: \$[\d,]+\/yr → \$[\d,]+\/yr \([+-]\$[\d,]+\/yr\)/);
    const before = await http.call<DatastoreChangeList>(`/api/v1/datastores/${datastoreId}/changes`, { token: moToken });
    expect(before.body.items).toEqual([]);

    const apply = await dsp(["apply", "-f", "datastore.yaml"], { token: moToken });
    expect(apply.stderr).toBe("");
    expect(apply.stdout).toContain("Opened change");
    const changes = await http.call<DatastoreChangeList>(`/api/v1/datastores/${datastoreId}/changes`, { token: moToken });
    const [change] = changes.body.items;
    expect(change).toMatchObject({ kind: "update", workload: expect.objectContaining({ readsPerSecond: 60_000 }) });
    // More reads cost more: a reviewer must approve, and dsp says it waits (exit 5); applying again waits too.
    expect(change?.status).toBe("pending-approval");
    expect(apply.code).toBe(5);
    const again = await dsp(["apply", "-f", "datastore.yaml"], { token: moToken });
    expect(again.code).toBe(5);
    expect((await http.call<DatastoreChangeList>(`/api/v1/datastores/${datastoreId}/changes`, { token: moToken })).body.items).toHaveLength(1);
  });

  it("lets the reviewer approve the change with dsp review approve, and dsp apply --wait carries it through to unchanged", async () => {
    const [change] = (await http.call<DatastoreChangeList>(`/api/v1/datastores/${datastoreId}/changes`, { token: moToken })).body.items;
    if (!change) throw new Error("no change");
    const approved = await dsp(["review", "approve", change.id, "-m", "More reads, more nodes: fine.", "--json"], { token: ritaToken });
    expect(approved.code).toBe(0);
    expect(json<{ status: string }>(approved).status).toBe("approved");

    const wait = await dsp(["apply", "-f", "datastore.yaml", "--wait"], { token: moToken });
    expect(wait.stderr).toBe("");
    expect(wait.code).toBe(0);
    expect(wait.stdout).toMatch(/^up \S+ succeeded/m);
    expect(wait.stdout.trim().split("\n").at(-1)).toBe("unchanged");
    const after = (await http.call<DatastoreChangeList>(`/api/v1/datastores/${datastoreId}/changes`, { token: moToken })).body.items[0];
    expect(after).toMatchObject({ id: change.id, status: "applied" });
    const datastore = json<DatastoreDetailDto>(await dsp(["datastores", "show", NAME, "--json"], { token: moToken }));
    expect(datastore.status).toBe("active");
    expect(datastore.annualCost).toBe(after?.after?.annualCost);
    expect((await dsp(["apply", "-f", "datastore.yaml"], { token: moToken })).code).toBe(0);
  });

  it("creates, submits, sends back, re-applies, rejects and refuses to cancel a request — exit codes 0, 5, 4", async () => {
    const other = "cli-session-cache";
    writeFileSync(join(work, "other.yaml"), datastoreFile(2000).replace(`name: ${NAME}`, `name: ${other}`));
    const created = await dsp(["requests", "create", "-f", "other.yaml", "--json"], { token: moToken });
    expect(created.code).toBe(0);
    const draft = json<RequestDetailDto>(created);
    expect(draft).toMatchObject({ name: other, status: "draft", team: expect.objectContaining({ slug: "streaming" }) });
    const submitted = await dsp(["requests", "submit", draft.id], { token: moToken });
    expect(submitted.code).toBe(5);
    expect(submitted.stdout).toMatch(/status:\s+submitted/);

    const queue = json<{ items: { id: string; kind: string }[] }>(await dsp(["review", "list", "--json"], { token: ritaToken }));
    expect(queue.items).toContainEqual(expect.objectContaining({ id: draft.id, kind: "request" }));
    // Sending back needs a reason: a usage error before any call.
    expect((await dsp(["review", "request-changes", draft.id], { token: ritaToken })).code).toBe(2);
    const back = await dsp(["review", "request-changes", draft.id, "-m", "Plan for 4000 reads."], { token: ritaToken });
    expect(back.code).toBe(0);

    // The file now asks for 4000 reads: apply edits the request sent back and submits it again.
    writeFileSync(join(work, "other.yaml"), datastoreFile(4000).replace(`name: ${NAME}`, `name: ${other}`));
    const reapplied = await dsp(["apply", "-f", "other.yaml"], { token: moToken });
    expect(reapplied.code).toBe(5);
    expect(reapplied.stdout).toContain(`Edited request ${draft.id}`);
    const shown = json<RequestDetailDto>(await dsp(["requests", "show", draft.id, "--json"], { token: moToken }));
    expect(shown).toMatchObject({ status: "submitted", workload: expect.objectContaining({ readsPerSecond: 4000 }) });

    expect((await dsp(["review", "reject", draft.id, "-m", "Use the shared cluster."], { token: ritaToken })).code).toBe(0);
    // A rejected request is final: cancelling it is the portal's 409, exit 4.
    const cancel = await dsp(["requests", "cancel", draft.id], { token: moToken });
    expect(cancel.code).toBe(4);
    expect(cancel.stderr).toMatch(/\(409\)/);
  });

  it("prints its cold-start figures", () => {
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
    for (const [what, xs] of Object.entries(timings))
      console.log(`[cli] ${what}: ${Math.round(median(xs))} ms (${xs.length} run${xs.length === 1 ? "" : "s"})`);
    expect(Object.keys(timings)).toEqual(["dsp --help", "dsp plan (portal)", "dsp plan --local"]);
  });
});
