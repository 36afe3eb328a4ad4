// Failed API-token attempts per client (an IPv4 address, an IPv6 /64), counted in the shared rate_limits table (the
// same one better-auth uses for sign-in), so guessing tokens is slow across every portal instance. Successful calls
// are never counted. The client is who the connection says, or what a trusted proxy says (client-address.ts): a
// forged X-Forwarded-For can neither dodge the limit nor lock someone else out.
import "server-only";
import { AppError } from "@/lib/errors";
import { db } from "../db/client";
import { rateLimitSubject } from "../http/client-address";
import { pruneFailedAuthAuditNow, throttled } from "./failure-retention";

export const TOKEN_FAILURE_LIMIT = { max: 10, windowMs: 15 * 60_000 } as const;
export const TOKEN_FAILURE_KEY_PREFIX = "api-token-failure:";

const keyOf = (ip: string | null) => `${TOKEN_FAILURE_KEY_PREFIX}${rateLimitSubject(ip)}`;

/** Deletes failure counts whose window has passed (one row per client that failed in the last window stays). */
export async function pruneTokenFailures(now = Date.now()): Promise<number> {
  const { count } = await db().rateLimit.deleteMany({
    where: { key: { startsWith: TOKEN_FAILURE_KEY_PREFIX }, lastRequest: { lt: BigInt(now - TOKEN_FAILURE_LIMIT.windowMs) } },
  });
  return count;
}

const pruneTokenFailuresNow = throttled(pruneTokenFailures);

/** Throws 429 while the client has used up its failed attempts in the current window. */
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
  await pruneTokenFailuresNow(now);
  await pruneFailedAuthAuditNow(now);
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
