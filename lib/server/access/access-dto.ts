// Rows to DTOs for people and teams: allow-lists, so a new column never reaches the wire by accident.
import "server-only";
import type { AdminUser, Team, TeamRole } from "@/lib/schemas/access";
import { hasTeamRole, type Actor } from "../auth/actor";
import { ALLOWED, forbidden, toAction, type Verdict } from "../auth/verdict";

interface UserRow {
  id: string;
  name: string;
  email: string;
  isAdmin: boolean;
  platformReviewer: boolean;
  createdAt: Date;
  memberships: { teamId: string; role: string; team: { slug: string } }[];
}

export function toAdminUserDto(u: UserRow): AdminUser {
  return {
    id: u.id,
    name: u.name,
    email: u.email,
    isAdmin: u.isAdmin,
    platformReviewer: u.platformReviewer,
    createdAt: u.createdAt.toISOString(),
    memberships: u.memberships.map((m) => ({ teamId: m.teamId, teamSlug: m.team.slug, role: m.role as TeamRole })),
  };
}

export const ADMIN_USER_INCLUDE = { memberships: { include: { team: { select: { slug: true } } }, orderBy: { createdAt: "asc" } } } as const;

interface TeamRow {
  id: string;
  slug: string;
  name: string;
  createdAt: Date;
  autoMaintenance: boolean;
  warningTopicArn: string | null;
  upgradeEarly: boolean;
  memberships: { userId: string; role: string; user: { id: string; name: string; email: string } }[];
}

/** Who changes a team's maintenance policy, warning channel and upgrade opt-in: its admins and portal administrators. */
export function changeTeamPolicyVerdict(actor: Actor, teamId: string): Verdict {
  return hasTeamRole(actor, teamId, "admin")
    ? ALLOWED
    : forbidden("Only the team's admins and portal administrators change its maintenance policy, warning channel and upgrade opt-in.");
}

export function toTeamDto(t: TeamRow, actor: Actor): Team {
  const callerRole = actor.roles.get(t.id) ?? null;
  return {
    id: t.id,
    slug: t.slug,
    name: t.name,
    createdAt: t.createdAt.toISOString(),
    role: callerRole,
    members: t.memberships.map((m) => ({ userId: m.userId, role: m.role as TeamRole, user: { id: m.user.id, name: m.user.name, email: m.user.email } })),
    autoMaintenance: t.autoMaintenance,
    warningTopicArn: t.warningTopicArn,
    upgradeEarly: t.upgradeEarly,
    actions: { changePolicy: toAction(changeTeamPolicyVerdict(actor, t.id)) },
  };
}

export const TEAM_INCLUDE = { memberships: { include: { user: { select: { id: true, name: true, email: true } } }, orderBy: { createdAt: "asc" } } } as const;
