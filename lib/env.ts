// The process environment, parsed once with zod at start-up. Nothing else in the portal reads process.env.
import "server-only";
import { z } from "zod";

export const LOG_LEVELS = ["debug", "info", "warn", "error", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65_535).default(3000),
  /** Where the portal keeps its database file and Pulumi state; created on start-up. */
  DATA_DIR: z.string().min(1).default("./.data"),
  LOG_LEVEL: z.enum(LOG_LEVELS).default("info"),
  /** sqlite (default, a file under DATA_DIR) or postgres:// to share state between portal instances. */
  DATABASE_URL: z
    .string()
    .regex(/^(file:|postgres(ql)?:\/\/)/, "must start with file: or postgres://")
    .optional(),
  /** Where people reach the portal (https://portal.example.com); sign-in cookies and OIDC callbacks use it. */
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** Signs session cookies. Unset: a random one is generated once and kept under DATA_DIR (set it when several instances share a database). */
  BETTER_AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  /** The first administrator, created on first start; without ADMIN_PASSWORD a one-time password is printed once. */
  ADMIN_EMAIL: z.email().optional(),
  ADMIN_PASSWORD: z.string().min(12, "must be at least 12 characters").max(128).optional(),
  /** 1: the demo users get the fixed, documented demo password (walkthroughs and browser tests only). */
  DEMO_SEED: z.enum(["0", "1"]).optional(),
  /** OIDC single sign-on: enabled when all three are set. */
  OIDC_ISSUER: z.url({ protocol: /^https?$/ }).optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  /** The button label on the sign-in page, e.g. "Okta". */
  OIDC_NAME: z.string().min(1).max(40).optional(),
});
export type Env = z.infer<typeof EnvSchema>;

/** Parses an environment; throws one message naming every bad variable (never their values: they may be secrets). */
export function parseEnv(source: Record<string, string | undefined>): Env {
  // Empty strings mean "unset": `PORT= npm start` should fall back to the default, not fail.
  const present = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = EnvSchema.safeParse(present);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
  throw new Error(`Invalid environment: ${problems.join("; ")}`);
}

export const env: Env = parseEnv(process.env);
