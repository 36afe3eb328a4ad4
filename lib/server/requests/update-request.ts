// Edits a draft, or a request sent back for changes: the requesting team only, and only at the version the editor
// last read (If-Match), so that two editors cannot overwrite each other.
import "server-only";
import { AppError } from "@/lib/errors";
import { EDITABLE_STATUSES, type RequestDetailDto, type UpdateRequestBody } from "@/lib/schemas";
import type { Actor } from "../auth/actor";
import { requireAllowed, requireNotForbidden } from "../auth/verdict";
import { audit } from "../audit";
import { checkIfMatch, type IfMatch } from "../http/etag";
import { jsonDbNull } from "../db/client";
import { editVerdict } from "./request-actions";
import { findVisibleRequest, inTransaction, requestDetail } from "./request-store";

export async function updateRequest(opts: { actor: Actor; id: string; input: UpdateRequestBody; ifMatch: IfMatch }): Promise<RequestDetailDto> {
  const { actor, id, input } = opts;
  return inTransaction(undefined, async (tx) => {
    const row = await findVisibleRequest(tx, actor, id);
    const verdict = editVerdict(actor, row);
    requireNotForbidden(verdict);
    checkIfMatch(opts.ifMatch, row.version, "request");
    requireAllowed(verdict);
    const workloadChanged = input.workload !== undefined || input.family !== undefined;
    const { count } = await tx.request.updateMany({
      where: { id, version: row.version, status: { in: [...EDITABLE_STATUSES] } },
      data: {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.workload !== undefined ? { workload: input.workload } : {}),
        ...(input.family !== undefined ? { family: input.family } : {}),
        // A plan pinned by an earlier submission no longer describes the edited workload; submitting pins a new one.
        ...(workloadChanged
          ? { recommendation: jsonDbNull(), planResult: jsonDbNull(), chosenRank: null, chosenPlan: jsonDbNull(), thresholds: jsonDbNull() }
          : {}),
        version: { increment: 1 },
      },
    });
    if (count === 0) throw new AppError("precondition_failed", "The request changed while you were editing it; read it again and reapply your change.");
    await audit(tx, actor, {
      action: "request.updated",
      subjectType: "request",
      subjectId: id,
      teamId: row.teamId,
      detail: { fields: Object.keys(input).filter((k) => input[k as keyof UpdateRequestBody] !== undefined) },
    });
    return requestDetail(tx, actor, id);
  });
}
