// Failed API-token attempts per client IP, counted in the shared rate_limits table (the same one better-auth uses
// for sign-in), so guessing tokens is slow across every portal instance. Successful calls are never counted.
import "server-only";
import { AppError } from "@/lib/errors";
import { db } from "../db/client";

export const TOKEN_FAILURE_LIMIT = { max: 10, windowMs: 15 * 60_000 } as const;

const keyOf = (ip: string | null) => `api-token-failure:${ip ?? "unknown"}`;

/** Throws 429 while the IP has used up its failed attempts in the current window. */
export async function assertTokenAttemptsLeft(ip: string | null, now = Date.now()): Promise<void> {
  const row = await db().rateLimit.findUnique({ where: { key: keyOf(ip) } });
  if (!row || now - Number(row.lastRequest) >= TOKEN_FAILURE_LIMIT.windowMs) return;
  if (row.count >= TOKEN_FAILURE_LIMIT.max) {
    const retryAfter = Math.ceil((Number(row.lastRequest) + TOKEN_FAILURE_LIMIT.windowMs - now) / 1000);
    throw new AppError("rate_limited", `Too many failed API-token attempts from this address; retry in ${retryAfter} s.`);
  }
}

/** Counts one failed attempt: within the window the count grows, after it a new window starts at 1. */
export async function recordTokenFailure(ip: string | null, now = Date.now()): Promise<void> {
  const key = keyOf(ip);
  const grown = await db().rateLimit.updateMany({
    where: { key, lastRequest: { gt: BigInt(now - TOKEN_FAILURE_LIMIT.windowMs) } },
    data: { count: { increment: 1 }, lastRequest: BigInt(now) },
  });
  if (grown.count > 0) return;
  await db().rateLimit.upsert({
    where: { key },
    create: { id: key, key, count: 1, lastRequest: BigInt(now) },
    update: { count: 1, lastRequest: BigInt(now) },
  });
}
