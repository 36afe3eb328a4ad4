// The Prisma client: SQLite through better-sqlite3 by default, PostgreSQL through pg when DATABASE_URL says so.
// Only lib/server imports Prisma. Both generated clients have the same model API; the SQLite one names the type.
import "server-only";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { env } from "../../env";
import { resolveDatabaseTarget, type DatabaseTarget } from "../../db-target";
import { pgAdapter } from "../../db-pg";
import { PrismaClient as SqliteClient } from "./generated/sqlite/client";
import { PrismaClient as PostgresClient } from "./generated/postgres/client";

export type Db = SqliteClient;
/** The client inside `db().$transaction(async (tx) => …)`. */
export type Tx = Omit<Db, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

export const databaseTarget: DatabaseTarget = resolveDatabaseTarget({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR });

const globalForDb = globalThis as unknown as { portalDb?: Db };

function connect(target: DatabaseTarget): Db {
  if (target.kind === "postgres") return new PostgresClient({ adapter: pgAdapter(target.url) }) as unknown as Db;
  return new SqliteClient({ adapter: new PrismaBetterSQLite3({ url: target.url, timeout: 5000 }) });
}

/** The one client of this process (kept across Next's dev reloads). */
export function db(): Db {
  return (globalForDb.portalDb ??= connect(databaseTarget));
}
