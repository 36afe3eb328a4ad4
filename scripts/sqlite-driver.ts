// The SQLite driver, better-sqlite3, is a native module that its own install script builds. npm runs that script
// only for packages that package.json's allowScripts approves; when it did not run (scripts ignored or denied, no
// compiler), say so in words at install and start-up rather than fail later with "Could not locate the bindings file".
import { createRequire } from "node:module";

const loadDriver = (): unknown => createRequire(import.meta.url)("better-sqlite3");

/** Why the SQLite driver cannot open a database, as a message for a person; undefined when it can. */
export function sqliteDriverProblem(load: () => unknown = loadDriver): string | undefined {
  try {
    const Database = load() as new (file: string) => { close(): void };
    new Database(":memory:").close();
    return undefined;
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).split("\n")[0];
    return [
      `The SQLite driver (better-sqlite3) cannot open a database: ${reason}`,
      "Its install script builds it; npm runs that script because package.json's allowScripts approves better-sqlite3.",
      "Build it with `npm rebuild better-sqlite3` (needs python3, make and a C++ compiler), or set DATABASE_URL to a PostgreSQL database.",
    ].join("\n");
  }
}
