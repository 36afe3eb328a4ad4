// Test people: users, teams, memberships and API tokens written straight into the test database, and the
// Authorization header that acts as them through the real authentication path.
import { randomUUID } from "node:crypto";
import { db } from "@/lib/server/db/client";
import { newTokenSecret } from "@/lib/server/auth/tokens";
import type { TeamRole } from "@/lib/server/auth/actor";

export async function makeTeam(slug = `team-${randomUUID().slice(0, 8)}`) {
  return db().team.create({ data: { slug, name: slug.replace(/-/g, " ") } });
}

export interface TestPerson {
  userId: string;
  email: string;
  /** Headers acting as this person: a token with their role in their team, or (signedInPerson) a session cookie. */
  headers: Record<string, string>;
  /** The token behind `headers` ("" for a signed-in person). */
  tokenId: string;
}

export interface PersonOptions {
  /** The person holds the platform-reviewer grant (reviews every team's requests). */
  platformReviewer?: boolean;
  /** Their token is created with the grant (it holds it only while the person does). */
  tokenPlatformReviewer?: boolean;
}

/** A user with `role` in `teamId` (or a portal admin with no team when role is "portal-admin"), and a token. */
export async function makePerson(teamId: string | null, role: TeamRole | "portal-admin", name: string = role, opts: PersonOptions = {}): Promise<TestPerson> {
  const id = randomUUID();
  const email = `${name}-${id.slice(0, 6)}@example.test`;
  await db().user.create({
    data: { id, name, email, emailVerified: true, isAdmin: role === "portal-admin", platformReviewer: opts.platformReviewer ?? false },
  });
  const tokenTeam = teamId ?? (await makeTeam()).id;
  if (teamId && role !== "portal-admin") await db().membership.create({ data: { userId: id, teamId, role } });
  const { secret, prefix, hash } = newTokenSecret();
  const token = await db().apiToken.create({
    data: {
      name: `${name}-test`,
      prefix,
      hash,
      teamId: tokenTeam,
      role: role === "portal-admin" || role === "admin" ? "reviewer" : role,
      platformReviewer: opts.tokenPlatformReviewer ?? false,
      createdById: id,
      expiresAt: new Date(Date.now() + 86_400_000),
    },
  });
  return { userId: id, email, headers: { authorization: `Bearer ${secret}` }, tokenId: token.id };
}

/** A JSON request to a handler, as a person. */
export function jsonRequest(method: string, path: string, person: TestPerson | null, body?: unknown, extra: Record<string, string> = {}): Request {
  return new Request(`http://localhost${path}`, {
    method,
    headers: { ...(person?.headers ?? {}), ...(body !== undefined ? { "content-type": "application/json" } : {}), ...extra },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
}

let defaultCaller: Promise<TestPerson> | undefined;

/**
 * A member of a team of their own, created once per test file (each file has its own database): the caller of API
 * tests that are about something other than authorization. Every /api/v1 route but the OpenAPI document needs one.
 */
export function caller(): Promise<TestPerson> {
  return (defaultCaller ??= makeTeam().then((team) => makePerson(team.id, "member", "caller")));
}

/** The default caller's Authorization header. */
export async function callerHeaders(): Promise<Record<string, string>> {
  return (await caller()).headers;
}

let signIns = 0;

/**
 * A person signed in through the real better-auth handler: `headers` carry the session cookie (no token), as a
 * browser would send it. Slower than makePerson (password hashing): use it where a session matters.
 */
export async function signedInPerson(
  teamId: string | null,
  role: TeamRole | "portal-admin",
  name: string = role,
  opts: Pick<PersonOptions, "platformReviewer"> = {},
): Promise<TestPerson> {
  const [{ createLocalAccount }, { POST }] = await Promise.all([import("@/lib/server/access/local-account"), import("@/app/api/auth/[...all]/route")]);
  const email = `${name}-${randomUUID().slice(0, 6)}@example.test`;
  const password = `pw-${randomUUID()}`;
  const user = await db().$transaction((tx) =>
    createLocalAccount(tx, { name, email, password, isAdmin: role === "portal-admin", platformReviewer: opts.platformReviewer ?? false }),
  );
  if (teamId && role !== "portal-admin") await db().membership.create({ data: { userId: user.id, teamId, role } });
  // A fresh client address per sign-in, so that sign-in rate limiting never trips a test that is not about it.
  signIns += 1;
  const ip = `10.${(signIns >> 16) & 255}.${(signIns >> 8) & 255}.${signIns & 255}`;
  const res = await POST(
    new Request("http://localhost:3000/api/auth/sign-in/email", {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": ip },
      body: JSON.stringify({ email, password }),
    }),
  );
  if (!res.ok) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  // A browser sends its page's origin with every write; jsonRequest's URLs are http://localhost/….
  return { userId: user.id, email, headers: { cookie, origin: "http://localhost" }, tokenId: "" };
}
