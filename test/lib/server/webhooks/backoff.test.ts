// The retry schedule: exponential from 5 s, capped at 10 h, jittered ±20 %, eight attempts over about 15 hours.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { nominalRetryDelayMs, RETRY_POLICY, retryDelayMs } from "@/lib/server/webhooks/backoff";

const S = 1000;
const H = 3600 * S;

describe("webhook retry backoff", () => {
  it("waits 5 s, 25 s, 125 s, 625 s, … after each failed attempt, never more than 10 h", () => {
    expect([1, 2, 3, 4, 5, 6, 7].map(nominalRetryDelayMs)).toEqual([5 * S, 25 * S, 125 * S, 625 * S, 3125 * S, 15625 * S, 10 * H]);
    expect(nominalRetryDelayMs(20)).toBe(10 * H);
  });

  it("makes eight attempts spread over 14 to 16 hours", () => {
    expect(RETRY_POLICY.maxAttempts).toBe(8);
    const total = Array.from({ length: RETRY_POLICY.maxAttempts - 1 }, (_, i) => nominalRetryDelayMs(i + 1)).reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(14 * H);
    expect(total).toBeLessThan(16 * H);
  });

  it("jitters every delay within ±20 % of the nominal one and under the cap", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (failed, r) => {
        const nominal = nominalRetryDelayMs(failed);
        const d = retryDelayMs(failed, () => r);
        expect(d).toBeGreaterThanOrEqual(Math.floor(nominal * 0.8));
        expect(d).toBeLessThanOrEqual(Math.min(RETRY_POLICY.capMs, Math.ceil(nominal * 1.2)));
      }),
    );
  });

  it("spreads retries apart: two receivers' clocks do not line up", () => {
    const delays = new Set(Array.from({ length: 50 }, () => retryDelayMs(3)));
    expect(delays.size).toBeGreaterThan(40);
  });

  it("refuses a count of failed attempts below 1", () => {
    expect(() => nominalRetryDelayMs(0)).toThrow(RangeError);
    expect(() => nominalRetryDelayMs(1.5)).toThrow(RangeError);
  });
});
