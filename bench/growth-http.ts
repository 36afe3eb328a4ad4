// The growth benchmark over HTTP: the built portal (`next start`, the same build `npm start` serves) on the benchmark's
// database, called as people and clients call it — pages with a session cookie, the API with a bearer token. Per
// route: the median and fastest of calls made one at a time, then 10 connections at once for the throughput and the
// 99th percentile. Page bodies are the HTML a browser receives (markup and the embedded query cache).
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { performance } from "node:perf_hooks";
import { NEXT_BIN, ROOT } from "../scripts/build-if-needed.mjs";

export interface HttpFigure {
  route: string;
  medianMs: number;
  minMs: number;
  /** Of the calls made 10 at a time. */
  p99Ms: number;
  /** Calls answered a second with 10 connections busy. */
  rps: number;
  bytes: number;
}

/** Who calls: a session cookie (pages) or a bearer token (the API). */
export type Caller = { cookie: string } | { token: string };

export interface HttpTarget {
  route: string;
  path: string;
  caller: Caller;
}

const SERIAL = Number(process.env.BENCH_ITERATIONS ?? 25);
const CONNECTIONS = 10;
const LOAD_CALLS = Number(process.env.BENCH_LOAD_CALLS ?? 200);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface Served {
  baseUrl: string;
  signIn(email: string, password: string): Promise<Caller>;
  stop(): Promise<void>;
}

/** `next start` on the benchmark's database, without a worker (the benchmark's own process runs the operations). */
export async function serve(env: Record<string, string>): Promise<Served> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(NEXT_BIN, ["start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: ROOT,
    env: { ...process.env, ...env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production", WORKER: "off", PUBLIC_URL: baseUrl, LOG_LEVEL: "warn" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-10_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const kill = setTimeout(() => child.kill("SIGKILL"), 10_000);
      child.once("exit", () => {
        clearTimeout(kill);
        resolve();
      });
      child.kill("SIGTERM");
    });
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}:\n${log}`);
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`next start did not answer within 120 s:\n${log}`);
    }
    try {
      if ((await fetch(`${baseUrl}/plan`, { signal: AbortSignal.timeout(5_000) })).ok) break;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  const signIn = async (email: string, password: string): Promise<Caller> => {
    const res = await fetch(`${baseUrl}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: baseUrl },
      body: JSON.stringify({ email, password }),
    });
    if (res.status !== 200) throw new Error(`sign-in as ${email}: ${res.status} ${await res.text()}`);
    const cookie = res.headers
      .getSetCookie()
      .map((line) => line.split(";")[0] ?? "")
      .filter((pair) => pair.includes("="))
      .join("; ");
    return { cookie };
  };
  return { baseUrl, signIn, stop };
}

async function call(baseUrl: string, target: HttpTarget): Promise<{ ms: number; bytes: number }> {
  const headers: Record<string, string> =
    "cookie" in target.caller
      ? { cookie: target.caller.cookie, accept: "text/html" }
      : { authorization: `Bearer ${target.caller.token}`, accept: "application/json" };
  const t0 = performance.now();
  const res = await fetch(`${baseUrl}${target.path}`, { headers, redirect: "manual" });
  const body = await res.arrayBuffer();
  const ms = performance.now() - t0;
  if (res.status !== 200) throw new Error(`${target.route} (${target.path}): ${res.status} ${Buffer.from(body).toString("utf8").slice(0, 300)}`);
  return { ms, bytes: body.byteLength };
}

const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);

export async function measureHttp(baseUrl: string, targets: HttpTarget[]): Promise<HttpFigure[]> {
  const figures: HttpFigure[] = [];
  for (const target of targets) {
    let bytes = 0;
    for (let i = 0; i < 5; i++) bytes = (await call(baseUrl, target)).bytes;
    const serial: number[] = [];
    for (let i = 0; i < SERIAL; i++) serial.push((await call(baseUrl, target)).ms);
    const load: number[] = [];
    let started = 0;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: CONNECTIONS }, async () => {
        while (started < LOAD_CALLS) {
          started += 1;
          load.push((await call(baseUrl, target)).ms);
        }
      }),
    );
    const wall = (performance.now() - t0) / 1000;
    const s = sorted(serial);
    const l = sorted(load);
    figures.push({
      route: target.route,
      medianMs: s[Math.floor(s.length / 2)] ?? 0,
      minMs: s[0] ?? 0,
      p99Ms: l[Math.min(l.length - 1, Math.ceil(l.length * 0.99) - 1)] ?? 0,
      rps: load.length / wall,
      bytes,
    });
  }
  return figures;
}
