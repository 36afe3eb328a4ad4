// better-auth's configuration, built from the parsed environment: email + password for local accounts (no open
// sign-up: admins and the first-start seed create accounts), OIDC single sign-on when configured, database-backed
// rate limiting shared by every instance, and a hook that reports failed sign-ins for the audit log.
import "server-only";
import type { BetterAuthOptions } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { createAuthMiddleware, isAPIError } from "better-auth/api";
import { genericOAuth } from "better-auth/plugins/generic-oauth";
import type { Env } from "@/lib/env";
import type { DatabaseKind } from "@/lib/db-target";
import type { Db } from "../db/client";

/** The OIDC provider id: its callback is /api/auth/oauth2/callback/oidc. */
export const OIDC_PROVIDER_ID = "oidc";

/** Sign-in attempts per client IP and window; better-auth answers 429 beyond that. */
export const SIGN_IN_RATE_LIMIT = { window: 60, max: 5 } as const;

export interface FailedSignIn {
  email: string;
  ip: string | null;
  reason: string;
}

export interface AuthConfigInput {
  env: Pick<Env, "PORT" | "PUBLIC_URL" | "OIDC_ISSUER" | "OIDC_CLIENT_ID" | "OIDC_CLIENT_SECRET" | "NODE_ENV">;
  secret: string;
  database: Db;
  databaseKind: DatabaseKind;
  onSignInFailed: (attempt: FailedSignIn) => Promise<void>;
}

/** OIDC is on only when issuer, client id and client secret are all configured. */
export function oidcConfigured(env: AuthConfigInput["env"]): env is AuthConfigInput["env"] & { OIDC_ISSUER: string; OIDC_CLIENT_ID: string; OIDC_CLIENT_SECRET: string } {
  return Boolean(env.OIDC_ISSUER && env.OIDC_CLIENT_ID && env.OIDC_CLIENT_SECRET);
}

export function clientIp(headers: Headers | undefined): string | null {
  const forwarded = headers?.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || headers?.get("x-real-ip")?.trim() || null;
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
    // The portal's own origin, and same-origin requests when PUBLIC_URL is not set (a fresh clone on any port).
    trustedOrigins: (request) => [baseURL, ...(request && !env.PUBLIC_URL ? [new URL(request.url).origin] : [])],
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
      customRules: { "/sign-in/*": SIGN_IN_RATE_LIMIT },
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
