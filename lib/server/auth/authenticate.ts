// Resolves who is asking: `Authorization: Bearer <token>` for automation, else the browser session cookie.
// A credential is read in one query (credential-rows.ts). A session is read on every request. A token's row is
// reused for up to a second (TOKEN_ROW_REUSE_MS): revoking it here takes effect on the next request; a revocation on
// another instance, a changed membership of its creator or a direct database change takes effect within a second.
import "server-only";
import { AppError } from "@/lib/errors";
import { audit } from "../audit";
import { db } from "../db/client";
import { TEAM_ROLES, type Actor, type TeamRole } from "./actor";
import { clientIp } from "./auth-config";
import { findTokenRow, type TokenRow } from "./credential-rows";
import { assertTokenAttemptsLeft, recordTokenFailure } from "./token-rate-limit";
import { hashToken, TOKEN_PREFIX } from "./tokens";

/** Session lookup, installed by the session module (better-auth) so that this file does not depend on it. */
export type SessionResolver = (headers: Headers) => Promise<Actor | null>;
let sessionResolver: SessionResolver | null = null;
export function setSessionResolver(resolver: SessionResolver): void {
  sessionResolver = resolver;
}

/**
 * lastUsedAt is informational ("used in the last minute"): written at most once a minute per token, so that a busy
 * token does not turn every request into a write.
 */
export const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * How long an address that passed the failed-attempts check (token-rate-limit.ts) is not checked again. The check
 * is a query on every token request, for a limit that only failures can reach: a failure from the address here
 * forgets the pass at once, and failures counted by other instances are seen within this bound.
 */
export const ATTEMPTS_CHECK_REUSE_MS = 2000;
const PASSED_ADDRESSES = 10_000;
const globalForAttempts = globalThis as unknown as { portalTokenAttemptsPassed?: Map<string, number> };
const passed = (globalForAttempts.portalTokenAttemptsPassed ??= new Map<string, number>());

async function assertAttemptsLeft(ip: string | null, now: number): Promise<void> {
  const key = ip ?? "";
  const at = passed.get(key);
  if (at !== undefined && now - at < ATTEMPTS_CHECK_REUSE_MS) return;
  await assertTokenAttemptsLeft(ip, now);
  passed.delete(key);
  if (passed.size >= PASSED_ADDRESSES) {
    const oldest = passed.keys().next().value;
    if (oldest !== undefined) passed.delete(oldest);
  }
  passed.set(key, now);
}

/**
 * How long a token's row, once read, serves the requests after it. Under token load the read was most of a
 * request's own work (issue 10: throughput); a second bounds how long another instance's revocation or a changed
 * membership goes unseen here, and revokeToken() forgets the row on this instance at once. Expiry is checked on
 * every use, against the clock.
 */
export const TOKEN_ROW_REUSE_MS = 1000;
const RECENT_TOKENS = 10_000;
const globalForTokens = globalThis as unknown as { portalRecentTokenRows?: Map<string, { row: TokenRow; readAt: number }> };
const recentTokens = (globalForTokens.portalRecentTokenRows ??= new Map<string, { row: TokenRow; readAt: number }>());

/** The row of the token with this hash: the one read less than TOKEN_ROW_REUSE_MS ago, else read now. */
async function tokenRow(hash: string, now: number): Promise<TokenRow | null> {
  const recent = recentTokens.get(hash);
  if (recent && now - recent.readAt < TOKEN_ROW_REUSE_MS) return recent.row;
  recentTokens.delete(hash);
  const row = await findTokenRow(hash);
  // Unknown secrets are not remembered: each one is a failure, counted and audited.
  if (!row) return null;
  if (recentTokens.size >= RECENT_TOKENS) {
    const oldest = recentTokens.keys().next().value;
    if (oldest !== undefined) recentTokens.delete(oldest);
  }
  recentTokens.set(hash, { row, readAt: now });
  return row;
}

/** Forgets what this instance remembers of a token (revokeToken calls it): its next use reads the row again. */
export function forgetToken(tokenId: string): void {
  for (const [hash, recent] of recentTokens) if (recent.row.tokenId === tokenId) recentTokens.delete(hash);
}

function lowerRole(a: TeamRole, b: TeamRole | null): TeamRole | undefined {
  if (!b) return undefined;
  return TEAM_ROLES.indexOf(a) <= TEAM_ROLES.indexOf(b) ? a : b;
}

/** The token's role today, or undefined when the token does not work (revoked, expired, creator gone from the team). */
function roleOf(row: TokenRow, now: number): TeamRole | undefined {
  if (row.revokedAt || row.expiresAt.getTime() <= now) return undefined;
  // A token never holds more than its creator holds today: demoted, its role drops; removed from the team, it stops.
  return row.isAdmin ? row.tokenRole : lowerRole(row.tokenRole, row.memberRole);
}

async function recordLastUse(row: TokenRow, now: number): Promise<void> {
  if (row.lastUsedAt && now - row.lastUsedAt.getTime() < LAST_USED_RESOLUTION_MS) return;
  const staleBefore = new Date(now - LAST_USED_RESOLUTION_MS);
  // Conditional: of concurrent requests (here or on another instance) only the first writes.
  // The row may be a remembered one: it now says the use is recorded, so that the next requests do not write again.
  row.lastUsedAt = new Date(now);
  await db()
    .apiToken.updateMany({ where: { id: row.tokenId, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: staleBefore } }] }, data: { lastUsedAt: new Date(now) } })
    // A failed write must not fail the request.
    .catch(() => undefined);
}

/** A failed token attempt: counted against the client's IP and audited (with the visible prefix only, never the secret). */
async function tokenFailure(secret: string, ip: string | null): Promise<AppError> {
  passed.delete(ip ?? "");
  await recordTokenFailure(ip);
  const prefix = secret.startsWith(TOKEN_PREFIX) ? secret.slice(0, TOKEN_PREFIX.length + 6) : null;
  await audit(db(), null, { action: "auth.token.failed", subjectType: "token", subjectId: prefix ?? "unknown", detail: { ip, prefix } });
  return new AppError("unauthenticated", "The API token is invalid, expired or revoked.");
}

async function tokenActor(secret: string, ip: string | null): Promise<Actor> {
  const now = Date.now();
  await assertAttemptsLeft(ip, now);
  const row = secret.startsWith(TOKEN_PREFIX) ? await tokenRow(hashToken(secret), now) : null;
  const role = row ? roleOf(row, now) : undefined;
  if (!row || !role) throw await tokenFailure(secret, ip);
  await recordLastUse(row, now);
  return {
    kind: "token",
    userId: row.userId,
    label: `token:${row.tokenName}`,
    isAdmin: false,
    roles: new Map([[row.teamId, role]]),
    tokenId: row.tokenId,
  };
}

/** The actor behind a request, or null when it carries no credentials at all. Bad credentials throw 401. */
export async function authenticate(request: Request): Promise<Actor | null> {
  const header = request.headers.get("authorization");
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
    if (!match?.[1]) throw new AppError("unauthenticated", "Authorization must be `Bearer <token>`.");
    return tokenActor(match[1], clientIp(request.headers));
  }
  if (!sessionResolver) return null;
  return sessionResolver(request.headers);
}

export async function requireActor(request: Request): Promise<Actor> {
  const actor = await authenticate(request);
  if (!actor) throw new AppError("unauthenticated", "Sign in, or send an API token as `Authorization: Bearer <token>`.");
  return actor;
}
