// Backend URLs shown to admins: credentials masked, everything else as written.
import { afterEach, describe, expect, it, vi } from "vitest";
import { maskBackendUrl } from "@/lib/server/settings/org-settings-dto";

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

describe("maskBackendUrl", () => {
  it.each([
    ["postgres://user:s3cret@db.internal:5432/pulumi", "postgres://user:***@db.internal:5432/pulumi"],
    ["postgresql://pulumi:p%40ss@db/state?sslmode=require", "postgresql://pulumi:***@db/state?sslmode=require"],
    ["postgres://user:pa/ss@word@host/db", "postgres://user:***@host/db"],
    ["azblob://state?storage_account=acct&sas_token=sv%3D2020&sig=abc", "azblob://state?storage_account=acct&sas_token=***&sig=***"],
    [
      "s3://bucket/prefix?region=us-east-1&access_key_id=AKIA123&secret_access_key=xyz",
      "s3://bucket/prefix?region=us-east-1&access_key_id=***&secret_access_key=***",
    ],
    ["postgres://u:p@h/db?password=again", "postgres://u:***@h/db?password=***"],
  ])("masks %s", (url, masked) => {
    expect(maskBackendUrl(url)).toBe(masked);
  });

  it.each([
    "file:///var/lib/portal/pulumi-state",
    "s3://bucket/prefix?region=us-east-1",
    "https://api.pulumi.com",
    "postgres://db.internal:5432/pulumi",
    "gs://bucket",
  ])("leaves %s alone", (url) => {
    expect(maskBackendUrl(url)).toBe(url);
  });
});

describe("toOrgSettingsDto", () => {
  it("shows PULUMI_BACKEND_URL as the effective backend, masked, over the stored one", async () => {
    vi.stubEnv("PULUMI_BACKEND_URL", "postgres://ops:env-secret-1@state-db/pulumi");
    vi.stubEnv("PULUMI_CONFIG_PASSPHRASE", "set-in-the-environment");
    // lib/env parses process.env once, at import: a fresh module graph sees the variables.
    vi.resetModules();
    const { toOrgSettingsDto } = await import("@/lib/server/settings/org-settings-dto");
    const dto = await toOrgSettingsDto(null);
    expect(dto.pulumi).toEqual({
      backendUrl: null,
      passphrase: { source: "env", variable: "PULUMI_CONFIG_PASSPHRASE", set: true },
      effectiveBackendUrl: "postgres://ops:***@state-db/pulumi",
      effectiveBackendFrom: "environment",
    });
    expect(JSON.stringify(dto)).not.toContain("env-secret-1");
  });
});
