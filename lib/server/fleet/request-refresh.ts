// A refresh asked for (the API, the fleet page's button, a datastore's nodes tab): one datastore's by anyone who may
// see it, the whole fleet's by reviewers and administrators. Queued for the worker (coalesced with one already
// waiting); the answer is the job, whose status the page polls.
import "server-only";
import { AppError } from "@/lib/errors";
import type { FleetRefreshBody, FleetRefreshJobDto } from "@/lib/schemas/fleet";
import { reviewsEveryTeam, type Actor } from "../auth/actor";
import { db } from "../db/client";
import { toRefreshJobDto } from "./fleet-dto";
import { queueRefreshJob } from "./queue-refresh-job";

export async function requestRefresh({ actor, body }: { actor: Actor; body: FleetRefreshBody }): Promise<FleetRefreshJobDto> {
  if (body.datastoreId === undefined) {
    if (!reviewsEveryTeam(actor))
      throw new AppError("forbidden", "Only platform reviewers and administrators refresh the whole fleet; name a datastore of your team (datastoreId).");
  } else {
    const ds = await db().datastore.findUnique({ where: { id: body.datastoreId }, select: { teamId: true } });
    if (!ds || !(reviewsEveryTeam(actor) || actor.roles.has(ds.teamId))) throw new AppError("not_found", `There is no datastore ${body.datastoreId}.`);
  }
  const job = await db().$transaction((tx) => queueRefreshJob(tx, { trigger: "on-demand", requestedBy: actor.label, datastoreId: body.datastoreId ?? null }));
  return toRefreshJobDto(job);
}
