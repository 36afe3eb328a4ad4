// Adds a person to a team or changes their role there (portal admins only). One use-case for both: the outcome
// is "this person has this role in this team", and the audit event says which it was.
import "server-only";
import { AppError } from "@/lib/errors";
import type { Team, TeamRole } from "@/lib/schemas/access";
import type { Actor } from "../auth/actor";
import { canAdminister } from "../auth/policy";
import { audit } from "../audit";
import { db } from "../db/client";
import { TEAM_INCLUDE, toTeamDto } from "./access-dto";

export async function setMembership(opts: { actor: Actor; teamId: string; userId: string; role: TeamRole; mustExist?: boolean }): Promise<Team> {
  const { actor, teamId, userId, role } = opts;
  if (!canAdminister(actor)) throw new AppError("forbidden", "Only portal administrators manage team memberships.");
  return db().$transaction(async (tx) => {
    const team = await tx.team.findUnique({ where: { id: teamId }, select: { id: true } });
    if (!team) throw new AppError("not_found", `No team with id "${teamId}".`);
    const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true } });
    if (!user) throw new AppError("not_found", `No user with id "${userId}".`, { fieldErrors: [{ field: "userId", message: "is not a user" }] });
    const existing = await tx.membership.findUnique({ where: { userId_teamId: { userId, teamId } } });
    if (opts.mustExist && !existing) throw new AppError("not_found", "That person is not a member of this team.");
    if (!existing) {
      await tx.membership.create({ data: { userId, teamId, role } });
      await audit(tx, actor, { action: "membership.added", subjectType: "team", subjectId: teamId, teamId, detail: { userId, role } });
    } else if (existing.role !== role) {
      await tx.membership.update({ where: { id: existing.id }, data: { role } });
      await audit(tx, actor, {
        action: "membership.role-changed",
        subjectType: "team",
        subjectId: teamId,
        teamId,
        detail: { userId, from: existing.role, to: role },
      });
    }
    const updated = await tx.team.findUniqueOrThrow({ where: { id: teamId }, include: TEAM_INCLUDE });
    return toTeamDto(updated, actor);
  });
}
