// The review queue: everything waiting for a reviewer's decision — submitted requests, day-2 changes and
// decommissions that need approval — longest waiting first.
import { z } from "zod";
import { actionsSchema } from "./actions";
import { PageQuerySchema, TeamRefSchema } from "./datastore";
import { FamilySchema } from "./plan";

export const REVIEW_KINDS = ["request", "change", "decommission"] as const;
export const ReviewKindSchema = z.enum(REVIEW_KINDS);
export type ReviewKind = z.infer<typeof ReviewKindSchema>;

export const ReviewItemSchema = z.strictObject({
  kind: ReviewKindSchema,
  /** The request's id (kind request), else the change's. */
  id: z.string(),
  /** The datastore a change or decommission is for; null for a request. */
  datastoreId: z.string().nullable(),
  /** The request's name, or the datastore's. */
  name: z.string(),
  team: TeamRefSchema,
  family: FamilySchema.nullable(),
  /** Who asked: a person's name, or the audit label of a token or the system. */
  requestedBy: z.string(),
  requestedById: z.string().nullable(),
  /** When it was submitted or asked for: the queue's order. */
  waitingSince: z.iso.datetime(),
  /** What approving it costs a year: the chosen plan, the re-planned shape, or 0 for a decommission. */
  annualCost: z.number().nonnegative().nullable(),
  /** A change's and a decommission's cost now; null for a request. */
  annualCostBefore: z.number().nonnegative().nullable(),
  /** Nodes after approval (null when not known). */
  nodes: z.number().int().nonnegative().nullable(),
  /** Why a reviewer must approve a change (cost grows, more nodes, a critical tier…); empty for a request. */
  approvalReasons: z.array(z.string()),
  /** decide: the caller may decide it (a reviewer, never on what they asked for themselves). */
  actions: actionsSchema(["decide"]),
});
export type ReviewItem = z.infer<typeof ReviewItemSchema>;

/** GET /api/v1/reviews query: a page (cursor and limit as every list of the API has them). */
export const ReviewQueueQuerySchema = PageQuerySchema;
export type ReviewQueueQuery = z.output<typeof ReviewQueueQuerySchema>;

export const ReviewQueueSchema = z.strictObject({
  items: z.array(ReviewItemSchema),
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: z.string().nullable(),
  /** The whole queue, not only this page: everything waiting, and what the caller may decide (the header's badge). */
  waiting: z.strictObject({ total: z.number().int().nonnegative(), forYou: z.number().int().nonnegative() }),
});
export type ReviewQueue = z.infer<typeof ReviewQueueSchema>;
