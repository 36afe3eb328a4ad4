// Which unit test files reach the database, decided from the code itself (never a hand-kept list): the PostgreSQL
// pass (scripts/test-pg.sh) runs only these, since a planner or schema test runs the same on any database.
//
// A test file reaches the database when its import closure — static imports, `export … from`, `import()` and
// `require()`, followed through relative and `@/` specifiers — contains a database module: anything under
// lib/server/db/, the migration script scripts/db.ts, a database driver package, or a file that names the database's
// environment (DATABASE_URL, TEST_POSTGRES_URL, the test template) and so hands a database to a process it starts.
// test/support/db-setup.ts checks the other way round in every SQLite run: a file that opened its database but is not
// selected here fails there.
//
//   tsx scripts/pg-test-selection.ts            prints the selected files, one a line
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** Packages that open a database connection. */
const DATABASE_PACKAGES = [/^pg(\/|$)/, /^better-sqlite3(\/|$)/, /^@prisma\//, /^prisma(\/|$)/];
/** Source folders and files that are the database (relative to the root, `/`-separated). */
const DATABASE_MODULES = [/^lib\/server\/db\//, /^scripts\/db\.ts$/];
/** Naming the database's environment: the file passes a database on (to a child process, a server it starts). */
const DATABASE_ENVIRONMENT = /\b(DATABASE_URL|TEST_POSTGRES_URL|dbTemplate)\b/;
const EXTENSIONS = [".ts", ".tsx", ".mts", ".cts", ".js", ".mjs", ".cjs"];

const posix = (path: string) => path.split(sep).join("/");

/** The source file a specifier names, or undefined for a package (or a file outside the tree). */
function resolveSpecifier(from: string, specifier: string, root: string): string | undefined {
  let base: string;
  if (specifier.startsWith("@/")) base = join(root, specifier.slice(2));
  else if (specifier.startsWith(".")) base = resolve(dirname(from), specifier);
  else return undefined;
  // TypeScript's ESM style names a .ts file as .js.
  const stripped = base.replace(/\.(m|c)?js$/, "");
  for (const candidate of [base, ...EXTENSIONS.map((e) => stripped + e), ...EXTENSIONS.map((e) => join(base, `index${e}`))]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}

/**
 * What one file imports: `import … from`, `export … from`, side-effect imports, `import()` and `require()`. A regular
 * expression rather than a parser (every SQLite test file runs this, see test/support/db-setup.ts): text that only
 * looks like an import, in a comment say, can select a file needlessly, never leave one out.
 */
const IMPORT =
  /\b(?:import|export)\s[^'"`;]*?\bfrom\s*["']([^"']+)["']|\bimport\s*["']([^"']+)["']|\bimport\s*\(\s*["']([^"']+)["']\s*\)|\brequire\s*\(\s*["']([^"']+)["']\s*\)/g;
function specifiersOf(text: string): string[] {
  return [...text.matchAll(IMPORT)].map((m) => (m[1] ?? m[2] ?? m[3] ?? m[4]) as string);
}

export interface DatabaseReach {
  /** Whether the file reaches the database. */
  reaches: boolean;
  /** The chain of imports that does (the file first), for messages. */
  via: string[];
}

/** Memoised per root: a file's own verdict (whether it is, or names, a database module) and its resolved imports. */
export function createDatabaseReach(root = ROOT): (file: string) => DatabaseReach {
  const own = new Map<string, { database: string | undefined; imports: string[] }>();
  function read(file: string) {
    let entry = own.get(file);
    if (entry) return entry;
    const rel = posix(relative(root, file));
    const text = readFileSync(file, "utf8");
    const specifiers = specifiersOf(text);
    const pkg = specifiers.find((s) => DATABASE_PACKAGES.some((p) => p.test(s)));
    const database = DATABASE_MODULES.some((p) => p.test(rel))
      ? rel
      : pkg
        ? `${rel} (imports ${pkg})`
        : DATABASE_ENVIRONMENT.test(text)
          ? `${rel} (names ${DATABASE_ENVIRONMENT.exec(text)?.[1]})`
          : undefined;
    const imports = database ? [] : specifiers.flatMap((s) => resolveSpecifier(file, s, root) ?? []);
    entry = { database, imports };
    own.set(file, entry);
    return entry;
  }
  return (file) => {
    // Breadth first, so the chain reported is a shortest one.
    const start = resolve(root, file);
    const parent = new Map<string, string | null>([[start, null]]);
    const queue = [start];
    while (queue.length > 0) {
      const current = queue.shift() as string;
      const { database, imports } = read(current);
      if (database) {
        const via = [database];
        for (let p = parent.get(current); p; p = parent.get(p)) via.unshift(posix(relative(root, p)));
        return { reaches: true, via };
      }
      for (const next of imports) {
        if (parent.has(next) || next.includes(`${sep}node_modules${sep}`)) continue;
        parent.set(next, current);
        queue.push(next);
      }
    }
    return { reaches: false, via: [] };
  };
}

/** The unit project's test files (vitest.config.ts: test/**\/*.test.ts but test/e2e), relative, sorted. */
export function unitTestFiles(root = ROOT): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
      const rel = `${dir}/${entry.name}`;
      if (entry.isDirectory()) {
        if (rel !== "test/e2e" && entry.name !== "node_modules") walk(rel);
      } else if (entry.name.endsWith(".test.ts")) out.push(rel);
    }
  };
  walk("test");
  return out.sort();
}

/** The unit test files the PostgreSQL pass runs. */
export function databaseTestFiles(root = ROOT): string[] {
  const reach = createDatabaseReach(root);
  return unitTestFiles(root).filter((f) => reach(f).reaches);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const file of databaseTestFiles()) console.log(file);
}
