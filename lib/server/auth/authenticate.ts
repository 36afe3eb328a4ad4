// Resolves who is asking: `Authorization: Bearer <token>` for automation, else the browser session cookie.
import "server-only";
import { AppError } from "@/lib/errors";
import { audit } from "../audit";
import { db } from "../db/client";
import { TEAM_ROLES, type Actor, type TeamRole } from "./actor";
import { clientIp } from "./auth-config";
import { assertTokenAttemptsLeft, recordTokenFailure } from "./token-rate-limit";
import { hashToken, TOKEN_PREFIX } from "./tokens";

/** Session lookup, installed by the session module (better-auth) so that this file does not depend on it. */
export type SessionResolver = (headers: Headers) => Promise<{ userId: string } | null>;
let sessionResolver: SessionResolver | null = null;
export function setSessionResolver(resolver: SessionResolver): void {
  sessionResolver = resolver;
}

async function userActor(userId: string): Promise<Actor | null> {
  const user = await db().user.findUnique({ where: { id: userId }, include: { memberships: true } });
  if (!user) return null;
  return {
    kind: "user",
    userId: user.id,
    label: `user:${user.email}`,
    isAdmin: user.isAdmin,
    platformReviewer: user.platformReviewer,
    roles: new Map(user.memberships.map((m) => [m.teamId, m.role as TeamRole])),
  };
}

async function findValidToken(secret: string) {
  if (!secret.startsWith(TOKEN_PREFIX)) return null;
  const token = await db().apiToken.findUnique({ where: { hash: hashToken(secret) } });
  if (!token || token.revokedAt || token.expiresAt.getTime() <= Date.now()) return null;
  const owner = await db().user.findUnique({ where: { id: token.createdById }, include: { memberships: { where: { teamId: token.teamId } } } });
  if (!owner) return null;
  // A token never holds more than its creator holds today: demoted, its role drops; removed from the team, it stops.
  const role = owner.isAdmin ? (token.role as TeamRole) : lowerRole(token.role as TeamRole, owner.memberships[0]?.role as TeamRole | undefined);
  return role ? { token, owner, role } : null;
}

function lowerRole(a: TeamRole, b: TeamRole | undefined): TeamRole | undefined {
  if (!b) return undefined;
  return TEAM_ROLES.indexOf(a) <= TEAM_ROLES.indexOf(b) ? a : b;
}

/** A failed token attempt: counted against the client's IP and audited (with the visible prefix only, never the secret). */
async function tokenFailure(secret: string, ip: string | null): Promise<AppError> {
  await recordTokenFailure(ip);
  const prefix = secret.startsWith(TOKEN_PREFIX) ? secret.slice(0, TOKEN_PREFIX.length + 6) : null;
  await audit(db(), null, { action: "auth.token.failed", subjectType: "token", subjectId: prefix ?? "unknown", detail: { ip, prefix } });
  return new AppError("unauthenticated", "The API token is invalid, expired or revoked.");
}

async function tokenActor(secret: string, ip: string | null): Promise<Actor> {
  await assertTokenAttemptsLeft(ip);
  const found = await findValidToken(secret);
  if (!found) throw await tokenFailure(secret, ip);
  const { token, owner, role } = found;
  // lastUsedAt is informational; a failed write must not fail the request.
  await db().apiToken.update({ where: { id: token.id }, data: { lastUsedAt: new Date() } }).catch(() => undefined);
  return {
    kind: "token",
    userId: owner.id,
    label: `token:${token.name}`,
    isAdmin: false,
    // Only a token created with the grant, and only while its creator still holds it.
    platformReviewer: token.platformReviewer && owner.platformReviewer,
    roles: new Map([[token.teamId, role]]),
    tokenId: token.id,
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
  const session = await sessionResolver(request.headers);
  return session ? userActor(session.userId) : null;
}

export async function requireActor(request: Request): Promise<Actor> {
  const actor = await authenticate(request);
  if (!actor) throw new AppError("unauthenticated", "Sign in, or send an API token as `Authorization: Bearer <token>`.");
  return actor;
}
