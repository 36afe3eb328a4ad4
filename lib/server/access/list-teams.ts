// The teams the caller can see, with their own role in each: members see their teams; reviewers (who review every
// team's plans) and portal admins see all of them.
import "server-only";
import type { Team } from "@/lib/schemas/access";
import type { Actor } from "../auth/actor";
import { canViewTeam } from "../auth/policy";
import { db } from "../db/client";
import { TEAM_INCLUDE, toTeamDto } from "./access-dto";

export async function listTeams(opts: { actor: Actor }): Promise<{ items: Team[]; nextCursor: null }> {
  const { actor } = opts;
  const rows = await db().team.findMany({ include: TEAM_INCLUDE, orderBy: { slug: "asc" } });
  const items = rows.filter((t) => canViewTeam(actor, t.id)).map((t) => toTeamDto(t, actor));
  // Teams are few (tens): one page; nextCursor keeps the list shape of every other collection.
  return { items, nextCursor: null };
}
