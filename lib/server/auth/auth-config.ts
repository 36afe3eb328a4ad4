// better-auth's configuration, built from the parsed environment: email + password for local accounts (no open
// sign-up: admins and the first-start seed create accounts), OIDC single sign-on when configured, database-backed
// rate limiting shared by every instance (per client address, X-Forwarded-For believed only from TRUSTED_PROXIES),
// and a hook that reports failed sign-ins for the audit log.
import "server-only";
import type { BetterAuthOptions } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { createAuthMiddleware, isAPIError } from "better-auth/api";
import { genericOAuth } from "better-auth/plugins/generic-oauth";
import type { Env } from "@/lib/env";
import type { DatabaseKind } from "@/lib/db-target";
import type { Db } from "../db/client";
import { clientAddress } from "../http/client-address";
import { requestOrigin } from "../http/origin";
import { TOKEN_FAILURE_LIMIT } from "./token-rate-limit";

/** The OIDC provider id: its callback is /api/auth/oauth2/callback/oidc. */
export const OIDC_PROVIDER_ID = "oidc";

/** Sign-in attempts per client IP and window; better-auth answers 429 beyond that. */
export const SIGN_IN_RATE_LIMIT = { window: 60, max: 5 } as const;

/**
 * better-auth prunes rate-limit rows idle for longer than the longest window it knows of, and API-token failures
 * (lib/server/auth/token-rate-limit.ts) share its table: this rule, for a path better-auth does not serve, makes it
 * keep them for their whole window instead of lifting a token lockout after a minute.
 */
const TOKEN_FAILURE_WINDOW_RULE = { "/api-token-failures": { window: TOKEN_FAILURE_LIMIT.windowMs / 1000, max: TOKEN_FAILURE_LIMIT.max } } as const;

export interface FailedSignIn {
  email: string;
  ip: string | null;
  reason: string;
}

export interface AuthConfigInput {
  env: Pick<Env, "PORT" | "PUBLIC_URL" | "OIDC_ISSUER" | "OIDC_CLIENT_ID" | "OIDC_CLIENT_SECRET" | "NODE_ENV" | "TRUSTED_PROXIES">;
  secret: string;
  database: Db;
  databaseKind: DatabaseKind;
  onSignInFailed: (attempt: FailedSignIn) => Promise<void>;
}

/** OIDC is on only when issuer, client id and client secret are all configured. */
export function oidcConfigured(
  env: AuthConfigInput["env"],
): env is AuthConfigInput["env"] & { OIDC_ISSUER: string; OIDC_CLIENT_ID: string; OIDC_CLIENT_SECRET: string } {
  return Boolean(env.OIDC_ISSUER && env.OIDC_CLIENT_ID && env.OIDC_CLIENT_SECRET);
}

/** The client's address for rate limits and the audit log (see lib/server/http/client-address.ts). */
export function clientIp(headers: Headers | undefined): string | null {
  return clientAddress(headers);
}

function oidcPlugins(env: AuthConfigInput["env"]) {
  if (!oidcConfigured(env)) return [];
  const issuer = env.OIDC_ISSUER.replace(/\/+$/, "");
  return [
    genericOAuth({
      config: [
        {
          providerId: OIDC_PROVIDER_ID,
          discoveryUrl: `${issuer}/.well-known/openid-configuration`,
          clientId: env.OIDC_CLIENT_ID,
          clientSecret: env.OIDC_CLIENT_SECRET,
          scopes: ["openid", "email", "profile"],
          pkce: true,
        },
      ],
    }),
  ];
}

export function buildAuthOptions(input: AuthConfigInput): BetterAuthOptions {
  const { env } = input;
  const baseURL = env.PUBLIC_URL ?? `http://localhost:${env.PORT}`;
  return {
    appName: "Datastore Portal",
    baseURL,
    basePath: "/api/auth",
    secret: input.secret,
    database: prismaAdapter(input.database, { provider: input.databaseKind === "postgres" ? "postgresql" : "sqlite" }),
    // PUBLIC_URL's origin; unset (a fresh clone on any address and port), also the origin the request arrived on —
    // its Host and scheme, not Next.js's idea of its own URL (http://localhost:PORT whatever the browser used).
    trustedOrigins: (request) => {
      const arrived = request && !env.PUBLIC_URL ? requestOrigin(request) : null;
      return arrived ? [baseURL, arrived] : [baseURL];
    },
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: 12, maxPasswordLength: 128 },
    user: {
      additionalFields: {
        // input: false — never settable through sign-up or profile updates; only admins change it (lib/server/access).
        isAdmin: { type: "boolean", required: false, defaultValue: false, input: false },
      },
    },
    rateLimit: {
      enabled: true,
      storage: "database",
      window: 60,
      max: 100,
      // Reading one's own session guesses nothing and every page load does it: limiting it per address would lock
      // an office behind one NAT address out after a hundred page views a minute.
      customRules: { "/sign-in/*": SIGN_IN_RATE_LIMIT, "/get-session": false, ...TOKEN_FAILURE_WINDOW_RULE },
    },
    advanced: {
      // better-auth skips its Origin check under NODE_ENV=test; the tests must meet the check people meet.
      disableOriginCheck: false,
      // The forwarding guard has already reduced X-Forwarded-For to what a trusted proxy vouches for; better-auth
      // walks the same chain past the same proxies.
      ipAddress: { ipAddressHeaders: ["x-forwarded-for"], trustedProxies: [...env.TRUSTED_PROXIES] },
    },
    logger: { level: env.NODE_ENV === "development" ? "warn" : "error" },
    telemetry: { enabled: false },
    plugins: oidcPlugins(env),
    hooks: {
      after: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== "/sign-in/email") return;
        const returned = ctx.context.returned;
        if (!isAPIError(returned)) return;
        const body = (ctx.body ?? {}) as { email?: unknown };
        const email = typeof body.email === "string" ? body.email.slice(0, 320).toLowerCase() : "";
        await input.onSignInFailed({ email, ip: clientIp(ctx.request?.headers ?? ctx.headers), reason: String(returned.body?.code ?? returned.status) });
      }),
    },
  };
}
