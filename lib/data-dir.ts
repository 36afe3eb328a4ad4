// Can the portal write where it keeps its state? DATA_DIR holds the SQLite database (and its WAL), the Pulumi file
// backend, the generated auth secret and operation work directories. Checked before migrating at start
// (scripts/db.ts), by the server when it boots and by GET /api/health, so that a read-only or full disk is reported
// as such — where, and what to do — instead of as a migration engine's "External error" or a 500 on the first write.
// Plain Node (no server-only): the scripts run it too. It is handed its paths; it does not read process.env.
import { closeSync, constants, accessSync, fsyncSync, mkdirSync, openSync, statfsSync, unlinkSync, writeSync } from "node:fs";
import { join, resolve } from "node:path";

/** Below this much free space the portal reports the disk as full: a migration or a busy day of events needs more. */
export const MIN_FREE_BYTES = 16 * 1024 * 1024;
/** What the start-up check writes (and removes) to prove that writing really works, not only that it is allowed. */
const PROBE_BYTES = 64 * 1024;

export type DataDirCheck =
  { ok: true; dir: string; freeBytes: number } | { ok: false; dir: string; problem: "read-only" | "not-writable" | "full" | "unusable"; message: string };

const mib = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;

function describe(dir: string, what: string, error: unknown): DataDirCheck {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const where = what === dir ? `DATA_DIR ${dir}` : `${what} (in DATA_DIR ${dir})`;
  const fix = "Point DATA_DIR at a writable directory with free space, or fix this one.";
  if (code === "EROFS") return { ok: false, dir, problem: "read-only", message: `${where} is on a read-only file system (EROFS). ${fix}` };
  if (code === "EACCES" || code === "EPERM") {
    const uid = typeof process.getuid === "function" ? ` (uid ${process.getuid()})` : "";
    return { ok: false, dir, problem: "not-writable", message: `${where} is not writable by this user${uid} (${code}). ${fix}` };
  }
  if (code === "ENOSPC" || code === "EDQUOT") return { ok: false, dir, problem: "full", message: `${where}: no space left on the device (${code}). ${fix}` };
  const reason = error instanceof Error ? error.message : String(error);
  return { ok: false, dir, problem: "unusable", message: `${where} cannot be used: ${reason}. ${fix}` };
}

function freeBytesOf(dir: string): number {
  const s = statfsSync(dir);
  return Number(s.bavail) * Number(s.bsize);
}

/**
 * Whether the portal can keep its state in `dataDir` (created if missing). `probe`: also write, fsync and remove a
 * 64 KiB file (start-up); without it only permissions and free space are looked at (health probes, often).
 * `files`: existing files that must be writable too (the SQLite database and its -wal and -shm files).
 */
export function checkDataDir(opts: { dataDir: string; files?: readonly string[]; probe?: boolean; minFreeBytes?: number }): DataDirCheck {
  const dir = resolve(opts.dataDir);
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
  } catch (error) {
    return describe(dir, dir, error);
  }
  for (const file of opts.files ?? []) {
    try {
      closeSync(openSync(file, "r+"));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") continue;
      return describe(dir, file, error);
    }
  }
  if (opts.probe) {
    const path = join(dir, `.write-check-${process.pid}`);
    try {
      const fd = openSync(path, "w");
      try {
        writeSync(fd, Buffer.alloc(PROBE_BYTES));
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    } catch (error) {
      return describe(dir, dir, error);
    } finally {
      try {
        unlinkSync(path);
      } catch {
        // Never created.
      }
    }
  }
  const freeBytes = freeBytesOf(dir);
  const min = opts.minFreeBytes ?? MIN_FREE_BYTES;
  if (freeBytes < min) {
    return {
      ok: false,
      dir,
      problem: "full",
      message: `DATA_DIR ${dir} has only ${mib(freeBytes)} free; the portal needs at least ${mib(min)} there. Free some space or point DATA_DIR at a larger disk.`,
    };
  }
  return { ok: true, dir, freeBytes };
}

/** The SQLite files that must stay writable: the database and, in WAL mode, its log and shared-memory index. */
export function sqliteFiles(file: string): string[] {
  return [file, `${file}-wal`, `${file}-shm`];
}
