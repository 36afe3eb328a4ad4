// Real faults for the reliability tests: a second process holding SQLite locks, a disk that fills up (a small tmpfs
// in a private mount namespace; test/support/fixtures/full-disk-commit.ts also lowers its own file-size limit, which
// needs no namespace), and a deadline that turns a hang into a failed assertion instead of a stuck run.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { copyFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inject } from "vitest";

export const ROOT = join(__dirname, "..", "..");

export type Settled<T> = { status: "resolved"; value: T } | { status: "rejected"; error: unknown } | { status: "timed-out"; afterMs: number };

/** How `promise` settles within `ms`; a promise still pending then counts as hung ("timed-out"). */
export function within<T>(ms: number, promise: Promise<T>): Promise<Settled<T>> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve({ status: "timed-out", afterMs: ms }), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve({ status: "resolved", value });
      },
      (error: unknown) => {
        clearTimeout(timer);
        resolve({ status: "rejected", error });
      },
    );
  });
}

/** A migrated SQLite database file of its own (a copy of the run's template, or freshly migrated in a PostgreSQL run). */
export function migratedSqliteFile(): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), "portal-fault-"));
  const file = join(dir, "portal.db");
  const template = inject("dbTemplate");
  if (template.kind === "sqlite") {
    copyFileSync(template.file, file);
  } else {
    const deployed = spawnSync(join(ROOT, "node_modules", ".bin", "tsx"), [join(ROOT, "scripts", "db.ts"), "deploy"], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: `file:${file}`, DATA_DIR: dir },
      encoding: "utf8",
    });
    if (deployed.status !== 0) throw new Error(`migrating ${file} failed:\n${deployed.stderr}`);
  }
  return { dir, file };
}

/** A child process with its output collected, and a promise of its exit. */
export interface Child {
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves with the first output line matching `pattern` (rejects if the process exits first). */
  line(pattern: RegExp): Promise<string>;
  kill(): void;
}

export function spawnChild(command: string, args: string[], env: NodeJS.ProcessEnv): Child {
  const child = spawn(command, args, { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const listeners = new Set<() => void>();
  const collect = (d: Buffer) => {
    output += d.toString();
    for (const l of listeners) l();
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  return {
    child,
    output: () => output,
    exited,
    line(pattern) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = output.split("\n").find((l) => pattern.test(l));
          if (found !== undefined) {
            listeners.delete(check);
            resolve(found);
          }
        };
        listeners.add(check);
        check();
        void exited.then(() => {
          if (listeners.delete(check)) reject(new Error(`process exited before printing ${pattern}:\n${output}`));
        });
      });
    },
    kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    },
  };
}

/**
 * Another process that holds a SQLite lock on `file` until killed: "read" keeps a read transaction open (a backup
 * reading the database), "write" holds the write lock (another writer mid-transaction). Prints "locked" once it holds it.
 */
export function holdSqliteLock(file: string, kind: "read" | "write"): Child {
  const script = `
    const Database = require("better-sqlite3");
    const db = new Database(process.argv[1]);
    db.exec(process.argv[2] === "write" ? "BEGIN IMMEDIATE" : "BEGIN");
    db.prepare("SELECT count(*) AS n FROM teams").get();
    console.log("locked");
    setInterval(() => {}, 1000);
  `;
  return spawnChild(process.execPath, ["-e", script, file, kind], process.env);
}

/**
 * Runs `node <args>` with DATA_DIR on a tmpfs of `sizeKiB` (a real, small disk that fills up), in a private user and
 * mount namespace (`unshare --user --map-root-user --mount`: the mount disappears with the process). No root is
 * needed, but the kernel must allow unprivileged user namespaces (Debian's default; Ubuntu's AppArmor
 * restriction or a container's seccomp profile may forbid them — then the child exits with unshare's reason, which
 * the failing test prints). Inside, the child finds the disk at `mountPoint` (a fresh empty directory).
 */
export function spawnOnTinyDisk(opts: { sizeKiB: number; mountPoint: string; args: string[]; env: NodeJS.ProcessEnv; readOnlyAfter?: string }): Child {
  const script = [
    "set -e",
    'mount -t tmpfs -o "size=$1k,mode=0777" tmpfs "$2"',
    // Optional set-up inside the namespace before the disk turns read-only (copy a database in, say).
    'if [ -n "$3" ]; then sh -c "$3"; mount -o remount,ro "$2"; fi',
    "shift 3",
    'exec "$@"',
  ].join("\n");
  return spawnChild(
    "unshare",
    [
      "--user",
      "--map-root-user",
      "--mount",
      "sh",
      "-c",
      script,
      "sh",
      String(opts.sizeKiB),
      opts.mountPoint,
      opts.readOnlyAfter ?? "",
      process.execPath,
      ...opts.args,
    ],
    opts.env,
  );
}
