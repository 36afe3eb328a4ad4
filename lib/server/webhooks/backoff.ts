// When a failed delivery is tried again: exponential backoff (5 s, 25 s, ~2 min, ~10 min, ~52 min, ~4.3 h, then the
// 10 h cap) with ±20 % jitter, so receivers coming back after an outage are not hit by every retry at one instant.
// Eight attempts in all, spread over about 15 hours.
import "server-only";

export const RETRY_POLICY = {
  maxAttempts: 8,
  baseMs: 5_000,
  factor: 5,
  capMs: 10 * 60 * 60 * 1000,
  jitter: 0.2,
} as const;

/** The delay before the next attempt after `failedAttempts` (1 or more) attempts failed, without jitter. */
export function nominalRetryDelayMs(failedAttempts: number): number {
  if (!Number.isInteger(failedAttempts) || failedAttempts < 1) throw new RangeError("failedAttempts must be a whole number from 1");
  return Math.min(RETRY_POLICY.capMs, RETRY_POLICY.baseMs * RETRY_POLICY.factor ** (failedAttempts - 1));
}

/** The nominal delay, jittered by ±20 % (random() in [0, 1)), never past the cap. */
export function retryDelayMs(failedAttempts: number, random: () => number = Math.random): number {
  const j = RETRY_POLICY.jitter;
  return Math.min(RETRY_POLICY.capMs, Math.round(nominalRetryDelayMs(failedAttempts) * (1 - j + 2 * j * random())));
}
