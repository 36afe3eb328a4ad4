// Migrates a template database once per test run with the real `prisma migrate deploy`; each test file then gets
// its own copy (test/support/db-setup.ts). SQLite by default; PostgreSQL when TEST_POSTGRES_URL is set
// (e.g. postgres://portal@127.0.0.1:5433/postgres — the server .ci/run starts).
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { Client } from "pg";

declare module "vitest" {
  export interface ProvidedContext {
    dbTemplate: { kind: "sqlite"; file: string } | { kind: "postgres"; adminUrl: string; template: string };
  }
}

const ROOT = join(__dirname, "..", "..");

function deploy(databaseUrl: string): void {
  execFileSync(join(ROOT, "node_modules", ".bin", "tsx"), [join(ROOT, "scripts", "db.ts"), "deploy"], {
    cwd: ROOT,
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, DATABASE_URL: databaseUrl },
  });
}

export default async function setup(project: TestProject) {
  const pgUrl = process.env.TEST_POSTGRES_URL;
  if (pgUrl) {
    const template = `portal_template_${process.pid}`;
    const admin = new Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${template}`);
    await admin.query(`CREATE DATABASE ${template}`);
    await admin.end();
    const url = new URL(pgUrl);
    url.pathname = `/${template}`;
    deploy(url.toString());
    project.provide("dbTemplate", { kind: "postgres", adminUrl: pgUrl, template });
    return async () => {
      const c = new Client({ connectionString: pgUrl });
      await c.connect();
      const { rows } = await c.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE 'portal\\_%\\_${process.pid}%' OR datname = $1`, [
        template,
      ]);
      for (const r of rows) await c.query(`DROP DATABASE IF EXISTS "${r.datname}" WITH (FORCE)`);
      await c.end();
    };
  }
  const dir = mkdtempSync(join(tmpdir(), "portal-db-"));
  const file = join(dir, "template.db");
  deploy(`file:${file}`);
  project.provide("dbTemplate", { kind: "sqlite", file });
  return () => rmSync(dir, { recursive: true, force: true });
}
