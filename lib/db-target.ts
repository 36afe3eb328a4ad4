// Which database the portal uses, decided in one place for the server, the Prisma CLI config and the scripts.
// Pure: it is handed the environment values, it does not read process.env itself.
import { isAbsolute, join, resolve } from "node:path";

export type DatabaseKind = "sqlite" | "postgres";

export interface DatabaseTarget {
  kind: DatabaseKind;
  /** file:/absolute/path.db for SQLite, the postgres:// URL otherwise. */
  url: string;
  /** Prisma schema and migrations folder for this kind, relative to the repository root. */
  schema: string;
  migrations: string;
  /** The SQLite file, when kind is sqlite. */
  file?: string;
}

export const SQLITE_FILE_NAME = "portal.db";

export function resolveDatabaseTarget(opts: { databaseUrl?: string | undefined; dataDir: string; cwd?: string }): DatabaseTarget {
  const url = opts.databaseUrl?.trim();
  if (url && /^postgres(ql)?:\/\//.test(url)) {
    return { kind: "postgres", url, schema: "prisma/postgres/schema.prisma", migrations: "prisma/postgres/migrations" };
  }
  const cwd = opts.cwd ?? process.cwd();
  let file: string;
  if (url?.startsWith("file:")) {
    const path = url.slice("file:".length);
    file = isAbsolute(path) ? path : resolve(cwd, path);
  } else {
    const dir = isAbsolute(opts.dataDir) ? opts.dataDir : resolve(cwd, opts.dataDir);
    file = join(dir, SQLITE_FILE_NAME);
  }
  return { kind: "sqlite", url: `file:${file}`, file, schema: "prisma/sqlite/schema.prisma", migrations: "prisma/sqlite/migrations" };
}
