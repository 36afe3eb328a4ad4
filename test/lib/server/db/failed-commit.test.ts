// Issue 10.1: a transaction whose COMMIT fails must fail alone. Before the fix, the transaction was never released
// (better-sqlite3's mutex, pg's pooled connection), so every later transaction waited forever while reads still
// answered. Real faults on the run's database: on SQLite a disk that fills up (a small tmpfs, in a child process
// with a mount namespace of its own); on PostgreSQL the server terminating the connection mid-transaction, more
// times than the pool has connections. Deadlines turn a hang into a failed assertion.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "pg";
import { describe, expect, inject, it } from "vitest";
import { migratedSqliteFile, spawnOnTinyDisk, within } from "../../../support/faults";

const kind = inject("dbTemplate").kind;

async function fullDiskOnSqlite(): Promise<void> {
  const { file } = migratedSqliteFile();
  const mountPoint = mkdtempSync(join(tmpdir(), "portal-tiny-disk-"));
  const child = spawnOnTinyDisk({
    sizeKiB: 2048,
    mountPoint,
    args: ["--conditions=react-server", "--import", "tsx", "test/support/fixtures/full-disk-commit.ts"],
    env: { ...process.env, DATA_DIR: mountPoint, FAULT_TEMPLATE: file, LOG_LEVEL: "silent" },
  });
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
  expect(steps.get("commit on a full disk"), diagnosis).toMatchObject({ status: "rejected", error: expect.stringMatching(/full|SQLITE_FULL/i) });
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
    const next = await within(10_000, db().$transaction((tx) => tx.team.create({ data: { slug: "after-terminations", name: "committed" } })));
    expect(next.status, JSON.stringify(next)).toBe("resolved");
    expect(await db().team.count({ where: { slug: { startsWith: "terminated-" } } })).toBe(0);
    expect(await db().team.count({ where: { slug: "after-terminations" } })).toBe(1);
  } finally {
    await admin.end();
  }
}

describe("a transaction whose COMMIT fails", () => {
  it(`fails alone: later transactions are answered and nothing of it is stored (${kind === "sqlite" ? "SQLite on a full disk" : "PostgreSQL connection terminated"})`, async () => {
    if (kind === "sqlite") await fullDiskOnSqlite();
    else await terminatedConnectionOnPostgres();
  }, 180_000);
});
