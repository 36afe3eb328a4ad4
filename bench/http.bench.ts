// npm run bench (third part) — the HTTP API under load, as `npm start` serves it: a production build (built first
// when stale), `next start` with the in-process worker, on a temporary SQLite database that the same start-up steps
// migrate and seed. autocannon drives each route with 20 connections; every authenticated route is reported as a
// ratio of the trivial route's throughput (GET /api/v1/openapi.json, run right before it, several times: the median
// ratio) and its p99 as a ratio of the trivial route's p99. Targets (issue 10): authenticated reads and POST /api/v1/plans ≥ 70% of the trivial route's
// throughput and p99 ≤ 1.5× its p99. Then memory: the server's RSS and, after a forced garbage collection (through
// the inspector), its live heap after each of several rounds — a live heap that keeps growing round after round is
// a leak; one that levels off while RSS stays high is the heap's high-water mark and caches.
//   BENCH_SECONDS (default 5) per run, BENCH_PAIRS (default 3) runs per route, BENCH_ROUNDS (default 3) memory rounds.
import autocannon from "autocannon";
import Database from "better-sqlite3";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { buildIfNeeded, NEXT_BIN, ROOT } from "../scripts/build-if-needed.mjs";
import { prepare } from "../scripts/prepare.mjs";
import { CANONICAL_USE_CASES } from "../lib/planner/examples";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const PAIRS = Number(process.env.BENCH_PAIRS ?? 3);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = 20;
const PASSWORD = "demo-walkthrough";
const TARGET_THROUGHPUT = 0.7;
const TARGET_P99 = 1.5;

interface Target {
  name: string;
  path: string;
  method?: "GET" | "POST";
  headers?: Record<string, string>;
  body?: string;
  /** Held to the issue's targets (authenticated reads and plans). */
  targeted: boolean;
}

interface Figures {
  /** Server CPU time per completed request (ms): unlike throughput, barely moved by other work on the machine. */
  cpuMs: number;
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/** Resident memory of a process and its descendants, in MiB (Linux /proc). */
function rssMiB(pid: number): number {
  let kib = 0;
  const visit = (p: number) => {
    try {
      kib += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, "utf8"))?.[1] ?? 0);
    } catch {
      // Gone meanwhile.
    }
    for (const c of childrenOf(p)) visit(c);
  };
  visit(pid);
  return kib / 1024;
}

