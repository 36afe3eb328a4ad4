// The PostgreSQL pass runs the unit test files that reach the database, decided from their imports; the SQLite run
// fails a file that opened its database without being selected (test/support/db-setup.ts).
import Database from "better-sqlite3";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabaseReach, databaseTestFiles, unitTestFiles } from "@/scripts/pg-test-selection";
import { assertSelectedForPostgres, databaseTouched } from "@/test/support/db-touch";

let root: string;
const write = (path: string, text: string) => {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
};

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "pg-selection-"));
  write("lib/server/db/client.ts", "export const db = () => 1;\n");
  write("lib/server/requests/get.ts", 'import { db } from "../db/client";\nexport const get = () => db();\n');
  write("lib/server/requests/index.ts", 'export * from "./get";\n');
  write("lib/planner/kernel.ts", "export const plan = () => 2;\n");
  write("lib/schemas/workload.ts", 'import type { X } from "zod";\nexport type W = X;\n');
  write("test/support/api.ts", 'import { get } from "@/lib/server/requests";\nexport const call = get;\n');
  // Reaches the database through a helper, a barrel and an index file, lazily.
  write("test/api/requests.test.ts", 'const support = await import("../support/api.js");\nsupport.call();\n');
  write("test/lib/planner/kernel.test.ts", 'import { plan } from "@/lib/planner/kernel";\nimport "../../../lib/schemas/workload";\nplan();\n');
  write("test/lib/driver.test.ts", 'const { Client } = require("pg");\nnew Client();\n');
  write("test/scripts/start.test.ts", 'spawn("node", ["scripts/start.mjs"], { env: { DATABASE_URL: "file:x" } });\n');
  write("test/lib/cycle-a.test.ts", 'import "./cycle-b";\n');
  write("test/lib/cycle-b.ts", 'import "./cycle-a.test";\nimport { plan } from "@/lib/planner/kernel";\n');
  write("test/e2e/browser.test.ts", 'import { db } from "@/lib/server/db/client";\n');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("scripts/pg-test-selection", () => {
  it("selects the files whose imports reach the database module, a driver or the database's environment, and no others", () => {
    expect(unitTestFiles(root)).not.toContain("test/e2e/browser.test.ts");
    expect(databaseTestFiles(root)).toEqual(["test/api/requests.test.ts", "test/lib/driver.test.ts", "test/scripts/start.test.ts"]);
  });

  it("names the chain of imports that reaches the database", () => {
    expect(createDatabaseReach(root)("test/api/requests.test.ts").via).toEqual([
      "test/api/requests.test.ts",
      "test/support/api.ts",
      "lib/server/requests/index.ts",
      "lib/server/requests/get.ts",
      "lib/server/db/client.ts",
    ]);
    expect(createDatabaseReach(root)("test/lib/cycle-a.test.ts")).toEqual({ reaches: false, via: [] });
  });

  it("selects the portal's API and use-case tests and leaves the planner's and schemas' out", () => {
    const selected = databaseTestFiles();
    expect(selected).toEqual(expect.arrayContaining(["test/api/requests.test.ts", "test/lib/server/db.test.ts", "test/scripts/db.test.ts"]));
    expect(selected).not.toContain("test/lib/planner/kernel.test.ts");
    expect(selected).not.toContain("test/lib/schemas/workload.test.ts");
    expect(selected.length).toBeLessThan(unitTestFiles().length);
  });
});

describe("the SQLite run's check (test/support/db-touch)", () => {
  it("tells a database copy somebody opened from one nobody did", () => {
    const template = join(root, "template.db");
    new Database(template).exec("CREATE TABLE t (x); INSERT INTO t VALUES (1);").close();
    const untouched = join(root, "untouched.db");
    const opened = join(root, "opened.db");
    copyFileSync(template, untouched);
    copyFileSync(template, opened);
    const [before, beforeOpened] = [statSync(untouched), statSync(opened)];
    // What the portal's client does on connecting (lib/server/db/adapters.ts), then a read.
    const db = new Database(opened);
    db.pragma("journal_mode = WAL");
    db.prepare("SELECT x FROM t").get();
    expect(databaseTouched(opened, beforeOpened)).toBe(true);
    db.close();
    expect(databaseTouched(opened, beforeOpened)).toBe(true);
    expect(databaseTouched(untouched, before)).toBe(false);
  });

  it("fails a file that opened its database but is not selected, naming it", () => {
    expect(() => assertSelectedForPostgres(join(root, "test/lib/planner/kernel.test.ts"), root)).toThrow(
      /test\/lib\/planner\/kernel\.test\.ts opened its database/,
    );
    expect(() => assertSelectedForPostgres(join(root, "test/api/requests.test.ts"), root)).not.toThrow();
  });
});
