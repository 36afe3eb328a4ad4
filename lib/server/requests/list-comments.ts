// A request's comment thread, oldest first: anyone who may see the request.
import "server-only";
import type { CommentDto } from "@/lib/schemas";
import type { Actor } from "../auth/actor";
import { db } from "../db/client";
import { findVisibleRequest, toCommentDto, usersById } from "./request-store";

export async function listComments(opts: { actor: Actor; id: string }): Promise<{ items: CommentDto[] }> {
  await findVisibleRequest(db(), opts.actor, opts.id);
  const comments = await db().comment.findMany({ where: { requestId: opts.id }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  const users = await usersById(
    db(),
    comments.map((c) => c.authorId),
  );
  return { items: comments.map((c) => toCommentDto(c, users)) };
}
