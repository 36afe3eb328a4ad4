import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";

const alias = { "@": fileURLToPath(new URL("./", import.meta.url)), "server-only": fileURLToPath(new URL("./test/support/server-only.ts", import.meta.url)) };

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["test/**/*.test.ts"],
          exclude: ["test/e2e/**"],
          environment: "node",
          testTimeout: 30_000,
          hookTimeout: 120_000,
          // Every test file gets its own copy of a migrated database (SQLite, or PostgreSQL with TEST_POSTGRES_URL).
          globalSetup: ["test/support/db-global-setup.ts"],
          setupFiles: ["test/support/db-setup.ts"],
        },
      },
      {
        resolve: { alias },
        test: {
          name: "e2e",
          include: ["test/e2e/**/*.test.ts"],
          environment: "node",
          testTimeout: 120_000,
          hookTimeout: 600_000,
          fileParallelism: false,
          globalSetup: ["test/e2e/global-setup.ts"],
        },
      },
    ],
  },
});
