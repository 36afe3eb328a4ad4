// The process environment, parsed once with zod at start-up. Nothing else in the portal reads process.env.
import "server-only";
import { isIP } from "node:net";
import { z } from "zod";

export const LOG_LEVELS = ["debug", "info", "warn", "error", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** One address or CIDR range: 10.0.0.5, 10.0.0.0/8, fd00::/8. */
function isAddressOrRange(entry: string): boolean {
  const [address = "", prefix, ...rest] = entry.split("/");
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

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
  /**
   * Reverse proxies (addresses or CIDR ranges, comma-separated) whose X-Forwarded-For / -Proto / -Host the portal
   * believes. Unset: none — every client is who its TCP connection says, whatever headers it sends.
   */
  TRUSTED_PROXIES: z
    .string()
    .transform((v) =>
      v
        .split(",")
        .map((e) => e.trim())
        .filter((e) => e !== ""),
    )
    .pipe(z.array(z.string().refine(isAddressOrRange, "must list IP addresses or CIDR ranges (10.0.0.0/8, ::1), comma-separated")))
    .default([]),
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
  /**
   * What runs provisioning operations: pulumi (default; needs the Pulumi CLI on PATH) or simulated — the same
   * programs without a cloud, for demos and browser tests. Never chosen silently.
   */
  PROVISIONER: z.enum(["pulumi", "simulated"]).default("pulumi"),
  /** Pulumi state backend; unset: the admin's setting, else a file backend under DATA_DIR. */
  PULUMI_BACKEND_URL: z
    .string()
    .regex(/^(file|s3|gs|azblob|postgres|postgresql|https?):\/\/\S+$/, "must be a Pulumi backend URL (file://, s3://, gs://, azblob://, postgres://, https://)")
    .optional(),
  /** inline (default): the portal process runs a worker; off: operations wait for `npm run worker`. */
  WORKER: z.enum(["inline", "off"]).default("inline"),
  /** Operations one worker runs at once (each on a different datastore). */
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(2),
  /** How long a claim lasts without a heartbeat; a worker heartbeats every third of it. */
  WORKER_LEASE_SECONDS: z.coerce.number().int().min(3).max(3600).default(60),
  /** Simulated engine: the mean time of one resource step (realistic by default; tests make it short). */
  SIMULATED_STEP_MS: z.coerce.number().int().min(0).max(60_000).default(900),
  /** How often the worker's maintenance scheduler places replacements for the fleet's open cloud events (fractions allowed: tests). */
  MAINTENANCE_SCHEDULE_MINUTES: z.coerce.number().min(0.05).max(1440).default(5),
  /** A replace-nodes operation: how often it looks at the cloud while it waits for a replacement node. */
  MAINTENANCE_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(2000),
  /** A replace-nodes operation fails when a replacement is not in service and healthy within this time. */
  MAINTENANCE_REPLACEMENT_TIMEOUT_MINUTES: z.coerce.number().int().min(1).max(1440).default(30),
  /**
   * 1: webhooks may target private, loopback and link-local addresses, and plain http:// (an administrator's
   * choice for receivers inside the network). Unset: only public https:// targets, checked after DNS resolution.
   */
  WEBHOOK_ALLOW_PRIVATE: z.enum(["0", "1"], "must be 0 or 1").default("0"),
  /** How long one delivery attempt may take (connect, send, answer) before it counts as failed. */
  WEBHOOK_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(60).default(10),
  /** Failed delivery attempts in a row after which the portal disables a subscription (with a notice). */
  WEBHOOK_FAILURE_LIMIT: z.coerce.number().int().min(1).max(1000).default(20),
  /** How often the worker refreshes the fleet inventory (every datastore's instances and scheduled events). */
  FLEET_REFRESH_MINUTES: z.coerce.number().int().min(1).max(1440).default(5),
  /** Simulated cloud: how long a replacement instance takes to become in-service and healthy. */
  SIM_REPLACEMENT_READY_MS: z.coerce.number().int().min(0).max(3_600_000).default(3000),
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

/**
 * One environment variable by name, for settings that name a variable (the Pulumi passphrase's source). The only
 * read of process.env outside the parse above; the value is a secret and is never logged.
 */
export function readEnvironmentVariable(name: string): string | undefined {
  const value = process.env[name];
  return value === undefined || value === "" ? undefined : value;
}
