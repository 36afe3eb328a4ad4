// The datastore-name trigram migration (PostgreSQL only) must never stop a portal from migrating: where the portal's
// role may not CREATE EXTENSION, it raises a NOTICE, adds no index and the migration succeeds; where it may, it adds
// pg_trgm and the GIN index. Run on the database kind under test, with the real migration files: on SQLite there is
// no such migration (the name search walks the list's order index there, test/lib/server/list-query-plans.test.ts).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Client } from "pg";
import { describe, expect, inject, it } from "vitest";

const ROOT = join(__dirname, "..", "..", "..");
const NAME = "datastore_name_trigram";

function migrations(kind: "sqlite" | "postgres"): { before: string[]; target: string | undefined } {
  const dir = join(ROOT, "prisma", kind, "migrations");
  const names = readdirSync(dir)
    .filter((n) => /^\d{14}_/.test(n))
    .sort();
  const at = names.findIndex((n) => n.endsWith(`_${NAME}`));
  const sql = (n: string) => readFileSync(join(dir, n, "migration.sql"), "utf8");
  return { before: names.slice(0, at < 0 ? names.length : at).map(sql), target: at < 0 ? undefined : sql(names[at] ?? "") };
}

const template = inject("dbTemplate");

describe(`the ${NAME} migration`, () => {
  it("exists for PostgreSQL only", () => {
    expect(migrations("postgres").target).toMatch(/USING gin \("name" gin_trgm_ops\)/);
    expect(migrations("sqlite").target).toBeUndefined();
  });

  // Defined on a PostgreSQL run only: SQLite has no such migration to run (asserted above).
  if (template.kind === "postgres") {
    it("migrates a role that may not create the extension, adding nothing, and adds the index where it may", async () => {
      const { before, target } = migrations("postgres");
      const suffix = Math.random().toString(36).slice(2, 10);
      const name = `portal_trgm_${suffix}`;
      const role = `portal_no_create_${suffix}`;
      const admin = new Client({ connectionString: template.adminUrl });
      await admin.connect();
      await admin.query(`CREATE DATABASE "${name}"`);
      const url = new URL(template.adminUrl);
      url.pathname = `/${name}`;
      const client = new Client({ connectionString: url.toString() });
      const notices: string[] = [];
      client.on("notice", (n) => notices.push(n.message ?? ""));
      await client.connect();
      try {
        for (const sql of before) await client.query(sql);
        const trgm = async () => ({
          extension: (await client.query(`SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'`)).rowCount,
          index: (await client.query(`SELECT 1 FROM pg_indexes WHERE indexname = 'datastores_name_trgm_idx'`)).rowCount,
        });
        // The portal's role owns its tables but has no CREATE on the database: CREATE EXTENSION is refused.
        await client.query(`CREATE ROLE "${role}" NOLOGIN`);
        await client.query(`ALTER TABLE "datastores" OWNER TO "${role}"`);
        await client.query(`SET ROLE "${role}"`);
        await client.query(target ?? "");
        await client.query("RESET ROLE");
        expect(await trgm()).toEqual({ extension: 0, index: 0 });
        expect(notices.join("\n")).toMatch(/datastores_name_trgm_idx not created \(42501 : permission denied/);
        // The search still works without it.
        expect((await client.query(`SELECT 1 FROM "datastores" WHERE "name" LIKE '%x%'`)).rowCount).toBe(0);
        // Run again by a role that may: the extension and the index are there; once more, nothing changes.
        await client.query(target ?? "");
        await client.query(target ?? "");
        expect(await trgm()).toEqual({ extension: 1, index: 1 });
      } finally {
        await client.end();
        await admin.query(`DROP DATABASE "${name}"`);
        await admin.query(`DROP ROLE IF EXISTS "${role}"`);
        await admin.end();
      }
    });
  }
});
