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
  /** Headers acting as this person (a token with their role in their team). */
  headers: Record<string, string>;
  tokenId: string;
}

/** A user with `role` in `teamId` (or a portal admin with no team when role is "portal-admin"), and a token. */
export async function makePerson(teamId: string | null, role: TeamRole | "portal-admin", name = role): Promise<TestPerson> {
  const id = randomUUID();
  const email = `${name}-${id.slice(0, 6)}@example.test`;
  await db().user.create({ data: { id, name, email, emailVerified: true, isAdmin: role === "portal-admin" } });
  const tokenTeam = teamId ?? (await makeTeam()).id;
  if (teamId && role !== "portal-admin") await db().membership.create({ data: { userId: id, teamId, role } });
  const { secret, prefix, hash } = newTokenSecret();
  const token = await db().apiToken.create({
    data: { name: `${name}-test`, prefix, hash, teamId: tokenTeam, role: role === "portal-admin" || role === "admin" ? "reviewer" : role, createdById: id, expiresAt: new Date(Date.now() + 86_400_000) },
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
