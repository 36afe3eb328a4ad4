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
