import { describe, expect, it } from "vitest";
import { sqliteDriverProblem } from "../../scripts/sqlite-driver";

describe("the SQLite driver check", () => {
  it("finds nothing wrong with the installed driver: it opens an in-memory database", () => {
    expect(sqliteDriverProblem()).toBeUndefined();
  });

  it("says in words what to do when the native module was never built", () => {
    // What better-sqlite3 throws when its install script did not run (the first line of the `bindings` error).
    const problem = sqliteDriverProblem(() => {
      throw new Error("Could not locate the bindings file. Tried:\n → /app/node_modules/better-sqlite3/build/better_sqlite3.node");
    });
    expect(problem).toContain("The SQLite driver (better-sqlite3) cannot open a database: Could not locate the bindings file. Tried:");
    expect(problem).not.toContain("/app/node_modules");
    expect(problem).toContain("allowScripts");
    expect(problem).toContain("npm rebuild better-sqlite3");
  });

  it("also reports a driver that loads but cannot open a database", () => {
    class Broken {
      constructor() {
        throw new Error("The module was compiled against a different Node.js version");
      }
    }
    expect(sqliteDriverProblem(() => Broken)).toContain("cannot open a database: The module was compiled against a different Node.js version");
  });
});
