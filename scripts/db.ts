// Database chores, offline through Prisma's js engine:
//   tsx scripts/db.ts generate            write both schemas from prisma/models.prisma, generate both clients
//   tsx scripts/db.ts migration <name>    add a migration for SQLite and for PostgreSQL (prisma migrate diff --script)
//   tsx scripts/db.ts deploy              apply pending migrations to the configured database (prisma migrate deploy)
// Each migration folder keeps the schema it was diffed to (schema.prisma), so the next diff needs no database.
// deploy first checks that DATA_DIR (and the SQLite files) can be written, then migrates under a lock that several
// instances starting at once take in turn (lib/db-migration-lock.ts).
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { tmpdir } from "node:os";
import { checkDataDir, sqliteFiles } from "../lib/data-dir";
import { withMigrationLock } from "../lib/db-migration-lock";
import { resolveDatabaseTarget, type DatabaseKind, type DatabaseTarget } from "../lib/db-target";
import { sqliteDriverProblem } from "./sqlite-driver";

const ROOT = join(__dirname, "..");
const PRISMA = join(ROOT, "node_modules", ".bin", "prisma");
const KINDS: readonly DatabaseKind[] = ["sqlite", "postgres"];
// The schemas read env("DATABASE_URL"); generate and diff only need it to be well-formed.
const PLACEHOLDER_URL: Record<DatabaseKind, string> = {
  sqlite: `file:${join(tmpdir(), "portal-placeholder.db")}`,
  postgres: "postgresql://localhost/placeholder",
};

/** migrate diff connects through the config's adapter even from an empty schema: PostgreSQL needs a server. */
function diffUrl(kind: DatabaseKind): string {
  if (kind === "sqlite") return PLACEHOLDER_URL.sqlite;
  const url = process.env.TEST_POSTGRES_URL;
  if (!url) throw new Error("set TEST_POSTGRES_URL (scripts/pg-local.sh start prints one) to diff PostgreSQL migrations");
  return url;
}

/**
 * Runs the Prisma CLI and returns what it printed. Its output is a tool's running commentary (config loaded, schema
 * loaded, tips), and Prisma 6.19's migrate commands add a warning that the schema's datasource url is not used: the
 * schema validator requires that url while the driver adapter ignores it, so it cannot be removed. A person reads
 * the one-line summary the caller prints instead; when the command fails, everything it printed goes to stderr and
 * this script exits with its code.
 */
function prisma(args: string[], env: Record<string, string>): string {
  const run = spawnSync(PRISMA, args, {
    cwd: ROOT,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1", ...env },
  });
  if (run.status === 0) return run.stdout;
  process.stderr.write(run.stdout + run.stderr);
  console.error(`[db] prisma ${args.join(" ")} failed (${run.error?.message ?? run.signal ?? `exit code ${run.status}`})`);
  process.exit(run.status || 1);
}

function generate(): void {
  execFileSync(process.execPath, [join(ROOT, "scripts", "prisma-schemas.mjs")], { cwd: ROOT, stdio: "inherit" });
  for (const kind of KINDS) prisma(["generate", "--no-hints", "--schema", `prisma/${kind}/schema.prisma`], { DATABASE_URL: PLACEHOLDER_URL[kind] });
  console.log(`[db] generated the Prisma clients (${KINDS.join(", ")}) into lib/server/db/generated`);
  // Generation runs as the install's last step (postinstall): the place to say that the default database cannot work.
  requireSqliteDriver();
}

function requireSqliteDriver(): void {
  const problem = sqliteDriverProblem();
  if (!problem) return;
  console.error(`[db] ${problem}`);
  process.exit(1);
}

function migration(name: string): void {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error("migration name: lowercase letters, digits and underscores");
  generate();
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  for (const kind of KINDS) {
    const dir = join(ROOT, "prisma", kind, "migrations");
    mkdirSync(dir, { recursive: true });
    const previous = readdirSync(dir)
      .filter((d) => existsSync(join(dir, d, "schema.prisma")))
      .sort()
      .at(-1);
    const out = join(dir, `${stamp}_${name}`);
    mkdirSync(out);
    const from = previous ? ["--from-schema-datamodel", join("prisma", kind, "migrations", previous, "schema.prisma")] : ["--from-empty"];
    prisma(["migrate", "diff", ...from, "--to-schema-datamodel", `prisma/${kind}/schema.prisma`, "--script", "--output", join(out, "migration.sql")], {
      DATABASE_URL: diffUrl(kind),
    });
    copyFileSync(join(ROOT, "prisma", kind, "schema.prisma"), join(out, "schema.prisma"));
    writeFileSync(join(dir, "migration_lock.toml"), `provider = "${kind === "sqlite" ? "sqlite" : "postgresql"}"\n`);
    console.log(`wrote ${out}/migration.sql`);
  }
}

