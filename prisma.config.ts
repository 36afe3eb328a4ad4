// Prisma CLI configuration: the js engine through driver adapters (no native engine downloads), SQLite by
// default and PostgreSQL when DATABASE_URL says postgres://. The CLI is a tool, so it reads its own environment.
import { defineConfig } from "prisma/config";
import { resolveDatabaseTarget } from "./lib/db-target";

const target = resolveDatabaseTarget({ databaseUrl: process.env.DATABASE_URL, dataDir: process.env.DATA_DIR || "./.data" });
// The schemas read env("DATABASE_URL"); without it the CLI cannot parse them and falls back to native engines.
process.env.DATABASE_URL = target.url;

export default defineConfig({
  schema: target.schema,
  migrations: { path: target.migrations },
  engine: "js",
  experimental: { adapter: true },
  async adapter() {
    if (target.kind === "postgres") {
      const { pgAdapter } = await import("./lib/db-pg");
      return pgAdapter(target.url);
    }
    const { PrismaBetterSQLite3 } = await import("@prisma/adapter-better-sqlite3");
    return new PrismaBetterSQLite3({ url: target.url });
  },
});
