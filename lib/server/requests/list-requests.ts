// Lists requests, newest first, a page at a time, as summaries: the caller's own teams', or every team's for platform
// reviewers and admins. Each filter has an index in this order (prisma/models.prisma), so a page reads its rows and stops.
import "server-only";
import { AppError } from "@/lib/errors";
import type { RequestList, RequestListQuery } from "@/lib/schemas";
import { reviewsEveryTeam, type Actor } from "../auth/actor";
import { canViewTeam } from "../auth/policy";
import { db } from "../db/client";
import { afterKey, decodeCursor, pageOf } from "../datastores/page-cursor";
import { usersById } from "./request-store";
import { REQUEST_SUMMARY_SELECT, toRequestSummary } from "./request-summary";

export async function listRequests(opts: { actor: Actor; query: RequestListQuery }): Promise<RequestList> {
  const { actor, query } = opts;
  if (query.teamId !== undefined && !canViewTeam(actor, query.teamId))
    throw new AppError("forbidden", "You can only list the requests of a team you belong to.");
  const teams = query.teamId !== undefined ? { teamId: query.teamId } : reviewsEveryTeam(actor) ? {} : { teamId: { in: [...actor.roles.keys()] } };
  const where = {
    ...teams,
    ...(query.status !== undefined ? { status: query.status } : {}),
    ...(query.mine === "true" ? { createdById: actor.userId } : {}),
    ...(query.cursor !== undefined ? afterKey("createdAt", decodeCursor(query.cursor)) : {}),
  };
  const rows = await db().request.findMany({ where, select: REQUEST_SUMMARY_SELECT, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: query.limit + 1 });
  const { page, nextCursor } = pageOf(rows, query.limit, (r) => ({ at: r.createdAt, id: r.id }));
  const users = await usersById(
    db(),
    page.map((r) => r.createdById),
  );
  return { items: page.map((r) => toRequestSummary(actor, r, users)), nextCursor };
}
