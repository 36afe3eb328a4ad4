// Before the server accepts requests: apply pending migrations (SQLite file under DATA_DIR, or PostgreSQL), then
// seed the first administrator and the demo data. Both steps are idempotent, so this runs on every start.
// Shared by `npm start` (scripts/start.mjs) and the browser tests' global setup.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { ROOT } from "./build-if-needed.mjs";

const TSX = join(ROOT, "node_modules", ".bin", "tsx");

/** Runs tsx with `args`; rejects with the exit code in the message. */
function tsx(args, { env, stdio, onSpawn }) {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, args, { cwd: ROOT, env, stdio });
    onSpawn?.(child);
    child.once("error", reject);
    child.once("exit", (code, signal) => (code === 0 ? resolve() : reject(new Error(`${args.join(" ")} failed (${signal ?? `exit code ${code}`})`))));
  });
}

/**
 * @param {{ env?: NodeJS.ProcessEnv, stdio?: import("node:child_process").StdioOptions, onSpawn?: (child: import("node:child_process").ChildProcess) => void }} [options]
 */
export async function prepare({ env = process.env, stdio = "inherit", onSpawn } = {}) {
  await tsx([join("scripts", "db.ts"), "deploy"], { env, stdio, onSpawn });
  // lib/server modules import "server-only", which only the react-server condition lets through outside Next.
  await tsx(["--conditions=react-server", join("scripts", "seed.ts")], { env, stdio, onSpawn });
}
