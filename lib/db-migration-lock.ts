// One migrator at a time: several portal instances starting at once against one database take turns applying the
// migrations instead of racing (on PostgreSQL the loser used to die on Prisma's 10 s advisory-lock timeout; on
// SQLite two `migrate deploy` runs collided on the same tables). The lock is the database's own, so it is released
// by the database when a holder dies: a PostgreSQL session-level advisory lock (a key of the portal's, not
// Prisma's), or an exclusive SQLite lock on a small file beside the database. Whoever waits says so, and why.
import Database from "better-sqlite3";
import pg from "pg";
import type { DatabaseTarget } from "./db-target";

/** The portal's advisory-lock key: an arbitrary constant of its own (Prisma's is 72707369). */
export const PORTAL_MIGRATION_LOCK_KEY = 7_236_837_015_402_591n;
/** How often a waiting instance tries again, and how often it repeats that it is still waiting. */
const RETRY_MS = 500;
const REMIND_MS = 15_000;
/** An instance that still cannot migrate after this long gives up (a holder this slow is stuck, not busy). */
const GIVE_UP_MS = 15 * 60_000;

export interface MigrationLockOptions {
  log: (line: string) => void;
  retryMs?: number;
}

interface HeldLock {
  release(): Promise<void>;
}

async function tryPostgres(url: string): Promise<HeldLock | null> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1::bigint) AS locked", [PORTAL_MIGRATION_LOCK_KEY.toString()]);
    if (rows[0]?.locked) {
      return {
        release: async () => {
          await client.query("SELECT pg_advisory_unlock($1::bigint)", [PORTAL_MIGRATION_LOCK_KEY.toString()]).catch(() => undefined);
          await client.end();
        },
      };
    }
  } catch (error) {
    await client.end().catch(() => undefined);
    throw error;
  }
  await client.end();
  return null;
}

/** The lock file of a SQLite database: `portal.db.migrate-lock`, an empty database held in an exclusive transaction. */
export function sqliteLockFile(file: string): string {
  return `${file}.migrate-lock`;
}

function trySqlite(file: string): HeldLock | null {
  const lock = new Database(sqliteLockFile(file), { timeout: 0 });
  try {
    lock.exec("BEGIN EXCLUSIVE");
  } catch (error) {
    lock.close();
    if ((error as { code?: string }).code === "SQLITE_BUSY") return null;
    throw error;
  }
  return {
    release: async () => {
      lock.exec("ROLLBACK");
      lock.close();
    },
  };
}

/** Runs `fn` holding the database's migration lock, waiting (and saying so) while another instance holds it. */
export async function withMigrationLock<T>(target: DatabaseTarget, opts: MigrationLockOptions, fn: () => Promise<T>): Promise<T> {
  const tryLock = () => (target.kind === "postgres" ? tryPostgres(target.url) : Promise.resolve(trySqlite(target.file ?? "")));
  const where = target.kind === "postgres" ? `PostgreSQL advisory lock ${PORTAL_MIGRATION_LOCK_KEY}` : `lock file ${sqliteLockFile(target.file ?? "")}`;
  const started = Date.now();
  let reminded = 0;
  let held = await tryLock();
  const waited = !held;
  if (!held) opts.log(`waiting for the migration lock: another instance is applying migrations to this database (${where})`);
  while (!held) {
    const elapsed = Date.now() - started;
    if (elapsed > GIVE_UP_MS)
      throw new Error(`gave up after ${Math.round(elapsed / 1000)} s waiting for the migration lock (${where}); is another instance stuck?`);
    if (elapsed - reminded >= REMIND_MS) {
      reminded = elapsed;
      opts.log(`still waiting for the migration lock after ${Math.round(elapsed / 1000)} s (${where})`);
    }
    await new Promise((r) => setTimeout(r, opts.retryMs ?? RETRY_MS));
    held = await tryLock();
  }
  if (waited) opts.log(`got the migration lock after ${Math.round((Date.now() - started) / 1000)} s; applying what is still pending`);
  try {
    return await fn();
  } finally {
    await held.release();
  }
}