/** Stops with a message that says what is wrong and where, before Prisma reports it as an "External error". */
function assertWritable(target: DatabaseTarget, dataDir: string): void {
  const checks = [checkDataDir({ dataDir, probe: true })];
  // The SQLite database may live outside DATA_DIR (DATABASE_URL=file:…): its directory and files must be writable too.
  if (target.file) checks.push(checkDataDir({ dataDir: dirname(target.file), files: sqliteFiles(target.file), probe: true }));
  for (const check of checks) {
    if (check.ok) continue;
    console.error(`[db] cannot start: ${check.message}`);
    process.exit(1);
  }
}

/** Prisma's own migration lock (PostgreSQL): held by a migrator that is not a portal instance, it times out after 10 s. */
const PRISMA_LOCK_TIMEOUT = /Timed out trying to acquire a postgres advisory lock/;
const PRISMA_LOCK_RETRIES = 60;

async function migrateDeploy(target: DatabaseTarget): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    const run = spawnSync(PRISMA, ["migrate", "deploy"], {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1", DATABASE_URL: target.url },
    });
    const output = `${run.stdout ?? ""}${run.stderr ?? ""}`;
    // Prisma's commentary (and 6.19's unavoidable "datasource url will NOT be used" warning) only when it fails.
    if (run.status === 0) return run.stdout ?? "";
    if (PRISMA_LOCK_TIMEOUT.test(output) && attempt < PRISMA_LOCK_RETRIES) {
      console.error(`[db] waiting for the migration lock: another migrator holds PostgreSQL advisory lock 72707369 (attempt ${attempt}); retrying in 5 s`);
      await new Promise((r) => setTimeout(r, 5000));
      continue;
    }
    process.stderr.write(output);
    throw new Error(`prisma migrate deploy failed (${run.signal ?? `exit code ${run.status}`})`);
  }
}

async function deploy(): Promise<void> {
  const dataDir = process.env.DATA_DIR || "./.data";
  const target = resolveDatabaseTarget({ databaseUrl: process.env.DATABASE_URL, dataDir });
  assertWritable(target, dataDir);
  if (target.kind === "sqlite") requireSqliteDriver();
  if (target.file) mkdirSync(dirname(target.file), { recursive: true });
  const output = await withMigrationLock(target, { log: (line) => console.error(`[db] ${line}`) }, () => migrateDeploy(target)).catch((error: unknown) => {
    // Say which database could not be migrated: "connect ECONNREFUSED" alone does not name it.
    throw new Error(`${describe(target)}: ${error instanceof Error ? error.message : String(error)}`);
  });
  console.log(`[db] ${describe(target)}: ${deploySummary(output)}`);
}

/** Where the database is, without credentials: the SQLite file, or PostgreSQL's host, port and database. */
function describe(target: DatabaseTarget): string {
  if (target.file) return `SQLite ${target.file}`;
  const url = new URL(target.url);
  return `PostgreSQL ${url.host}${url.pathname}`;
}

/** What `prisma migrate deploy` did, from its report: the migrations it applied, or that there were none. */
function deploySummary(output: string): string {
  const applied = [...output.matchAll(/└─ (\d{14}_\w+)\/\s*$/gm)].map((m) => m[1]);
  if (applied.length > 0) return `applied ${applied.length} migration${applied.length === 1 ? "" : "s"} (${applied.join(", ")})`;
  const found = /(\d+) migrations? found/.exec(output)?.[1];
  return /No pending migrations/.test(output) ? `up to date (${found ?? "all"} migrations applied earlier)` : "migrations deployed";
}

const [command, arg] = process.argv.slice(2);
if (command === "generate") generate();
else if (command === "migration" && arg) migration(arg);
else if (command === "deploy") {
  deploy().catch((error: unknown) => {
    console.error(`[db] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
} else {
  console.error("usage: tsx scripts/db.ts generate | migration <name> | deploy");
  process.exit(2);
}
