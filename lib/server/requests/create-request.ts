// Creates a draft request for a data store: the team's members (any role) and admins, for that team only.
import "server-only";
import { AppError } from "@/lib/errors";
import type { CreateRequestBody, RequestDetailDto } from "@/lib/schemas";
import type { Actor } from "../auth/actor";
import { canRequestFor } from "../auth/policy";
import { audit } from "../audit";
import type { Tx } from "../db/client";
import { inTransaction, REQUEST_INCLUDE, toRequestDetail } from "./request-store";

export async function createRequest(opts: { actor: Actor; input: CreateRequestBody; tx?: Tx }): Promise<RequestDetailDto> {
  const { actor, input } = opts;
  if (!canRequestFor(actor, input.teamId)) throw new AppError("forbidden", "You can only request data stores for a team you belong to.");
  return inTransaction(opts.tx, async (tx) => {
    const team = await tx.team.findUnique({ where: { id: input.teamId }, select: { id: true } });
    if (!team) throw new AppError("invalid_input", `There is no team ${input.teamId}.`, { fieldErrors: [{ field: "teamId", message: "is not a team" }] });
    const row = await tx.request.create({
      data: {
        teamId: team.id,
        createdById: actor.userId,
        name: input.name ?? input.workload.name,
        status: "draft",
        workload: input.workload,
        family: input.family ?? null,
      },
      include: REQUEST_INCLUDE,
    });
    await audit(tx, actor, {
      action: "request.created",
      subjectType: "request",
      subjectId: row.id,
      teamId: row.teamId,
      detail: { name: row.name, family: row.family },
    });
    return toRequestDetail(tx, actor, row);
  });
}
