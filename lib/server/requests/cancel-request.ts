// Cancels a request that is not yet finally decided: the requesting team only. Approved and rejected are final.
import "server-only";
import { AppError } from "@/lib/errors";
import { CANCELLABLE_STATUSES, type RequestDetailDto } from "@/lib/schemas";
import type { Actor } from "../auth/actor";
import { requireAllowed, requireNotForbidden } from "../auth/verdict";
import { audit } from "../audit";
import { checkIfMatch, type IfMatch } from "../http/etag";
import { cancelVerdict } from "./request-actions";
import { findVisibleRequest, inTransaction, requestDetail } from "./request-store";

export async function cancelRequest(opts: { actor: Actor; id: string; ifMatch?: IfMatch }): Promise<RequestDetailDto> {
  const { actor, id } = opts;
  return inTransaction(undefined, async (tx) => {
    const row = await findVisibleRequest(tx, actor, id);
    const verdict = cancelVerdict(actor, row);
    requireNotForbidden(verdict);
    checkIfMatch(opts.ifMatch, row.version, "request");
    requireAllowed(verdict);
    // Conditional on what was read: a reviewer deciding at the same moment wins or loses cleanly, never both.
    const { count } = await tx.request.updateMany({
      where: { id, version: row.version, status: { in: [...CANCELLABLE_STATUSES] } },
      data: { status: "cancelled", version: { increment: 1 } },
    });
    if (count === 0) throw new AppError("conflict", "The request changed while it was being cancelled; read it again.");
    await audit(tx, actor, { action: "request.cancelled", subjectType: "request", subjectId: id, teamId: row.teamId, detail: { from: row.status } });
    return requestDetail(tx, actor, id);
  });
}
