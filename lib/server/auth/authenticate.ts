// Resolves who is asking: `Authorization: Bearer <token>` for automation, else the browser session cookie.
// Each request reads its credential fresh, in one query (credential-rows.ts): revoking a token, ending a session or
// changing a membership takes effect on the next request, on every instance.
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
  const row = secret.startsWith(TOKEN_PREFIX) ? await findTokenRow(hashToken(secret)) : null;
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
