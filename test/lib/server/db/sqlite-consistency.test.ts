// The SQLite adapter (lib/server/db/adapters.ts: one connection, WAL, synchronous=FULL, serialised transactions)
// keeps the guarantees a request relies on: a transaction sees its own writes, a read after a commit sees it (also
// a commit from another process), and no acknowledged commit is lost when the process is killed. This file always
// runs on SQLite (its own database, in a PostgreSQL run too).
import { existsSync, statSync } from "node:fs";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type * as ClientModule from "@/lib/server/db/client";
import { migratedSqliteFile, spawnChild, within } from "../../../support/faults";

const { file } = migratedSqliteFile();
process.env.DATABASE_URL = `file:${file}`;

let client: typeof ClientModule;
beforeAll(async () => {
  client = await import("@/lib/server/db/client");
});
afterAll(async () => {
  await client.db().$disconnect();
});

const nameOf = async (slug: string) => (await client.db().team.findUniqueOrThrow({ where: { slug } })).name;

describe("SQLite reads and commits", () => {
  it("a transaction reads its own uncommitted writes, and the first read after its commit sees them", async () => {
    const slug = `ryw-${Date.now()}`;
    await client.db().team.create({ data: { slug, name: "v0" } });
    for (let i = 1; i <= 25; i++) {
      await client.db().$transaction(async (tx) => {
        await tx.team.update({ where: { slug }, data: { name: `v${i}` } });
        // Inside: its own write, through Prisma and through raw SQL alike.
        expect((await tx.team.findUniqueOrThrow({ where: { slug } })).name).toBe(`v${i}`);
        expect((await tx.$queryRaw<{ name: string }[]>`SELECT "name" FROM "teams" WHERE "slug" = ${slug}`)[0]?.name).toBe(`v${i}`);
      });
      // Right after the commit, outside: the committed value, never an older snapshot.
      expect(await nameOf(slug)).toBe(`v${i}`);
      // A write outside a transaction (autocommit), read back at once.
      await client.db().team.update({ where: { slug }, data: { name: `w${i}` } });
      expect(await nameOf(slug)).toBe(`w${i}`);
    }
  });

  it("a nested write, which Prisma runs in a transaction of its own, returns what it wrote", async () => {
    const slug = `nested-${Date.now()}`;
    const user = await client.db().user.create({ data: { id: `u-${slug}`, name: "nested", email: `${slug}@example.test` } });
    const team = await client.db().team.create({
      data: { slug, name: slug, memberships: { create: { userId: user.id, role: "reviewer" } } },
      include: { memberships: true },
    });
    expect(team.memberships.map((m) => [m.userId, m.role])).toEqual([[user.id, "reviewer"]]);
    expect(await client.db().membership.count({ where: { teamId: team.id } })).toBe(1);
  });

  it("sees a commit made by another process on its next read", async () => {
    const slug = `other-process-${Date.now()}`;
    expect(await client.db().team.count({ where: { slug } })).toBe(0);
    const other = new Database(file, { timeout: 5000 });
    try {
      other.prepare("INSERT INTO teams (id, slug, name, createdAt) VALUES (?, ?, ?, ?)").run(`id-${slug}`, slug, "from elsewhere", new Date().toISOString());
    } finally {
      other.close();
    }
    expect(await nameOf(slug)).toBe("from elsewhere");
  });

  it("loses no acknowledged commit when the process is killed (SIGKILL) mid-stream", async () => {
    const { file: crashFile } = migratedSqliteFile();
    const writer = spawnChild(process.execPath, ["--conditions=react-server", "--import", "tsx", "test/support/fixtures/crash-writer.ts"], {
      ...process.env,
      DATABASE_URL: `file:${crashFile}`,
      LOG_LEVEL: "silent",
    });
    try {
      expect((await within(60_000, writer.line(/^ack 60$/))).status, writer.output()).toBe("resolved");
    } finally {
      writer.kill();
    }
    expect(await within(10_000, writer.exited)).toMatchObject({ status: "resolved", value: { signal: "SIGKILL" } });
    const acked = writer
      .output()
      .split("\n")
      .flatMap((l) => (/^ack (\d+)$/.exec(l) ? [Number(l.slice(4))] : []));
    expect(acked.length).toBeGreaterThanOrEqual(60);
    // Killed mid-stream: the commits are still in the write-ahead log, not yet checkpointed into the database file.
    expect(existsSync(`${crashFile}-wal`) && statSync(`${crashFile}-wal`).size > 0).toBe(true);

    const reopened = new Database(crashFile, { readonly: false });
    try {
      expect(reopened.pragma("integrity_check", { simple: true })).toBe("ok");
      expect(reopened.pragma("journal_mode", { simple: true })).toBe("wal");
      const slugs = new Set((reopened.prepare("SELECT slug FROM teams WHERE slug LIKE 'crash-%'").all() as { slug: string }[]).map((r) => r.slug));
      const audits = (reopened.prepare("SELECT count(*) AS n FROM audit_events WHERE action = 'team.created' AND actor = 'system'").get() as { n: number }).n;
      const lost = acked.filter((n) => !slugs.has(`crash-${n}`));
      expect(lost, `acknowledged but missing after the kill: ${lost.join(", ")}`).toEqual([]);
      // At most the one transaction in flight when the kill came committed without its acknowledgement; none half.
      expect(slugs.size - acked.length).toBeLessThanOrEqual(1);
      expect(audits).toBe(slugs.size);
    } finally {
      reopened.close();
    }
  }, 120_000);
});
