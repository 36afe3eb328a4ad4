// better-auth's configuration builds with and without OIDC single sign-on (nothing is fetched: discovery happens
// at the first SSO sign-in), keeps open sign-up off and isAdmin out of anyone's input.
import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { betterAuth } from "better-auth";
import { describe, expect, it } from "vitest";
import { buildAuthOptions, oidcConfigured, type AuthConfigInput } from "@/lib/server/auth/auth-config";
import { resolveAuthSecret, SECRET_FILE_NAME } from "@/lib/server/auth/secret";
import { db } from "@/lib/server/db/client";

const base: AuthConfigInput["env"] = { PORT: 3000, NODE_ENV: "test", TRUSTED_PROXIES: [] };
const build = (env: Partial<AuthConfigInput["env"]>) =>
  buildAuthOptions({ env: { ...base, ...env }, secret: "x".repeat(40), database: db(), databaseKind: "sqlite", onSignInFailed: async () => undefined });

describe("the auth configuration", () => {
  it("builds without OIDC: email and password only, sign-up disabled, isAdmin not an input", async () => {
    const options = build({});
    expect(options.plugins).toEqual([]);
    expect(options.emailAndPassword).toMatchObject({ enabled: true, disableSignUp: true });
    expect(options.user?.additionalFields?.isAdmin).toMatchObject({ input: false, defaultValue: false });
    expect(options.rateLimit).toMatchObject({ enabled: true, storage: "database" });
    const auth = betterAuth(options);
    expect(typeof auth.handler).toBe("function");
  });

  it("adds the OIDC provider only when issuer, client id and secret are all set", () => {
    expect(oidcConfigured({ ...base, OIDC_ISSUER: "https://idp.example.com", OIDC_CLIENT_ID: "portal" })).toBe(false);
    const options = build({
      OIDC_ISSUER: "https://idp.example.com/",
      OIDC_CLIENT_ID: "portal",
      OIDC_CLIENT_SECRET: "s3cret",
      PUBLIC_URL: "https://portal.example.com",
    });
    expect(options.plugins?.map((p) => p.id)).toEqual(["generic-oauth"]);
    expect(options.baseURL).toBe("https://portal.example.com");
    // Not passed to betterAuth() here: initialising the plugin fetches the issuer's discovery document.
  });
});

describe("the session secret", () => {
  it("prefers BETTER_AUTH_SECRET, else generates one once under DATA_DIR (mode 0600) and keeps it across restarts", () => {
    const dir = mkdtempSync(join(tmpdir(), "portal-secret-"));
    expect(resolveAuthSecret({ configured: "c".repeat(32), dataDir: dir })).toBe("c".repeat(32));
    const first = resolveAuthSecret({ dataDir: dir });
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(resolveAuthSecret({ dataDir: dir })).toBe(first);
    expect(readFileSync(join(dir, SECRET_FILE_NAME), "utf8").trim()).toBe(first);
    expect(statSync(join(dir, SECRET_FILE_NAME)).mode & 0o777).toBe(0o600);
    expect(resolveAuthSecret({ dataDir: mkdtempSync(join(tmpdir(), "portal-secret-")) })).not.toBe(first);
  });
});
