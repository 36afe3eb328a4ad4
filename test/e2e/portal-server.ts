// A real portal for the browser tests: a fresh data directory migrated and seeded by the same prepare() as
// `npm start` (with the demo people), served by `next start` on a free port. The global setup starts the shared one;
// a test file that needs another configuration (no Pulumi CLI, say) starts its own from the same build.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { NEXT_BIN, ROOT } from "../../scripts/build-if-needed.mjs";
import { prepare } from "../../scripts/prepare.mjs";

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

/** lib/server/bootstrap/seed.ts DEMO_PASSWORD; not imported (that module is server-only). */
export const DEMO_PASSWORD = "demo-walkthrough";
export const ADMIN_PASSWORD = "e2e-admin-password";

export interface Portal {
  baseUrl: string;
  stop(): Promise<void>;
}

export interface PortalOptions {
  /** Listen on every interface, as `npm start` does (`next start` without -H), rather than on 127.0.0.1 only. */
  allInterfaces?: boolean;
}

/**
 * Prepares a fresh database and serves the built portal with `env` over the defaults; resolves once it answers.
 * The test runner plays the reverse proxy in front of it (TRUSTED_PROXIES is the loopback), so that a test file can
 * present itself as its own client with X-Forwarded-For; a file about that header sets TRUSTED_PROXIES itself.
 */
export async function startPortal(extraEnv: Record<string, string>, opts: PortalOptions = {}): Promise<Portal> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const dataDir = mkdtempSync(join(tmpdir(), "portal-e2e-"));
  // The server runs as `npm start` runs it: not with vitest's TEST/VITEST flags, under which libraries change
  // behaviour (better-auth, for one, skips its Origin check when TEST is set).
  const {
    DATABASE_URL: _shared,
    TEST: _test,
    VITEST: _vitest,
    VITEST_MODE: _mode,
    VITEST_POOL_ID: _pool,
    VITEST_WORKER_ID: _worker,
    ...inherited
  } = process.env;
  const env = {
    NEXT_TELEMETRY_DISABLED: "1",
    ...inherited,
    NODE_ENV: "production" as const,
    DATA_DIR: dataDir,
    DEMO_SEED: "1",
    ADMIN_PASSWORD,
    PUBLIC_URL: baseUrl,
    TRUSTED_PROXIES: "127.0.0.1,::1",
    LOG_LEVEL: "warn",
    ...extraEnv,
  };
  await prepare({ env, stdio: ["ignore", "ignore", "inherit"] });
  const child = spawn(NEXT_BIN, ["start", "-p", String(port), ...(opts.allInterfaces ? [] : ["-H", "127.0.0.1"])], {
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
  const cleanup = async () => {
    await stop(child);
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitUntilServing(`${baseUrl}/plan`, child, () => log);
  } catch (error) {
    await cleanup();
    throw error;
  }
  return { baseUrl, stop: cleanup };
}