/** CPU time (ms, user + system) used so far by a process and its descendants that are still alive (Linux /proc). */
function cpuMs(pid: number): number {
  const ticksPerSecond = 100; // USER_HZ on Linux
  let ticks = 0;
  const visit = (p: number) => {
    try {
      const stat = readFileSync(`/proc/${p}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // Gone meanwhile.
    }
    for (const c of childrenOf(p)) visit(c);
  };
  visit(pid);
  return (ticks / ticksPerSecond) * 1000;
}

function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      if (Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) === pid) out.push(Number(entry));
    } catch {
      // Gone meanwhile.
    }
  }
  return out;
}

/** A minimal Chrome DevTools Protocol client over the server's inspector: force a GC, read the live heap. */
class Inspector {
  #ws: WebSocket;
  #next = 1;
  #pending = new Map<number, (result: unknown) => void>();
  private constructor(ws: WebSocket) {
    this.#ws = ws;
    ws.addEventListener("message", (event) => {
      const msg = JSON.parse(String(event.data)) as { id?: number; result?: unknown };
      if (msg.id !== undefined) this.#pending.get(msg.id)?.(msg.result);
    });
  }
  static connect(url: string): Promise<Inspector> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url);
      ws.addEventListener("open", () => resolve(new Inspector(ws)));
      ws.addEventListener("error", () => reject(new Error(`cannot reach the inspector at ${url}`)));
    });
  }
  send(method: string, params: Record<string, unknown> = {}): Promise<unknown> {
    const id = this.#next++;
    return new Promise((resolve) => {
      this.#pending.set(id, resolve);
      this.#ws.send(JSON.stringify({ id, method, params }));
    });
  }
  /** The live heap (MiB) after a full garbage collection. */
  async heapAfterGc(): Promise<number> {
    await this.send("HeapProfiler.collectGarbage");
    const result = (await this.send("Runtime.evaluate", { expression: "process.memoryUsage().heapUsed", returnByValue: true })) as {
      result: { value: number };
    };
    return result.result.value / (1024 * 1024);
  }
  close(): void {
    this.#ws.close();
  }
}

interface Server {
  baseUrl: string;
  pid: number;
  inspectorUrl: string;
  stop(): Promise<void>;
}

async function startServer(dataDir: string): Promise<Server> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const { DATABASE_URL: _shared, ...inherited } = process.env;
  const env = {
    NEXT_TELEMETRY_DISABLED: "1",
    ...inherited,
    NODE_ENV: "production" as const,
    DATA_DIR: dataDir,
    DEMO_SEED: "1",
    ADMIN_PASSWORD: "bench-admin-password",
    PUBLIC_URL: baseUrl,
    LOG_LEVEL: "warn",
    PROVISIONER: "simulated",
    SIMULATED_STEP_MS: "0",
  };
  await prepare({ env, stdio: ["ignore", "ignore", "inherit"] });
  // The inspector only answers the benchmark's GC and heap questions between rounds; it costs nothing meanwhile.
  const child: ChildProcess = spawn(NEXT_BIN, ["start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: ROOT,
    env: { ...env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --inspect=127.0.0.1:0`.trim() },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
      setTimeout(() => child.kill("SIGKILL"), 10_000).unref();
    });
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited:\n${output}`);
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`next start did not answer within 120 s:\n${output}`);
    }
    const inspectorUrl = /Debugger listening on (ws:\/\/\S+)/.exec(output)?.[1];
    const ok = await fetch(`${baseUrl}/api/v1/openapi.json`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok && inspectorUrl) return { baseUrl, pid: child.pid ?? 0, inspectorUrl, stop };
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * Signs in as a demo person: their session cookie, an API token for their team, and the team's id. A platform
 * reviewer's token carries the grant (reviewing every team's requests) only when asked for.
 */
async function credentials(baseUrl: string, email: string, role: "member" | "reviewer", platformReviewer = false) {
  const signIn = await fetch(`${baseUrl}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: baseUrl },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  if (signIn.status !== 200) throw new Error(`sign-in as ${email}: ${signIn.status} ${await signIn.text()}`);
  const cookie = signIn.headers
    .getSetCookie()
    .map((line) => line.split(";")[0])
    .join("; ");
  const call = async <T>(path: string, init: RequestInit = {}): Promise<T> => {
    const res = await fetch(`${baseUrl}${path}`, { ...init, headers: { cookie, origin: baseUrl, "content-type": "application/json", ...init.headers } });
    if (!res.ok) throw new Error(`${init.method ?? "GET"} ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  const me = await call<{ teams: { id: string }[] }>("/api/v1/me");
  const teamId = me.teams[0]?.id ?? "";
  const token = await call<{ secret: string }>("/api/v1/tokens", {
    method: "POST",
    body: JSON.stringify({ name: `bench-${role}`, teamId, role, platformReviewer, expiresInDays: 1 }),
  });
  return { cookie, token: token.secret, teamId };
}

/** A catalog worth listing: a request per canonical use case, submitted, approved, and its preview run. */
async function seedCatalog(baseUrl: string, member: { token: string; teamId: string }, reviewer: { token: string }): Promise<void> {
  const call = async <T>(token: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${baseUrl}${path}`, {
      method: body === undefined ? "GET" : "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  for (const uc of CANONICAL_USE_CASES) {
    const name = `bench-${uc.id}`;
    const created = await call<{ id: string }>(member.token, "/api/v1/requests", { teamId: member.teamId, name, workload: { ...uc.workload, name } });
    await call(member.token, `/api/v1/requests/${created.id}/submit`, {});
    await call(reviewer.token, `/api/v1/requests/${created.id}/decisions`, { decision: "approved" });
  }
  // Let the worker finish the queued previews, so that the load below measures the API alone.
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const list = await call<{ items: { id: string }[] }>(member.token, "/api/v1/datastores");
    const ops = await Promise.all(list.items.map((d) => call<{ items: { status: string }[] }>(member.token, `/api/v1/datastores/${d.id}/operations`)));
    if (ops.every((o) => o.items.every((op) => !["queued", "running"].includes(op.status)))) return;
    await new Promise((r) => setTimeout(r, 500));
  }
}

let serverPid = 0;

