// Issue 10.1: a transaction whose COMMIT fails must fail alone. Before the fix, the transaction was never released
// (better-sqlite3's mutex, pg's pooled connection), so every later transaction waited forever while reads still
// answered. Real faults: on SQLite (a database of its own, in a PostgreSQL run too) a disk that fills up, twice over —
// a small tmpfs in a child process with a user and mount namespace of its own (no root needed, but the kernel must
// allow unprivileged user namespaces), and a file-size limit the child sets on itself (RLIMIT_FSIZE through
// `prlimit`: needs neither root nor namespaces, so it runs wherever the suite does); on PostgreSQL the server
// terminating the connection mid-transaction, more times than the pool has connections. Deadlines turn a hang into a
// failed assertion.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "pg";
import { describe, expect, inject, it } from "vitest";
import { migratedSqliteFile, spawnChild, spawnOnTinyDisk, within, type Child } from "../../../support/faults";

const kind = inject("dbTemplate").kind;

const FIXTURE = ["--conditions=react-server", "--import", "tsx", "test/support/fixtures/full-disk-commit.ts"];

/** The fixture with DATA_DIR on a 2 MiB tmpfs that it fills with a file. */
function onTinyTmpfs(template: string): Child {
  const mountPoint = mkdtempSync(join(tmpdir(), "portal-tiny-disk-"));
  return spawnOnTinyDisk({
    sizeKiB: 2048,
    mountPoint,
    args: FIXTURE,
    env: { ...process.env, DATA_DIR: mountPoint, FAULT_TEMPLATE: template, FAULT_DISK: "tmpfs", LOG_LEVEL: "silent" },
  });
}

/** The fixture with DATA_DIR on the ordinary disk, under a file-size limit it lowers and raises itself. */
function underFileSizeLimit(template: string): Child {
  const dataDir = mkdtempSync(join(tmpdir(), "portal-fsize-"));
  return spawnChild(process.execPath, FIXTURE, {
    ...process.env,
    DATA_DIR: dataDir,
    FAULT_TEMPLATE: template,
    FAULT_DISK: "file-size-limit",
    LOG_LEVEL: "silent",
  });
}

/**
 * How SQLite reports the failed write: ENOSPC as "database or disk is full"; a write the file-size limit refuses
 * (EFBIG) as "disk I/O error", or as a full disk when the kernel wrote part of it.
 */
const FULL = /database or disk is full/;
const REFUSED = /database or disk is full|disk I\/O error/;

async function fullDiskOnSqlite(start: (template: string) => Child, reported: RegExp): Promise<void> {
  const { file } = migratedSqliteFile();
  const child = start(file);
  const exit = await within(90_000, child.exited);
  child.kill();
  const steps = new Map(
    child
      .output()
      .split("\n")
      .filter((l) => l.startsWith("{"))
      .map((l) => JSON.parse(l) as { step: string; status?: string; error?: string })
      .map((s) => [s.step, s]),
  );
  const diagnosis = child.output();
  expect(steps.get("before the disk fills")?.status, diagnosis).toBe("resolved");
  // The commit that does not fit fails, and says why...
  expect(steps.get("commit on a full disk"), diagnosis).toMatchObject({ status: "rejected", error: expect.stringMatching(reported) });
  // ...and the transaction after it is answered (it used to wait forever).
  expect(steps.get("next transaction on the full disk")?.status, diagnosis).not.toBe("timed-out");
  // Space freed: writes work again without a restart.
  expect(steps.get("transaction after space is freed")?.status, diagnosis).toBe("resolved");
  expect(steps.get("write outside a transaction")?.status, diagnosis).toBe("resolved");
  // Nothing of the failed transaction was written; everything acknowledged was.
  expect(steps.get("final state"), diagnosis).toMatchObject({ slugs: ["after-freed", "before-full"], audits: 2, integrity: "ok" });
  expect(exit, diagnosis).toMatchObject({ status: "resolved", value: { code: 0 } });
}

async function terminatedConnectionOnPostgres(): Promise<void> {
  const { db } = await import("@/lib/server/db/client");
  const admin = new Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  try {
    // One more than the pool's ten connections: each leaked connection used to stay checked out for good.
    for (let i = 0; i < 11; i++) {
      const failed = await within(
        15_000,
        db().$transaction(async (tx) => {
          const [row] = await tx.$queryRaw<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`;
          await tx.team.create({ data: { slug: `terminated-${i}`, name: "never committed" } });
          await admin.query("SELECT pg_terminate_backend($1)", [row?.pid]);
        }),
      );
      expect(failed.status, `attempt ${i}: ${JSON.stringify(failed)}`).toBe("rejected");
    }
    const next = await within(
      10_000,
      db().$transaction((tx) => tx.team.create({ data: { slug: "after-terminations", name: "committed" } })),
    );
    expect(next.status, JSON.stringify(next)).toBe("resolved");
    expect(await db().team.count({ where: { slug: { startsWith: "terminated-" } } })).toBe(0);
    expect(await db().team.count({ where: { slug: "after-terminations" } })).toBe(1);
  } finally {
    await admin.end();
  }
}

describe("a transaction whose COMMIT fails", () => {
  it("fails alone on SQLite when the disk fills up (a small tmpfs): later transactions are answered and nothing of it is stored", async () => {
    await fullDiskOnSqlite(onTinyTmpfs, FULL);
  }, 180_000);

  it("fails alone on SQLite when a file may not grow (RLIMIT_FSIZE, unprivileged): later transactions are answered and nothing of it is stored", async () => {
    await fullDiskOnSqlite(underFileSizeLimit, REFUSED);
  }, 180_000);

  if (kind === "postgres") {
    it("fails alone on PostgreSQL when the server terminates the connection: the pool never runs dry and nothing of it is stored", async () => {
      await terminatedConnectionOnPostgres();
    }, 180_000);
  }
});
