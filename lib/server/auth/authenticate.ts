// Resolves who is asking: `Authorization: Bearer <token>` for automation, else the browser session cookie.
import "server-only";
import { AppError } from "@/lib/errors";
import { db } from "../db/client";
import type { Actor, TeamRole } from "./actor";
import { hashToken, TOKEN_PREFIX } from "./tokens";

/** Session lookup, installed by the session module (better-auth) so that this file does not depend on it. */
export type SessionResolver = (headers: Headers) => Promise<{ userId: string } | null>;
let sessionResolver: SessionResolver | null = null;
export function setSessionResolver(resolver: SessionResolver): void {
  sessionResolver = resolver;
}

async function userActor(userId: string, kind: "user", extra: Partial<Actor> = {}): Promise<Actor | null> {
  const user = await db().user.findUnique({ where: { id: userId }, include: { memberships: true } });
  if (!user) return null;
  return {
    kind,
    userId: user.id,
    label: `user:${user.email}`,
    isAdmin: user.isAdmin,
    roles: new Map(user.memberships.map((m) => [m.teamId, m.role as TeamRole])),
    ...extra,
  };
}

async function tokenActor(secret: string): Promise<Actor> {
  const invalid = new AppError("unauthenticated", "The API token is invalid, expired or revoked.");
  if (!secret.startsWith(TOKEN_PREFIX)) throw invalid;
  const token = await db().apiToken.findUnique({ where: { hash: hashToken(secret) } });
  if (!token || token.revokedAt || token.expiresAt.getTime() <= Date.now()) throw invalid;
  const owner = await db().user.findUnique({ where: { id: token.createdById } });
  if (!owner) throw invalid;
  // lastUsedAt is informational; a failed write must not fail the request.
  await db().apiToken.update({ where: { id: token.id }, data: { lastUsedAt: new Date() } }).catch(() => undefined);
  return {
    kind: "token",
    userId: owner.id,
    label: `token:${token.name}`,
    isAdmin: false,
    roles: new Map([[token.teamId, token.role as TeamRole]]),
    tokenId: token.id,
  };
}

/** The actor behind a request, or null when it carries no credentials at all. Bad credentials throw 401. */
export async function authenticate(request: Request): Promise<Actor | null> {
  const header = request.headers.get("authorization");
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
    if (!match?.[1]) throw new AppError("unauthenticated", "Authorization must be `Bearer <token>`.");
    return tokenActor(match[1]);
  }
  if (!sessionResolver) return null;
  const session = await sessionResolver(request.headers);
  return session ? userActor(session.userId, "user") : null;
}

export async function requireActor(request: Request): Promise<Actor> {
  const actor = await authenticate(request);
  if (!actor) throw new AppError("unauthenticated", "Sign in, or send an API token as `Authorization: Bearer <token>`.");
  return actor;
}
