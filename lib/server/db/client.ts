// The Prisma client: SQLite through better-sqlite3 by default, PostgreSQL through pg when DATABASE_URL says so.
// Only lib/server imports Prisma. Both generated clients have the same model API; the SQLite one names the type.
//
// One client per process, and with it one Prisma namespace. Next bundles this module more than once into one
// server process — into the instrumentation hook (which starts the worker) and into the app's routes — and each
// copy carries its own generated runtime. Prisma recognises its markers (`Prisma.DbNull`) by class, so a marker
// from one copy handed to a client made by another is not recognised and is stored as `{}` (issue 9.1). The client
// therefore lives on globalThis together with the namespace of the copy that made it, and every marker comes from
// there (`jsonDbNull`); nothing else imports the generated runtime (ESLint enforces it).
import "server-only";
import { env } from "../../env";
import { resolveDatabaseTarget, type DatabaseTarget } from "../../db-target";
import { pgAdapter } from "../../db-pg";
import { sqliteAdapter, withCleanTransactionEnds } from "./adapters";
import * as sqlite from "./generated/sqlite/client";
import * as postgres from "./generated/postgres/client";

export type Db = sqlite.PrismaClient;
/** The client inside `db().$transaction(async (tx) => …)`. */
export type Tx = Omit<Db, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;
type Namespace = typeof sqlite.Prisma;

export const databaseTarget: DatabaseTarget = resolveDatabaseTarget({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR });

interface Database {
  client: Db;
  /** The namespace of the generated runtime that made `client`. */
  prisma: Namespace;
}

const globalForDb = globalThis as unknown as { portalDatabase?: Database };

function connect(target: DatabaseTarget): Database {
  if (target.kind === "postgres") {
    const client = new postgres.PrismaClient({ adapter: withCleanTransactionEnds(pgAdapter(target.url)) });
    return { client: client as unknown as Db, prisma: postgres.Prisma as unknown as Namespace };
  }
  return { client: new sqlite.PrismaClient({ adapter: sqliteAdapter(target.url) }), prisma: sqlite.Prisma };
}

function database(): Database {
  return (globalForDb.portalDatabase ??= connect(databaseTarget));
}

/** The one client of this process (kept across Next's dev reloads and shared by every bundle). */
export function db(): Db {
  return database().client;
}

/** SQL NULL for a nullable Json column, recognised by the client in use (see the header). */
export function jsonDbNull(): Namespace["DbNull"] {
  return database().prisma.DbNull;
}