async function load(baseUrl: string, t: Target, seconds = SECONDS): Promise<Figures> {
  const cpuBefore = cpuMs(serverPid);
  const result = await autocannon({
    url: `${baseUrl}${t.path}`,
    method: t.method ?? "GET",
    connections: CONNECTIONS,
    duration: seconds,
    headers: t.headers,
    body: t.body,
  });
  const cpu = (cpuMs(serverPid) - cpuBefore) / Math.max(result.requests.total, 1);
  return {
    cpuMs: cpu,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

/** Commits per second of a small transaction on DATA_DIR's disk in WAL mode, with synchronous FULL and NORMAL. */
function commitCost(dataDir: string): { full: number; normal: number } {
  const rate = (synchronous: "FULL" | "NORMAL") => {
    const db = new Database(join(dataDir, `sync-${synchronous}.db`));
    db.pragma("journal_mode = WAL");
    db.pragma(`synchronous = ${synchronous}`);
    db.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT)");
    const insert = db.prepare("INSERT INTO t (body) VALUES (?)");
    const n = 300;
    const started = performance.now();
    for (let i = 0; i < n; i++) db.transaction(() => insert.run("x".repeat(500)))();
    const elapsed = performance.now() - started;
    db.close();
    return (n / elapsed) * 1000;
  };
  return { full: rate("FULL"), normal: rate("NORMAL") };
}

const fmt = (n: number, digits = 0) => n.toFixed(digits);
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
};
const pct = (n: number) => `${Math.round(n * 100)}%`;

