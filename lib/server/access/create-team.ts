// A new team (portal admins only); its slug is unique.
import "server-only";
import { AppError } from "@/lib/errors";
import type { CreateTeamBody, Team } from "@/lib/schemas/access";
import type { Actor } from "../auth/actor";
import { canAdminister } from "../auth/policy";
import { audit } from "../audit";
import { db } from "../db/client";
import { isUniqueViolation } from "../db/unique-violation";
import { TEAM_INCLUDE, toTeamDto } from "./access-dto";

export async function createTeam(opts: { actor: Actor; body: CreateTeamBody }): Promise<Team> {
  const { actor, body } = opts;
  if (!canAdminister(actor)) throw new AppError("forbidden", "Only portal administrators create teams.");
  try {
    return await db().$transaction(async (tx) => {
      const team = await tx.team.create({ data: { slug: body.slug, name: body.name }, include: TEAM_INCLUDE });
      await audit(tx, actor, {
        action: "team.created",
        subjectType: "team",
        subjectId: team.id,
        teamId: team.id,
        detail: { slug: team.slug, name: team.name },
      });
      return toTeamDto(team, actor);
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError("conflict", `A team with the slug "${body.slug}" already exists.`, { fieldErrors: [{ field: "slug", message: "is taken" }] });
    throw error;
  }
}
