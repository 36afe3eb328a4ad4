import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";

describe("parseEnv", () => {
  it("applies defaults for everything unset or empty", () => {
    expect(parseEnv({ PORT: "" })).toEqual({
      NODE_ENV: "development",
      PORT: 3000,
      DATA_DIR: "./.data",
      LOG_LEVEL: "info",
      PROVISIONER: "pulumi",
      WORKER: "inline",
      WORKER_CONCURRENCY: 2,
      WORKER_LEASE_SECONDS: 60,
      SIMULATED_STEP_MS: 900,
    });
  });

  it("parses given values", () => {
    expect(parseEnv({ PORT: "8080", DATA_DIR: "/var/lib/portal", NODE_ENV: "production", LOG_LEVEL: "warn", DATABASE_URL: "postgres://db/portal" })).toMatchObject({
      PORT: 8080,
      DATA_DIR: "/var/lib/portal",
      DATABASE_URL: "postgres://db/portal",
    });
  });

  it("names every bad variable without echoing its value", () => {
    expect(() => parseEnv({ PORT: "eighty", DATABASE_URL: "mysql://root:s3cret@db" })).toThrow(/PORT.*DATABASE_URL/);
    expect(() => parseEnv({ DATABASE_URL: "mysql://root:s3cret@db" })).not.toThrow(/s3cret/);
  });
});
