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
      MAINTENANCE_SCHEDULE_MINUTES: 5,
      MAINTENANCE_POLL_MS: 2000,
      MAINTENANCE_REPLACEMENT_TIMEOUT_MINUTES: 30,
      TRUSTED_PROXIES: [],
      WEBHOOK_ALLOW_PRIVATE: "0",
      WEBHOOK_TIMEOUT_SECONDS: 10,
      WEBHOOK_FAILURE_LIMIT: 20,
      FLEET_REFRESH_MINUTES: 5,
      SIM_REPLACEMENT_READY_MS: 3000,
    });
  });

  it("reads the webhook settings and refuses values out of range", () => {
    expect(parseEnv({ WEBHOOK_ALLOW_PRIVATE: "1", WEBHOOK_TIMEOUT_SECONDS: "5", WEBHOOK_FAILURE_LIMIT: "3" })).toMatchObject({
      WEBHOOK_ALLOW_PRIVATE: "1",
      WEBHOOK_TIMEOUT_SECONDS: 5,
      WEBHOOK_FAILURE_LIMIT: 3,
    });
    expect(() => parseEnv({ WEBHOOK_ALLOW_PRIVATE: "yes" })).toThrow(/WEBHOOK_ALLOW_PRIVATE/);
    expect(() => parseEnv({ WEBHOOK_TIMEOUT_SECONDS: "0" })).toThrow(/WEBHOOK_TIMEOUT_SECONDS/);
    expect(() => parseEnv({ WEBHOOK_FAILURE_LIMIT: "-1" })).toThrow(/WEBHOOK_FAILURE_LIMIT/);
  });

  it("reads TRUSTED_PROXIES as addresses and CIDR ranges, and refuses anything else", () => {
    expect(parseEnv({ TRUSTED_PROXIES: " 10.0.0.0/8, 192.0.2.7 ,::1,fd00::/8" }).TRUSTED_PROXIES).toEqual(["10.0.0.0/8", "192.0.2.7", "::1", "fd00::/8"]);
    for (const bad of ["10.0.0.0/33", "proxy.internal", "10.0.0.1/8/2", "::1/129", "*"])
      expect(() => parseEnv({ TRUSTED_PROXIES: bad }), bad).toThrow(/TRUSTED_PROXIES/);
  });

  it("parses given values", () => {
    expect(
      parseEnv({ PORT: "8080", DATA_DIR: "/var/lib/portal", NODE_ENV: "production", LOG_LEVEL: "warn", DATABASE_URL: "postgres://db/portal" }),
    ).toMatchObject({
      PORT: 8080,
      DATA_DIR: "/var/lib/portal",
      DATABASE_URL: "postgres://db/portal",
    });
  });

  it("names every bad variable without echoing its value", () => {
    expect(() => parseEnv({ PORT: "eighty", DATABASE_URL: "mysql://root:s3cret@db" })).toThrow(/PORT.*DATABASE_URL/);
    // Values that may be secrets: each is refused, and the message names the variable but never repeats the value.
    const secrets = {
      DATABASE_URL: "mysql://root:s3cret@db",
      BETTER_AUTH_SECRET: "short-s3cret",
      ADMIN_PASSWORD: "s3cret",
      PULUMI_BACKEND_URL: "ftp://user:s3cret@state",
    };
    for (const [name, value] of Object.entries(secrets)) {
      const message = thrownMessage(() => parseEnv({ [name]: value }));
      expect(message, name).toContain(name);
      expect(message, name).not.toContain("s3cret");
    }
  });
});

/** The message of the error `run` throws; fails the test when it throws nothing. */
function thrownMessage(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  throw new Error("expected an error, but nothing was thrown");
}
