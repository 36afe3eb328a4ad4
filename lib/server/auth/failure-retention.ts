// The audit events of failed sign-ins and API-token attempts record no state change, and anyone can cause them: they
// expire after FAILED_AUTH_RETENTION_DAYS (the one exception to the append-only audit log). With the per-client
// limits on attempts that caps the rows any one client can add.
import "server-only";
import { db } from "../db/client";

export const FAILED_AUTH_RETENTION_DAYS = 90;
export const FAILED_AUTH_ACTIONS = ["auth.sign-in.failed", "auth.token.failed"] as const;

/** Deletes failed-authentication audit events older than the retention; returns how many. */
export async function pruneFailedAuthAudit(now = Date.now()): Promise<number> {
  const cutoff = new Date(now - FAILED_AUTH_RETENTION_DAYS * 86_400_000);
  const { count } = await db().auditEvent.deleteMany({ where: { action: { in: [...FAILED_AUTH_ACTIONS] }, at: { lt: cutoff } } });
  return count;
}

/**
 * Runs `prune` at most once every `everyMs` per process (each failure need not pay for a delete); a prune that
 * fails is retried by the next call.
 */
export function throttled(prune: (now: number) => Promise<unknown>, everyMs = 10 * 60_000): (now?: number) => Promise<void> {
  let last = Number.NEGATIVE_INFINITY;
  return async (now = Date.now()) => {
    if (now - last < everyMs) return;
    last = now;
    try {
      await prune(now);
    } catch {
      last = Number.NEGATIVE_INFINITY;
    }
  };
}

export const pruneFailedAuthAuditNow = throttled(pruneFailedAuthAudit);
