// The portal's better-auth instance, created on first use (so importing this module touches neither the
// database nor the data directory).
import "server-only";
import { betterAuth } from "better-auth";
import { env } from "@/lib/env";
import { databaseTarget, db } from "../db/client";
import { log } from "../log";
import { buildAuthOptions } from "./auth-config";
import { recordFailedSignIn } from "./record-failed-sign-in";
import { resolveAuthSecret } from "./secret";

function createAuth() {
  if (!env.BETTER_AUTH_SECRET && databaseTarget.kind === "postgres") {
    log.warn(
      "BETTER_AUTH_SECRET is not set: this instance signs sessions with a secret of its own, so sessions will not carry over to other instances sharing the database",
    );
  }
  return betterAuth(
    buildAuthOptions({
      env,
      secret: resolveAuthSecret({ configured: env.BETTER_AUTH_SECRET, dataDir: env.DATA_DIR }),
      database: db(),
      databaseKind: databaseTarget.kind,
      onSignInFailed: recordFailedSignIn,
    }),
  );
}

export type PortalAuth = ReturnType<typeof createAuth>;

const globalForAuth = globalThis as unknown as { portalAuth?: PortalAuth };

export function auth(): PortalAuth {
  return (globalForAuth.portalAuth ??= createAuth());
}
