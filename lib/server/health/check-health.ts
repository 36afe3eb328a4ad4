// The portal's health, for probes: can it write to its database (a real write transaction with a deadline), and
// can it write to its data directory (free space, permissions)? Public on purpose: it says which check failed and
// where, never a secret (DATA_DIR's path is configuration an operator already knows).
import "server-only";
import { checkDataDir, sqliteFiles } from "@/lib/data-dir";
import { env } from "@/lib/env";
import type { Health, HealthCheck } from "@/lib/schemas/health";
import { databaseTarget } from "../db/client";
import { checkWritePath } from "../db/write-check";
import { log } from "../log";

export type HealthReport = { healthy: true; health: Health } | { healthy: false; checks: HealthCheck[]; detail: string };

function dataDirCheck(): HealthCheck {
  const started = performance.now();
  const result = checkDataDir({ dataDir: env.DATA_DIR, files: databaseTarget.file ? sqliteFiles(databaseTarget.file) : [] });
  const durationMs = Math.round(performance.now() - started);
  return result.ok ? { name: "data-dir", status: "ok", durationMs } : { name: "data-dir", status: "failed", durationMs, detail: result.message };
}

export async function checkHealth(): Promise<HealthReport> {
  const write = await checkWritePath();
  const checks: HealthCheck[] = [
    write.ok
      ? { name: "database-write", status: "ok", durationMs: write.durationMs }
      : {
          name: "database-write",
          status: "failed",
          durationMs: write.durationMs,
          detail: `The ${databaseTarget.kind === "postgres" ? "PostgreSQL" : "SQLite"} database does not take writes: ${write.reason}.`,
        },
    dataDirCheck(),
  ];
  const failed = checks.filter((c) => c.status === "failed");
  if (failed.length > 0) return { healthy: false, checks, detail: failed.map((c) => c.detail).join(" ") };
  return { healthy: true, health: { status: "ok", database: databaseTarget.kind, checks } };
}

/**
 * At boot: a DATA_DIR that cannot be written is logged loudly (`npm start` refuses to start before this point, but
 * `next start` run by hand does not), and GET /api/health keeps answering 503 until it is fixed.
 */
export function logUnwritableDataDir(): void {
  const check = dataDirCheck();
  if (check.status === "failed") log.error("the data directory cannot be written: writes will fail until this is fixed", { detail: check.detail });
}
