// The platform-reviewer migration on a database that already has people: data-platform's reviewers and admins keep
// reviewing every team (now by the explicit grant); reviewers of other teams and members do not get it. Run on the
// database kind under test (SQLite, or PostgreSQL with TEST_POSTGRES_URL), with the real migration files.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { Client } from "pg";
import { describe, expect, inject, it } from "vitest";

const ROOT = join(__dirname, "..", "..", "..", "..");
const NAME = "platform_reviewer_and_audit_retention";

function migrations(kind: "sqlite" | "postgres"): { before: string[]; target: string } {
  const dir = join(ROOT, "prisma", kind, "migrations");
  const names = readdirSync(dir)
    .filter((n) => /^\d{14}_/.test(n))
    .sort();
  const at = names.findIndex((n) => n.endsWith(`_${NAME}`));
  if (at < 0) throw new Error(`no ${NAME} migration for ${kind}`);
  const sql = (n: string) => readFileSync(join(dir, n, "migration.sql"), "utf8");
  return { before: names.slice(0, at).map(sql), target: sql(names[at] ?? "") };
}

const PEOPLE = [
  { id: "u-rita", team: "data-platform", role: "reviewer", expected: true },
  { id: "u-dana", team: "data-platform", role: "admin", expected: true },
  { id: "u-dave", team: "data-platform", role: "member", expected: false },
  { id: "u-rob", team: "streaming", role: "reviewer", expected: false },
  { id: "u-mo", team: "streaming", role: "member", expected: false },
];

const SEED = [
  `INSERT INTO "teams" ("id", "slug", "name") VALUES ('t-dp', 'data-platform', 'Data Platform'), ('t-st', 'streaming', 'Streaming')`,
  ...PEOPLE.flatMap((p) => [
    `INSERT INTO "users" ("id", "name", "email", "updatedAt") VALUES ('${p.id}', '${p.id}', '${p.id}@example.test', CURRENT_TIMESTAMP)`,
    `INSERT INTO "memberships" ("id", "userId", "teamId", "role") VALUES ('m-${p.id}', '${p.id}', '${p.team === "data-platform" ? "t-dp" : "t-st"}', '${p.role}')`,
  ]),
];

describe(`the ${NAME} migration`, () => {
  it("grants platform review to data-platform's reviewers and admins only, on existing data", async () => {
    const template = inject("dbTemplate");
    let granted: Record<string, boolean>;
    if (template.kind === "sqlite") {
      const { before, target } = migrations("sqlite");
      const sqlite = new Database(":memory:");
      for (const sql of before) sqlite.exec(sql);
      for (const sql of SEED) sqlite.exec(sql);
      sqlite.exec(target);
      const rows = sqlite.prepare(`SELECT "id", "platformReviewer" FROM "users"`).all() as { id: string; platformReviewer: number }[];
      granted = Object.fromEntries(rows.map((r) => [r.id, r.platformReviewer === 1]));
      sqlite.close();
    } else {
      const { before, target } = migrations("postgres");
      const name = `portal_migration_${Math.random().toString(36).slice(2, 10)}`;
      const admin = new Client({ connectionString: template.adminUrl });
      await admin.connect();
      await admin.query(`CREATE DATABASE "${name}"`);
      const url = new URL(template.adminUrl);
      url.pathname = `/${name}`;
      const client = new Client({ connectionString: url.toString() });
      await client.connect();
      try {
        for (const sql of [...before, ...SEED, target]) await client.query(sql);
        const rows = (await client.query<{ id: string; platformReviewer: boolean }>(`SELECT "id", "platformReviewer" FROM "users"`)).rows;
        granted = Object.fromEntries(rows.map((r) => [r.id, r.platformReviewer]));
      } finally {
        await client.end();
        await admin.query(`DROP DATABASE "${name}"`);
        await admin.end();
      }
    }
    expect(granted).toEqual(Object.fromEntries(PEOPLE.map((p) => [p.id, p.expected])));
  });
});
