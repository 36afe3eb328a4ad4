// Shared reads of the requests use-cases: the visible request (404 otherwise), its DTO, and the transaction seam.
// Request rows → the API's allow-list: JSON columns are re-read through the shared schemas.
import "server-only";
import { AppError } from "@/lib/errors";
import {
  PlanResultSchema,
  RecommendationResultSchema,
  RequestDetailDtoSchema,
  RequestDtoSchema,
  ThresholdSchema,
  StoredWorkloadSchema,
  type RequestDetailDto,
  type RequestDto,
  type UserRef,
} from "@/lib/schemas";
import { z } from "zod";
import type { Actor } from "../auth/actor";
import { canViewTeam } from "../auth/policy";
import { db, type Db, type Tx } from "../db/client";
import { requestActions } from "./request-actions";

/** Runs `fn` in the caller's transaction when there is one (an idempotent create), else in a new one. */
export function inTransaction<T>(tx: Tx | undefined, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return tx ? fn(tx) : db().$transaction((t) => fn(t));
}

export const REQUEST_INCLUDE = {
  team: { select: { id: true, slug: true, name: true } },
  datastore: { select: { id: true } },
} as const satisfies NonNullable<Parameters<Db["request"]["findMany"]>[0]>["include"];

type RequestRow = Awaited<ReturnType<Db["request"]["findFirstOrThrow"]>>;
export type RequestWithRelations = RequestRow & { team: { id: string; slug: string; name: string }; datastore: { id: string } | null };

export async function findRequest(tx: Tx, id: string): Promise<RequestWithRelations | null> {
  return tx.request.findUnique({ where: { id }, include: REQUEST_INCLUDE });
}

/** The request, if the actor may see it; otherwise a 404 that does not say whether it exists. */
export async function findVisibleRequest(tx: Tx, actor: Actor, id: string): Promise<RequestWithRelations> {
  const row = await findRequest(tx, id);
  if (!row || !canViewTeam(actor, row.teamId)) throw new AppError("not_found", `There is no request ${id} that you can see.`);
  return row;
}

/** People by id, for the names shown beside requests, decisions and comments. */
export async function usersById(tx: Tx, ids: Iterable<string>): Promise<Map<string, UserRef>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const users = await tx.user.findMany({ where: { id: { in: unique } }, select: { id: true, name: true, email: true } });
  return new Map(users.map((u) => [u.id, u]));
}

export function userRef(users: Map<string, UserRef>, id: string): UserRef {
  // Users are deleted with their memberships, but their requests and comments stay: show who they were by id.
  return users.get(id) ?? { id, name: "(deleted user)", email: "" };
}

const iso = (d: Date | null) => (d === null ? null : d.toISOString());

export function toRequestDto(row: RequestWithRelations, users: Map<string, UserRef>): RequestDto {
  return RequestDtoSchema.parse({
    id: row.id,
    teamId: row.teamId,
    team: row.team,
    name: row.name,
    status: row.status,
    workload: StoredWorkloadSchema.parse(row.workload),
    family: row.family,
    recommendation: row.recommendation === null ? null : RecommendationResultSchema.parse(row.recommendation),
    planResult: row.planResult === null ? null : PlanResultSchema.parse(row.planResult),
    chosenRank: row.chosenRank,
    thresholds: row.thresholds === null ? null : z.array(ThresholdSchema).parse(row.thresholds),
    createdById: row.createdById,
    createdBy: userRef(users, row.createdById),
    version: row.version,
    datastoreId: row.datastore?.id ?? null,
    submittedAt: iso(row.submittedAt),
    decidedAt: iso(row.decidedAt),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  });
}

/** One request with its decisions and comments, oldest first, read again by id (after a write), as the actor sees it. */
export async function requestDetail(tx: Tx, actor: Actor, id: string): Promise<RequestDetailDto> {
  const row = await findRequest(tx, id);
  if (!row) throw new AppError("not_found", `There is no request ${id} that you can see.`);
  return toRequestDetail(tx, actor, row);
}

/** The detail of a request row already read: its decisions and comments, oldest first, and what the actor may do. */
export async function toRequestDetail(tx: Tx, actor: Actor, row: RequestWithRelations): Promise<RequestDetailDto> {
  const id = row.id;
  // One after the other: queries inside an interactive transaction share one connection.
  const decisions = await tx.reviewDecision.findMany({ where: { requestId: id }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  const comments = await tx.comment.findMany({ where: { requestId: id }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  const users = await usersById(tx, [row.createdById, ...decisions.map((d) => d.reviewerId), ...comments.map((c) => c.authorId)]);
  return RequestDetailDtoSchema.parse({
    ...toRequestDto(row, users),
    decisions: decisions.map((d) => ({
      id: d.id,
      decision: d.decision,
      comment: d.comment,
      reviewer: userRef(users, d.reviewerId),
      createdAt: d.createdAt.toISOString(),
    })),
    comments: comments.map((c) => toCommentDto(c, users)),
    actions: requestActions(actor, row),
  });
}

export function toCommentDto(c: { id: string; body: string; authorId: string; createdAt: Date }, users: Map<string, UserRef>) {
  return { id: c.id, body: c.body, author: userRef(users, c.authorId), createdAt: c.createdAt.toISOString() };
}
