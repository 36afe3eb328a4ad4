// Browser sessions: installs the session lookup into authenticate(). lib/server/http/route.ts imports this module,
// so every API handler resolves session cookies without importing better-auth itself.
//
// better-auth's getSession verifies the cookie's signature, reads the session and its person, and slides the
// expiry forward once a day — several queries, and most of an authenticated request's time. The signature check
// never changes its answer for a given cookie, so a cookie better-auth accepted once is remembered with the session
// token it names; later requests read that session, the person and their memberships fresh in one query
// (credential-rows.ts). A session that has ended, expired, or is due for its daily refresh goes back through
// better-auth, which cleans it up or extends it. Signing out deletes the session row: the next request finds none.
import "server-only";
import type { Actor } from "./actor";
import { auth } from "./auth";
import { setSessionResolver } from "./authenticate";
import { findSessionRow, type SessionRow } from "./credential-rows";

/** Cookies remembered at most (the oldest is forgotten first); an entry is a cookie string and a session token. */
const REMEMBERED_COOKIES = 10_000;

const globalForSessions = globalThis as unknown as { portalVerifiedSessionCookies?: Map<string, string> };
const verified = (globalForSessions.portalVerifiedSessionCookies ??= new Map<string, string>());

function remember(cookie: string, token: string): void {
  verified.delete(cookie);
  if (verified.size >= REMEMBERED_COOKIES) {
    const oldest = verified.keys().next().value;
    if (oldest !== undefined) verified.delete(oldest);
  }
  verified.set(cookie, token);
}

/** The value of cookie `name` in a Cookie header, as sent. */
function cookieValue(header: string, name: string): string | undefined {
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

function actorOf(row: SessionRow): Actor {
  return { kind: "user", userId: row.userId, label: `user:${row.email}`, isAdmin: row.isAdmin, platformReviewer: row.platformReviewer, roles: row.roles };
}

/** Expired, or old enough that better-auth would extend it now (its `updateAge`). */
function needsBetterAuth(row: SessionRow, config: { expiresIn: number; updateAge: number }, now: number): boolean {
  const left = row.expiresAt.getTime() - now;
  return left <= 0 || left <= (config.expiresIn - config.updateAge) * 1000;
}

setSessionResolver(async (headers) => {
  const header = headers.get("cookie");
  // No session cookie at all: skip the lookup (and the secret file) for token-only and anonymous calls.
  if (!header?.includes("session_token")) return null;
  const context = await auth().$context;
  const cookie = cookieValue(header, context.authCookies.sessionToken.name);
  if (!cookie) return null;
  const token = verified.get(cookie);
  if (token !== undefined) {
    const row = await findSessionRow(token);
    if (row && !needsBetterAuth(row, context.sessionConfig, Date.now())) return actorOf(row);
    verified.delete(cookie);
  }
  const session = await auth().api.getSession({ headers });
  if (!session) return null;
  const row = await findSessionRow(session.session.token);
  if (!row) return null;
  remember(cookie, session.session.token);
  return actorOf(row);
});