async function main(): Promise<void> {
  await buildIfNeeded({ log: (line) => console.log(line) });
  const dataDir = mkdtempSync(join(tmpdir(), "portal-bench-http-"));
  const server = await startServer(dataDir);
  serverPid = server.pid;
  const inspector = await Inspector.connect(server.inspectorUrl);
  try {
    const mo = await credentials(server.baseUrl, "mo@portal.local", "member");
    const rita = await credentials(server.baseUrl, "rita@portal.local", "reviewer", true);
    await seedCatalog(server.baseUrl, mo, rita);
    const viewingHistory = CANONICAL_USE_CASES.find((u) => u.id === "viewing-history")?.workload;
    const bearer = { authorization: `Bearer ${mo.token}` };
    const session = { cookie: mo.cookie, origin: server.baseUrl };
    const planBody = JSON.stringify({ workload: viewingHistory });
    const trivial: Target = { name: "GET /api/v1/openapi.json (trivial)", path: "/api/v1/openapi.json", targeted: false };
    const targets: Target[] = [
      { name: "GET /api/v1/datastores (token)", path: "/api/v1/datastores", headers: bearer, targeted: true },
      { name: "GET /api/v1/datastores (session)", path: "/api/v1/datastores", headers: session, targeted: true },
      { name: "GET /api/v1/me (token)", path: "/api/v1/me", headers: bearer, targeted: true },
      { name: "GET /api/v1/requests (session)", path: "/api/v1/requests", headers: session, targeted: true },
      {
        name: "POST /api/v1/plans (token)",
        path: "/api/v1/plans",
        method: "POST",
        headers: { ...bearer, "content-type": "application/json" },
        body: planBody,
        targeted: true,
      },
      {
        name: "POST /api/v1/plans (session)",
        path: "/api/v1/plans",
        method: "POST",
        headers: { ...session, "content-type": "application/json" },
        body: planBody,
        targeted: true,
      },
    ];

    // Warm up every route (JIT, caches, connection pools), then measure.
    for (const t of [trivial, ...targets]) await load(server.baseUrl, t, 2);
    const rssBefore = rssMiB(server.pid);
    const heapBefore = await inspector.heapAfterGc();

    // Each route alternates with the trivial route, PAIRS times: a ratio compares two runs seconds apart, so the
    // other work on a shared machine weighs on both alike; the median of the pairs is reported.
    const trivialRuns: Figures[] = [];
    const measured: { t: Target; runs: Figures[]; ratios: number[]; p99Ratios: number[]; cpuRatios: number[] }[] = [];
    for (const t of targets) {
      const m = { t, runs: [] as Figures[], ratios: [] as number[], p99Ratios: [] as number[], cpuRatios: [] as number[] };
      for (let i = 0; i < PAIRS; i++) {
        const base = await load(server.baseUrl, trivial);
        const f = await load(server.baseUrl, t);
        trivialRuns.push(base);
        m.runs.push(f);
        m.ratios.push(f.rps / base.rps);
        m.p99Ratios.push(f.p99 / Math.max(base.p99, 1));
        m.cpuRatios.push(base.cpuMs / Math.max(f.cpuMs, 0.001));
      }
      measured.push(m);
    }

    console.log(
      `\nHTTP API, ${CONNECTIONS} connections, ${PAIRS} × ${SECONDS} s per route, each run beside one of the trivial route (production build, SQLite, in-process worker)`,
    );
    const trivialRps = trivialRuns.map((r) => r.rps);
    console.log(
      `trivial route over the whole run: ${fmt(Math.min(...trivialRps))}–${fmt(Math.max(...trivialRps))} rps (the spread is the machine's other work)\n`,
    );
    const header = ["route", "rps", "× trivial", "p50 ms", "p99 ms", "p99 × trivial", "CPU ms/req", "trivial/CPU", "non-2xx", "target"];
    const total = (runs: Figures[]) => String(runs.reduce((n, r) => n + r.non2xx + r.errors, 0));
    const rows: string[][] = [
      [
        trivial.name,
        fmt(median(trivialRps)),
        "100%",
        fmt(median(trivialRuns.map((r) => r.p50))),
        fmt(median(trivialRuns.map((r) => r.p99))),
        "1.0",
        fmt(median(trivialRuns.map((r) => r.cpuMs)), 1),
        "100%",
        total(trivialRuns),
        "",
      ],
    ];
    let missed = 0;
    for (const { t, runs, ratios, p99Ratios, cpuRatios } of measured) {
      const ratio = median(ratios);
      const p99Ratio = median(p99Ratios);
      const errors = total(runs);
      const met = ratio >= TARGET_THROUGHPUT && p99Ratio <= TARGET_P99 && errors === "0";
      if (t.targeted && !met) missed++;
      rows.push([
        t.name,
        fmt(median(runs.map((r) => r.rps))),
        pct(ratio),
        fmt(median(runs.map((r) => r.p50))),
        fmt(median(runs.map((r) => r.p99))),
        fmt(p99Ratio, 2),
        fmt(median(runs.map((r) => r.cpuMs)), 1),
        pct(median(cpuRatios)),
        errors,
        t.targeted ? (met ? "met" : "MISSED") : "",
      ]);
    }
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)));
    for (const r of [header, ...rows]) console.log(r.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join("  "));
    console.log(
      `\ntargets: ≥ ${pct(TARGET_THROUGHPUT)} of the trivial route's throughput, p99 ≤ ${TARGET_P99}× its p99, no errors — ${missed === 0 ? "all met" : `${missed} missed`}`,
    );
    console.log("trivial/CPU: the trivial route's server CPU per request over this route's — the throughput share a quiet, CPU-bound machine would show");

    // Memory: the same load again, round after round. RSS right after the load, then RSS and the live heap after a
    // full garbage collection: garbage that a GC returns is not a leak; a live heap that grows round after round is.
    console.log(`\nmemory (server process): RSS ${fmt(rssBefore)} MiB after warm-up, live heap after GC ${fmt(heapBefore, 1)} MiB`);
    const heaps: number[] = [heapBefore];
    for (let round = 1; round <= ROUNDS; round++) {
      let requests = 0;
      for (const t of [trivial, ...targets]) {
        const f = await load(server.baseUrl, t);
        requests += f.rps * SECONDS;
      }
      const loaded = rssMiB(server.pid);
      const heap = await inspector.heapAfterGc();
      heaps.push(heap);
      console.log(
        `  round ${round}: ${fmt(requests)} requests; RSS ${fmt(loaded)} MiB after the load, ${fmt(rssMiB(server.pid))} MiB after a full GC; live heap ${fmt(heap, 1)} MiB`,
      );
    }
    // One round's heap moves by a few MiB with what happens to be live when it is taken; a leak shows as the later
    // rounds sitting above the earlier ones, not as the last round above the first.
    const rounds = heaps.slice(1);
    const half = Math.floor(rounds.length / 2);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(xs.length, 1);
    const growth = half > 0 ? mean(rounds.slice(-half)) - mean(rounds.slice(0, half)) : 0;
    console.log(
      `  live heap over ${rounds.length} rounds: ${fmt(Math.min(...rounds), 1)}–${fmt(Math.max(...rounds), 1)} MiB; later half ${growth >= 0 ? "+" : ""}${fmt(growth, 1)} MiB over the earlier half — ${growth < 3 ? "level: RSS growth under load is garbage and the heap's high-water mark, not a leak" : "still growing: look for a leak (heap snapshots)"}`,
    );

    const commits = commitCost(dataDir);
    console.log(`\nSQLite commits on DATA_DIR's disk (WAL): ${fmt(commits.full)}/s with synchronous=FULL (the portal's), ${fmt(commits.normal)}/s with NORMAL`);
  } finally {
    inspector.close();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (typeof WebSocket === "undefined") {
  // Node 20 keeps its WebSocket client (which talks to the server's inspector) behind a flag: run again with it.
  const again = spawn(process.execPath, ["--experimental-websocket", "--import", "tsx", ...process.argv.slice(1)], { stdio: "inherit" });
  again.once("exit", (code) => process.exit(code ?? 1));
} else {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
