// `tsx scripts/db.ts deploy` runs at every start (npm start, the browser tests' server): it prints one line a person
// wants to read, and everything Prisma said only when it failed.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = join(__dirname, "..", "..");
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function deploy(env: Record<string, string>) {
  const run = spawnSync(join(ROOT, "node_modules", ".bin", "tsx"), [join(ROOT, "scripts", "db.ts"), "deploy"], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, ...env },
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe("scripts/db.ts deploy", () => {
  it("says in one line which migrations it applied, then that the database is up to date", () => {
    const dir = mkdtempSync(join(tmpdir(), "portal-deploy-"));
    dirs.push(dir);
    const migrations = readdirSync(join(ROOT, "prisma", "sqlite", "migrations"))
      .filter((n) => /^\d{14}_/.test(n))
      .sort();
    const env = { DATA_DIR: dir, DATABASE_URL: "" };

    const first = deploy(env);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toBe(`[db] SQLite ${join(dir, "portal.db")}: applied ${migrations.length} migrations (${migrations.join(", ")})\n`);
    expect(first.stderr).toBe("");

    const second = deploy(env);
    expect(second.status, second.stderr).toBe(0);
    expect(second.stdout).toBe(`[db] SQLite ${join(dir, "portal.db")}: up to date (${migrations.length} migrations applied earlier)\n`);
    expect(second.stderr).toBe("");
  });

  it("names the database it could not reach, says why, and fails", () => {
    // Port 1 on loopback: nothing listens there, so the connection is refused at once (taking the migration lock,
    // before Prisma runs).
    const run = deploy({ DATABASE_URL: "postgres://portal:secret@127.0.0.1:1/nowhere" });
    expect(run.status).not.toBe(0);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain("[db] PostgreSQL 127.0.0.1:1/nowhere: connect ECONNREFUSED 127.0.0.1:1");
    expect(run.stderr).not.toContain("secret");
  });
});
