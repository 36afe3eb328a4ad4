// Before a test file imports anything: point DATABASE_URL at a fresh copy of the migrated template database.
import { copyFileSync, mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execFileSync } from "node:child_process";
import { afterAll, expect, inject } from "vitest";
import { assertSelectedForPostgres, databaseTouched } from "./db-touch";

const t = inject("dbTemplate");
if (t.kind === "sqlite") {
  const dir = mkdtempSync(join(tmpdir(), "portal-test-"));
  const file = join(dir, "portal.db");
  copyFileSync(t.file, file);
  process.env.DATABASE_URL = `file:${file}`;
  process.env.DATA_DIR = dir;
  // The PostgreSQL pass runs only the files that reach the database: one that opened it here must be among them.
  const copied = statSync(file);
  afterAll(() => {
    const testPath = expect.getState().testPath;
    if (testPath && databaseTouched(file, copied)) assertSelectedForPostgres(testPath);
  });
} else {
  const name = `portal_${Math.random().toString(36).slice(2, 10)}_${process.ppid}`;
  // CREATE DATABASE … TEMPLATE copies the migrated schema in milliseconds; done synchronously so that modules
  // imported after this file see the URL.
  execFileSync(
    "node",
    [
      "-e",
      `const {Client}=require("pg");(async()=>{const c=new Client({connectionString:process.argv[1]});await c.connect();await c.query('CREATE DATABASE "${name}" TEMPLATE "${t.template}"');await c.end()})().catch(e=>{console.error(e);process.exit(1)})`,
      t.adminUrl,
    ],
    { stdio: "inherit" },
  );
  const url = new URL(t.adminUrl);
  url.pathname = `/${name}`;
  process.env.DATABASE_URL = url.toString();
}
