// Issue 10.3: several instances starting at once against one fresh database. On PostgreSQL the one that did not get
// Prisma's migration lock died on its 10 s timeout. Now `scripts/db.ts deploy` (what `npm start` runs first) takes
// the portal's migration lock in turn, waits while another migrator holds Prisma's, and says why it waits.
// Real processes, the run's database (a fresh one per test): SQLite or PostgreSQL.
import { mkdtempSync } from "node:fs";
import { readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { Client } from "pg";
import { describe, expect, inject, it } from "vitest";
import { sqliteLockFile } from "@/lib/db-migration-lock";
import { ROOT, spawnChild, within, type Child } from "../support/faults";

const template = inject("dbTemplate");
const MIGRATIONS = readdirSync(join(ROOT, "prisma", template.kind, "migrations")).filter((d) => /^\d+_/.test(d));

/** A fresh, empty database of the run's kind, and its DATABASE_URL. */
async function freshDatabase(): Promise<{ url: string; file?: string }> {
  if (template.kind === "sqlite") {
    const file = join(mkdtempSync(join(tmpdir(), "portal-migrate-")), "portal.db");
    return { url: `file:${file}`, file };
  }
  const name = `portal_migrate_${Math.random().toString(36).slice(2, 10)}_${process.ppid}`;
  const admin = new Client({ connectionString: template.adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(template.adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString() };
}

function deploy(url: string): Child {
  return spawnChild(join(ROOT, "node_modules", ".bin", "tsx"), [join(ROOT, "scripts", "db.ts"), "deploy"], {
    ...process.env,
    DATABASE_URL: url,
    DATA_DIR: mkdtempSync(join(tmpdir(), "portal-migrate-data-")),
  });
}

/** The migrations recorded as applied, each once and finished. */
async function appliedMigrations(db: { url: string; file?: string }): Promise<string[]> {
  const sql = 'SELECT migration_name AS name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name';
  if (db.file) {
    const sqlite = new Database(db.file, { readonly: true });
    try {
      return (sqlite.prepare(sql).all() as { name: string }[]).map((r) => r.name);
    } finally {
      sqlite.close();
    }
  }
  const c = new Client({ connectionString: db.url });
  await c.connect();
  try {
    return (await c.query<{ name: string }>(sql)).rows.map((r) => r.name);
  } finally {
    await c.end();
  }
}

/**
 * Another migrator mid-migration: on PostgreSQL it holds Prisma's own advisory lock (an instance of an older portal,
 * or `prisma migrate deploy` run by hand); on SQLite another process holds the portal's lock file.
 */
async function holdMigrationLock(db: { url: string; file?: string }): Promise<() => Promise<void>> {
  if (db.file) {
    const holder = spawnChild(
      process.execPath,
      [
        "-e",
        `const D=require("better-sqlite3");const d=new D(process.argv[1]);d.exec("BEGIN EXCLUSIVE");console.log("locked");setInterval(()=>{},1000)`,
        sqliteLockFile(db.file),
      ],
      process.env,
    );
    await holder.line(/^locked$/);
    return async () => {
      holder.kill();
      await holder.exited;
    };
  }
  const other = new Client({ connectionString: db.url });
  await other.connect();
  await other.query("SELECT pg_advisory_lock(72707369)");
  return async () => {
    await other.query("SELECT pg_advisory_unlock(72707369)");
    await other.end();
  };
}

describe("instances starting at once on a fresh database", () => {
  it("two deploys at once both succeed and every migration is applied exactly once", async () => {
    const db = await freshDatabase();
    const a = deploy(db.url);
    const b = deploy(db.url);
    const [ea, eb] = await Promise.all([within(120_000, a.exited), within(120_000, b.exited)]);
    a.kill();
    b.kill();
    expect(ea, a.output()).toMatchObject({ status: "resolved", value: { code: 0 } });
    expect(eb, b.output()).toMatchObject({ status: "resolved", value: { code: 0 } });
    expect(await appliedMigrations(db)).toEqual(MIGRATIONS);
  }, 150_000);

  it("while another migrator holds the lock past Prisma's 10 s timeout, both wait, say so, and then migrate", async () => {
    const db = await freshDatabase();
    const release = await holdMigrationLock(db);
    const a = deploy(db.url);
    const b = deploy(db.url);
    try {
      // Each says that it waits for the lock, and why.
      await Promise.all([a.line(/waiting for the migration lock/), b.line(/waiting for the migration lock/)]);
      // Longer than Prisma's 10 s advisory-lock timeout: the instance that met it used to exit here.
      await new Promise((r) => setTimeout(r, 12_000));
      expect(a.child.exitCode, a.output()).toBeNull();
      expect(b.child.exitCode, b.output()).toBeNull();
    } finally {
      await release();
    }
    const [ea, eb] = await Promise.all([within(120_000, a.exited), within(120_000, b.exited)]);
    a.kill();
    b.kill();
    expect(ea, a.output()).toMatchObject({ status: "resolved", value: { code: 0 } });
    expect(eb, b.output()).toMatchObject({ status: "resolved", value: { code: 0 } });
    expect(await appliedMigrations(db)).toEqual(MIGRATIONS);
  }, 180_000);
});
