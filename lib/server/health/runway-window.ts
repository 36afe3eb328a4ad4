// The window a runway reads: a week (the health tab's longest range) or since the datastore became active, at the
// shortest of CloudWatch's usual periods that keeps each series to a couple of hundred points.
import "server-only";

export const RUNWAY_WINDOW_MS = 7 * 24 * 3600 * 1000;
const MAX_POINTS = 200;
const PERIODS = [60, 300, 900, 3600] as const;

export function periodFor(spanMs: number): number {
  return PERIODS.find((p) => spanMs / (p * 1000) <= MAX_POINTS) ?? 3600;
}

/** From `windowMs` back (a week unless said; for a younger datastore, since it became active; at least a minute) to now. */
export function runwayRange(now: Date, activeSince: Date, windowMs = RUNWAY_WINDOW_MS): { from: Date; to: Date; periodSeconds: number } {
  const from = new Date(Math.max(now.getTime() - windowMs, Math.min(activeSince.getTime(), now.getTime() - 60_000)));
  return { from, to: now, periodSeconds: periodFor(now.getTime() - from.getTime()) };
}
