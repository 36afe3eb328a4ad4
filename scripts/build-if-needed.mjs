// Builds the Next.js app when there is no build yet or a source file changed since the last one.
// Shared by `npm start` (scripts/start.mjs) and the browser tests' global setup, so both agree on "stale".
import { spawn } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { constants } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("..", import.meta.url));
export const NEXT_BIN = join(ROOT, "node_modules", ".bin", "next");

/** What a build is made from: a change to any of these makes the current build stale. */
export const SOURCES = [
  "app",
  "components",
  "lib",
  "infra",
  "public",
  "instrumentation.ts",
  "instrumentation-client.ts",
  "proxy.ts",
  "next.config.ts",
  "package.json",
  "tsconfig.json",
];

/** Newest modification time (ms) under `path`; 0 when it does not exist. */
function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs; // a deleted file only shows as its directory's mtime
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
    newest = Math.max(newest, newestMtime(join(path, entry.name)));
  }
  return newest;
}

/** Why a build is needed, or undefined when `.next/BUILD_ID` is newer than every source. */
export function staleReason(root = ROOT) {
  const buildId = join(root, ".next", "BUILD_ID");
  if (!existsSync(buildId)) return "no build yet";
  const built = statSync(buildId).mtimeMs;
  const changed = SOURCES.find((s) => newestMtime(join(root, s)) > built);
  return changed ? `${changed} changed since the last build` : undefined;
}

/**
 * Runs a Next.js CLI command and resolves with its exit code.
 * @param {string[]} args
 * @param {{ root?: string, onSpawn?: (child: import("node:child_process").ChildProcess) => void, stdio?: import("node:child_process").StdioOptions }} [options]
 */
export function runNext(args, { root = ROOT, onSpawn, stdio = "inherit" } = {}) {
  return new Promise((resolve, reject) => {
    // Telemetry would try the network, which these machines do not have.
    const child = spawn(NEXT_BIN, args, { cwd: root, stdio, env: { NEXT_TELEMETRY_DISABLED: "1", ...process.env } });
    onSpawn?.(child);
    child.once("error", reject);
    child.once("exit", (code, signal) => resolve(code ?? (signal ? 128 + (constants.signals[signal] ?? 1) : 1)));
  });
}

/**
 * `next build` when the build is missing or stale; a no-op otherwise. Throws when the build fails.
 * @param {{ root?: string, log?: (line: string) => void, onSpawn?: (child: import("node:child_process").ChildProcess) => void, stdio?: import("node:child_process").StdioOptions }} [options]
 * @returns {Promise<boolean>} whether it built
 */
export async function buildIfNeeded({ root = ROOT, log = (line) => console.error(line), onSpawn, stdio } = {}) {
  const reason = staleReason(root);
  if (!reason) return false;
  log(`[build] ${reason}: running next build…`);
  const code = await runNext(["build"], { root, onSpawn, stdio });
  if (code !== 0) throw new Error(`next build failed with exit code ${code}`);
  return true;
}
