// Browser tests' global setup: build the app if it is missing or stale, migrate and seed a fresh database in a
// temporary data directory (the same prepare() as `npm start`, with the demo people), serve it with `next start`
// on a free port, hand the URL to the tests through vitest's provide/inject, and stop and clean up afterwards.
import { spawn, type ChildProcess, type StdioOptions } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { NEXT_BIN, ROOT, buildIfNeeded } from "../../scripts/build-if-needed.mjs";

/** scripts/prepare.mjs has no type declarations (build-if-needed.d.mts' sibling is missing), so it is typed here. */
type Prepare = (options: { env?: NodeJS.ProcessEnv; stdio?: StdioOptions }) => Promise<void>;
async function loadPrepare(): Promise<Prepare> {
  const mod = (await import(/* @vite-ignore */ new URL("../../scripts/prepare.mjs", import.meta.url).href)) as { prepare: Prepare };
  return mod.prepare;
}

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    /** The seeded demo people's password (DEMO_SEED=1) and the administrator's. */
    demoPassword: string;
    adminPassword: string;
  }
}

/** lib/server/bootstrap/seed.ts DEMO_PASSWORD; not imported (that module is server-only). */
const DEMO_PASSWORD = "demo-walkthrough";
const ADMIN_PASSWORD = "e2e-admin-password";

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

/** Polls until the server answers or exits; the bound only keeps a broken server from hanging the run. */
async function waitUntilServing(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited with code ${child.exitCode}:\n${output()}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      if (res.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`next start did not answer at ${url} within 120 s:\n${output()}`);
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill("SIGKILL"), 10_000);
    child.once("exit", () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

export default async function setup(project: TestProject) {
  await buildIfNeeded({ log: (line) => console.log(line) });
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const dataDir = mkdtempSync(join(tmpdir(), "portal-e2e-"));
  const { DATABASE_URL: _shared, ...inherited } = process.env;
  const env = {
    NEXT_TELEMETRY_DISABLED: "1",
    ...inherited,
    NODE_ENV: "production" as const,
    DATA_DIR: dataDir,
    DEMO_SEED: "1",
    ADMIN_PASSWORD,
    PUBLIC_URL: baseUrl,
    LOG_LEVEL: "warn",
    // Provisioning runs the real Pulumi programs without a cloud (the UI says so); steps fast enough for a test,
    // slow enough that a browser sees the progress bar move.
    PROVISIONER: "simulated",
    SIMULATED_STEP_MS: "120",
  };
  const prepare = await loadPrepare();
  await prepare({ env, stdio: ["ignore", "ignore", "inherit"] });
  const child = spawn(NEXT_BIN, ["start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  try {
    await waitUntilServing(`${baseUrl}/plan`, child, () => log);
  } catch (error) {
    await stop(child);
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  project.provide("baseUrl", baseUrl);
  project.provide("demoPassword", DEMO_PASSWORD);
  project.provide("adminPassword", ADMIN_PASSWORD);
  return async () => {
    await stop(child);
    rmSync(dataDir, { recursive: true, force: true });
  };
}
