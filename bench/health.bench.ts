// npm run bench (health) — the SLA health reads on a fleet: the health API's use-case for one datastore over 24 h and
// 7 d (every chart plus 30 days of derived alarm history), and the at-risk list over BENCH_DATASTORES (default 200)
// active datastores, cold (nothing cached) and warm (the per-datastore, per-minute cache). Simulated metrics on a
// fresh SQLite database under a temporary directory, measured in a process of its own (bench/health-run.ts).
// Figures to read, not a pass/fail test (the machine is shared); the at-risk list's warm read should stay well under
// 100 ms and its cold one under a second at 200 datastores.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const ROOT = join(__dirname, "..");
const dir = mkdtempSync(join(tmpdir(), "portal-health-bench-"));
const env = { ...process.env, DATABASE_URL: `file:${join(dir, "portal.db")}`, DATA_DIR: dir, PROVISIONER: "simulated", WORKER: "off" };
try {
  execFileSync(join(ROOT, "node_modules", ".bin", "tsx"), [join(ROOT, "scripts", "db.ts"), "deploy"], {
    cwd: ROOT,
    stdio: ["ignore", "ignore", "inherit"],
    env,
  });
  const run = spawnSync(process.execPath, ["--import", join(__dirname, "server-only.mjs"), "--import", "tsx", join(__dirname, "health-run.ts")], {
    cwd: ROOT,
    stdio: "inherit",
    env,
  });
  if (run.status !== 0) process.exitCode = run.status ?? 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
