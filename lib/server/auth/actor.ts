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

/** Reviewers are the data-platform experts: a reviewer role in any team lets one review every team's plans. */
export function isReviewer(actor: Actor): boolean {
  if (actor.isAdmin) return true;
  for (const r of actor.roles.values()) if (RANK[r] >= RANK.reviewer) return true;
  return false;
}
