// Who is asking: a signed-in person (browser session) or an API token acting for the person who created it.
import "server-only";
import type { TeamRole } from "@/lib/schemas/access";

export { TEAM_ROLES, type TeamRole } from "@/lib/schemas/access";

export interface Actor {
  kind: "user" | "token";
  /** The person: the signed-in user, or the token's creator (tokens act for them, within the token's scope). */
  userId: string;
  /** For the audit log: "user:ana@example.com" or "token:ci-pipeline". */
  label: string;
  /** Portal administrator. Tokens never are. */
  isAdmin: boolean;
  /**
   * Platform reviewer: reviews (and so sees) every team's requests, changes and datastores — the data-platform
   * experts. An explicit grant, never a side effect of a team role; a token holds it only when created with it and
   * only while its creator still does.
   */
  platformReviewer: boolean;
  /** Role per team id. A token has exactly one entry: its team and role. */
  roles: ReadonlyMap<string, TeamRole>;
  tokenId?: string;
}

const RANK: Record<TeamRole, number> = { member: 1, reviewer: 2, admin: 3 };

/** True when the actor holds at least `role` in the team (admin ⊃ reviewer ⊃ member), or is a portal admin. */
export function hasTeamRole(actor: Actor, teamId: string, role: TeamRole): boolean {
  if (actor.isAdmin) return true;
  const r = actor.roles.get(teamId);
  return r !== undefined && RANK[r] >= RANK[role];
}

/** Sees and reviews every team's work: portal admins (people only) and platform reviewers. */
export function reviewsEveryTeam(actor: Actor): boolean {
  return actor.isAdmin || actor.platformReviewer;
}

/** Reviews some team's requests: every team's (see reviewsEveryTeam), or those of a team where they are a reviewer or team admin. */
export function reviewsAnyTeam(actor: Actor): boolean {
  if (reviewsEveryTeam(actor)) return true;
  for (const r of actor.roles.values()) if (RANK[r] >= RANK.reviewer) return true;
  return false;
}
