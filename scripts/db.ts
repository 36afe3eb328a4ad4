// Database chores, offline through Prisma's js engine:
//   tsx scripts/db.ts generate            write both schemas from prisma/models.prisma, generate both clients
//   tsx scripts/db.ts migration <name>    add a migration for SQLite and for PostgreSQL (prisma migrate diff --script)
//   tsx scripts/db.ts deploy              apply pending migrations to the configured database (prisma migrate deploy)
// Each migration folder keeps the schema it was diffed to (schema.prisma), so the next diff needs no database.
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { resolveDatabaseTarget, type DatabaseKind } from "../lib/db-target";

const ROOT = join(__dirname, "..");
const PRISMA = join(ROOT, "node_modules", ".bin", "prisma");
const KINDS: readonly DatabaseKind[] = ["sqlite", "postgres"];
// The schemas read env("DATABASE_URL"); generate and diff only need it to be well-formed.
const PLACEHOLDER_URL: Record<DatabaseKind, string> = { sqlite: `file:${join(tmpdir(), "portal-placeholder.db")}`, postgres: "postgresql://localhost/placeholder" };

/** migrate diff connects through the config's adapter even from an empty schema: PostgreSQL needs a server. */
function diffUrl(kind: DatabaseKind): string {
  if (kind === "sqlite") return PLACEHOLDER_URL.sqlite;
  const url = process.env.TEST_POSTGRES_URL;
  if (!url) throw new Error("set TEST_POSTGRES_URL (scripts/pg-local.sh start prints one) to diff PostgreSQL migrations");
  return url;
}

function prisma(args: string[], env: Record<string, string>): void {
  execFileSync(PRISMA, args, { cwd: ROOT, stdio: ["ignore", "inherit", "inherit"], env: { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1", ...env } });
}

function generate(): void {
  execFileSync(process.execPath, [join(ROOT, "scripts", "prisma-schemas.mjs")], { cwd: ROOT, stdio: "inherit" });
  for (const kind of KINDS) prisma(["generate", "--schema", `prisma/${kind}/schema.prisma`], { DATABASE_URL: PLACEHOLDER_URL[kind] });
}

function migration(name: string): void {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error("migration name: lowercase letters, digits and underscores");
  generate();
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  for (const kind of KINDS) {
    const dir = join(ROOT, "prisma", kind, "migrations");
    mkdirSync(dir, { recursive: true });
    const previous = readdirSync(dir).filter((d) => existsSync(join(dir, d, "schema.prisma"))).sort().at(-1);
    const out = join(dir, `${stamp}_${name}`);
    mkdirSync(out);
    const from = previous ? ["--from-schema-datamodel", join("prisma", kind, "migrations", previous, "schema.prisma")] : ["--from-empty"];
    prisma(["migrate", "diff", ...from, "--to-schema-datamodel", `prisma/${kind}/schema.prisma`, "--script", "--output", join(out, "migration.sql")], { DATABASE_URL: diffUrl(kind) });
    copyFileSync(join(ROOT, "prisma", kind, "schema.prisma"), join(out, "schema.prisma"));
    writeFileSync(join(dir, "migration_lock.toml"), `provider = "${kind === "sqlite" ? "sqlite" : "postgresql"}"\n`);
    console.log(`wrote ${out}/migration.sql`);
  }
}

function deploy(): void {
  const target = resolveDatabaseTarget({ databaseUrl: process.env.DATABASE_URL, dataDir: process.env.DATA_DIR || "./.data" });
  if (target.file) mkdirSync(join(target.file, ".."), { recursive: true });
  prisma(["migrate", "deploy"], { DATABASE_URL: target.url });
}

const [command, arg] = process.argv.slice(2);
if (command === "generate") generate();
else if (command === "migration" && arg) migration(arg);
else if (command === "deploy") deploy();
else {
  console.error("usage: tsx scripts/db.ts generate | migration <name> | deploy");
  process.exit(2);
}
