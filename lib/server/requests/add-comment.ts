// Adds a comment to a request's thread: anyone who may see the request (its team, reviewers, admins).
import "server-only";
import type { CommentBody, CommentDto } from "@/lib/schemas";
import type { Actor } from "../auth/actor";
import { audit } from "../audit";
import { requireAllowed } from "../auth/verdict";
import type { Tx } from "../db/client";
import { commentVerdict } from "./request-actions";
import { findVisibleRequest, inTransaction, toCommentDto, usersById } from "./request-store";

export async function addComment(opts: { actor: Actor; id: string; input: CommentBody; tx?: Tx }): Promise<CommentDto> {
  const { actor, id, input } = opts;
  return inTransaction(opts.tx, async (tx) => {
    const request = await findVisibleRequest(tx, actor, id);
    requireAllowed(commentVerdict());
    const comment = await tx.comment.create({ data: { requestId: id, authorId: actor.userId, body: input.body } });
    await audit(tx, actor, { action: "request.commented", subjectType: "request", subjectId: id, teamId: request.teamId, detail: { commentId: comment.id } });
    return toCommentDto(comment, await usersById(tx, [actor.userId]));
  });
}
