// GET /api/health: what a load balancer or orchestrator probe reads (200 when every check passed; otherwise a 503
// problem naming the failed check).
import { z } from "zod";

export const HEALTH_CHECK_NAMES = ["database-write", "data-dir"] as const;

export const HealthCheckSchema = z.strictObject({
  name: z.enum(HEALTH_CHECK_NAMES),
  status: z.enum(["ok", "failed"]),
  /** How long the check took. */
  durationMs: z.number().nonnegative(),
  /** What failed and where (failed checks only). */
  detail: z.string().optional(),
});
export type HealthCheck = z.infer<typeof HealthCheckSchema>;

export const HealthSchema = z.strictObject({
  status: z.literal("ok"),
  database: z.enum(["sqlite", "postgres"]),
  checks: z.array(HealthCheckSchema),
});
export type Health = z.infer<typeof HealthSchema>;
