// Issue 10.2: `npm start` on a DATA_DIR it cannot write. A full disk used to fail with Prisma's "External error
// id#0"; a read-only directory holding an existing database started silently and then answered 500 to every write
// and an empty 500 to sign-in. Now the start-up steps (scripts/prepare.mjs: migrate, then seed — what `npm start`
// runs before serving) stop at once and say what is wrong and where. Real faults: a tmpfs that is full or mounted
// read-only, in a mount namespace of the child's own.
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { migratedSqliteFile, ROOT, spawnOnTinyDisk, within } from "../support/faults";

const SEED_ENV = { ADMIN_PASSWORD: "preflight-admin-password", DEMO_SEED: "1", LOG_LEVEL: "warn" };

/** A database that a first start already migrated and seeded: the next start has nothing to write. */
function seededSqliteFile(): string {
  const { dir, file } = migratedSqliteFile();
  const seeded = spawnSync(join(ROOT, "node_modules", ".bin", "tsx"), ["--conditions=react-server", join(ROOT, "scripts", "seed.ts")], {
    cwd: ROOT,
    env: { ...process.env, ...SEED_ENV, DATABASE_URL: `file:${file}`, DATA_DIR: dir },
    encoding: "utf8",
  });
  if (seeded.status !== 0) throw new Error(`seeding ${file} failed:\n${seeded.stderr}`);
  return file;
}

/** scripts/prepare.mjs as `npm start` calls it, in a child whose DATA_DIR is the tmpfs at `mountPoint`. */
function prepareOn(opts: { sizeKiB: number; readOnlyAfter?: string }) {
  const mountPoint = mkdtempSync(join(tmpdir(), "portal-start-"));
  const script = `import("./scripts/prepare.mjs").then((m) => m.prepare()).then(() => process.exit(0), (e) => { console.error(e.message); process.exit(1); })`;
  const { DATABASE_URL: _ignored, ...env } = process.env;
  const child = spawnOnTinyDisk({
    sizeKiB: opts.sizeKiB,
    mountPoint,
    readOnlyAfter: opts.readOnlyAfter?.replaceAll("$DIR", mountPoint),
    args: ["-e", script],
    env: { ...env, ...SEED_ENV, DATA_DIR: mountPoint },
  });
  return { mountPoint, child };
}

describe("starting on a DATA_DIR that cannot be written", () => {
  it("a read-only DATA_DIR holding an existing database: start-up stops and names the directory and the read-only file system", async () => {
    const file = seededSqliteFile();
    const { mountPoint, child } = prepareOn({ sizeKiB: 8192, readOnlyAfter: `cp ${file} $DIR/portal.db` });
    const exit = await within(120_000, child.exited);
    child.kill();
    expect(exit, child.output()).toMatchObject({ status: "resolved", value: { code: 1 } });
    expect(child.output()).toContain(`[db] cannot start: DATA_DIR ${mountPoint} is on a read-only file system (EROFS)`);
    expect(child.output()).not.toMatch(/External error/);
  }, 150_000);

  it("a full disk: start-up stops before migrating and says how much space is left where", async () => {
    const { mountPoint, child } = prepareOn({ sizeKiB: 256 });
    const exit = await within(120_000, child.exited);
    child.kill();
    expect(exit, child.output()).toMatchObject({ status: "resolved", value: { code: 1 } });
    expect(child.output()).toMatch(new RegExp(`\\[db\\] cannot start: DATA_DIR ${mountPoint} (has only [\\d.]+ MiB free|: no space left on the device)`));
    expect(child.output()).not.toMatch(/External error/);
  }, 150_000);
});
