// Whether a test file opened its SQLite database, and the check every SQLite run makes with it: a file that did must be
// among those the PostgreSQL pass runs (scripts/pg-test-selection.ts), or it would never meet PostgreSQL.
import { closeSync, existsSync, openSync, readSync, statSync, type Stats } from "node:fs";
import { relative } from "node:path";
import { createDatabaseReach, ROOT } from "../../scripts/pg-test-selection";

/**
 * The portal's client switches a database to WAL when it connects (lib/server/db/adapters.ts), which rewrites the
 * header and leaves -wal and -shm files while open; any write changes the file. The test template is in rollback
 * mode, so a copy nobody opened has neither.
 */
export function databaseTouched(file: string, copied: Pick<Stats, "mtimeMs" | "size">): boolean {
  if (["-wal", "-shm", "-journal"].some((suffix) => existsSync(file + suffix))) return true;
  if (!existsSync(file)) return true;
  if (walHeader(file)) return true;
  const now = statSync(file);
  return now.mtimeMs !== copied.mtimeMs || now.size !== copied.size;
}

/** Bytes 18 and 19 of a SQLite header are 2 in WAL mode, 1 in rollback-journal mode. */
function walHeader(file: string): boolean {
  const header = Buffer.alloc(20);
  const fd = openSync(file, "r");
  try {
    readSync(fd, header, 0, 20, 0);
  } finally {
    closeSync(fd);
  }
  return header[18] === 2 || header[19] === 2;
}

/** Throws, naming the file, when it opened a database but the PostgreSQL pass would leave it out. */
export function assertSelectedForPostgres(testPath: string, root = ROOT): void {
  if (createDatabaseReach(root)(testPath).reaches) return;
  throw new Error(
    `${relative(root, testPath)} opened its database, but scripts/pg-test-selection.ts does not select it for the PostgreSQL pass ` +
      "(npm run test:pg): nothing it imports reaches lib/server/db, a database driver or the database's environment. " +
      "Teach the selection how this file reaches the database.",
  );
}
