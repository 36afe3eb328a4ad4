// The embedded SQLite database under real contention from other processes and from concurrent work in this one:
// a backup-style reader holding a read lock longer than the busy timeout, a writer in another process, and writes
// made outside a transaction while one is open. Issue 10.1: one failed commit used to wedge every later
// transactional write until restart. This file always runs on SQLite (its own database, in a PostgreSQL run too).
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type * as ClientModule from "@/lib/server/db/client";
import { holdSqliteLock, migratedSqliteFile, within, type Child } from "../../../support/faults";

const { file } = migratedSqliteFile();
process.env.DATABASE_URL = `file:${file}`;

let client: typeof ClientModule;
const holders: Child[] = [];

beforeAll(async () => {
  client = await import("@/lib/server/db/client");
});
afterEach(() => {
  for (const h of holders.splice(0)) h.kill();
});
afterAll(async () => {
  await client.db().$disconnect();
});

let n = 0;
const createTeam = (slug = `t${++n}-${Date.now()}`) => client.db().$transaction((tx) => tx.team.create({ data: { slug, name: slug } }));

describe("SQLite under contention", () => {
  it("runs in WAL mode, syncs every commit (synchronous=FULL) and waits for locks (busy_timeout)", async () => {
    const pragma = async (name: string) => Object.values((await client.db().$queryRawUnsafe<Record<string, unknown>[]>(`PRAGMA ${name}`))[0] ?? {})[0];
    expect(client.databaseTarget.kind).toBe("sqlite");
    expect(await pragma("journal_mode")).toBe("wal");
    // 2 = FULL (0 OFF, 1 NORMAL, 3 EXTRA).
    expect(Number(await pragma("synchronous"))).toBe(2);
    expect(Number(await pragma("busy_timeout"))).toBeGreaterThanOrEqual(5000);
  });

  it("a reader in another process holding its read lock past the busy timeout fails no commit and wedges no later write", async () => {
    const reader = holdSqliteLock(file, "read");
    holders.push(reader);
    await reader.line(/^locked$/);
    // Longer than the 5 s busy timeout: in the rollback journal this commit waited 5 s and failed...
    const first = await within(15_000, createTeam());
    // ...and every later transaction then hung for good: the deadline turns that hang into a failure here.
    const second = await within(10_000, createTeam());
    expect({ first: first.status, second: second.status }, JSON.stringify({ first, second })).toEqual({ first: "resolved", second: "resolved" });
    reader.kill();
    expect((await within(10_000, createTeam())).status).toBe("resolved");
  });

  it("a writer in another process delays a transaction; a transaction that cannot get the lock fails alone and the next one commits", async () => {
    const writer = holdSqliteLock(file, "write");
    holders.push(writer);
    await writer.line(/^locked$/);
    const blocked = await within(20_000, createTeam());
    // It waited out the busy timeout, then failed: it did not hang, and it wrote nothing.
    expect(blocked.status).toBe("rejected");
    writer.kill();
    await writer.exited;
    const next = await within(10_000, createTeam("after-writer"));
    expect(next.status, JSON.stringify(next)).toBe("resolved");
    expect(await client.db().team.count({ where: { slug: "after-writer" } })).toBe(1);
  });

  it("a write outside a transaction, made while a transaction is open, is kept when that transaction rolls back", async () => {
    await createTeam("outside-kept");
    let inside!: () => void;
    const opened = new Promise<void>((r) => (inside = r));
    let finish!: () => void;
    const gate = new Promise<void>((r) => (finish = r));
    const rolledBack = client.db().$transaction(async (tx) => {
      await tx.team.create({ data: { slug: "inside-rolled-back", name: "inside" } });
      inside();
      await gate;
      throw new Error("the transaction fails");
    });
    await opened;
    // Another request (or the worker) writes on its own — one statement, no transaction — while that one is open.
    // (within() starts it now: a Prisma query runs only once something awaits it.)
    const outside = within(10_000, client.db().team.update({ where: { slug: "outside-kept" }, data: { name: "renamed outside" } }));
    await new Promise((r) => setTimeout(r, 50));
    finish();
    await expect(rolledBack).rejects.toThrow("the transaction fails");
    expect(await outside).toMatchObject({ status: "resolved", value: { name: "renamed outside" } });
    expect(await client.db().team.findUnique({ where: { slug: "outside-kept" } })).toMatchObject({ name: "renamed outside" });
    expect(await client.db().team.count({ where: { slug: "inside-rolled-back" } })).toBe(0);
  });

  it("a read outside a transaction, made while one is open, sees only what that transaction committed", async () => {
    let inside!: () => void;
    const opened = new Promise<void>((r) => (inside = r));
    let finish!: () => void;
    const gate = new Promise<void>((r) => (finish = r));
    const rolledBack = client.db().$transaction(async (tx) => {
      await tx.team.create({ data: { slug: "uncommitted", name: "uncommitted" } });
      inside();
      await gate;
      throw new Error("the transaction fails");
    });
    await opened;
    // Read while the transaction is still open (the stock adapter ran it inside that transaction and counted its
    // uncommitted row); it is answered once the transaction has ended, with what is committed.
    const during = within(10_000, client.db().team.count({ where: { slug: "uncommitted" } }));
    await new Promise((r) => setTimeout(r, 50));
    finish();
    await expect(rolledBack).rejects.toThrow("the transaction fails");
    expect(await during).toEqual({ status: "resolved", value: 0 });
  });
});
