// Requests for a data store and their review: the bodies clients send and the DTOs the API returns.
// One schema for the handler, the form, the OpenAPI document and the browser's types.
import { z } from "zod";
import { actionsSchema } from "./actions";
import { PageQuerySchema, TeamRefSchema, ThresholdsUpdateSchema } from "./datastore";
import { FamilySchema, PlanResultSchema, RecommendationResultSchema, ThresholdSchema } from "./plan";
import { StoredWorkloadSchema, WorkloadSchema } from "./workload";

export const REQUEST_STATUSES = ["draft", "submitted", "approved", "changes-requested", "rejected", "cancelled"] as const;
export const RequestStatusSchema = z.enum(REQUEST_STATUSES);
export type RequestStatus = z.infer<typeof RequestStatusSchema>;

/** Statuses in which the requester may still edit (and submit) the workload. */
export const EDITABLE_STATUSES = ["draft", "changes-requested"] as const satisfies readonly RequestStatus[];
/** Statuses from which the requester may cancel: anything not yet finally decided. */
export const CANCELLABLE_STATUSES = ["draft", "submitted", "changes-requested"] as const satisfies readonly RequestStatus[];

export const DECISIONS = ["approved", "changes-requested", "rejected"] as const;
export const DecisionSchema = z.enum(DECISIONS);
export type Decision = z.infer<typeof DecisionSchema>;

/** An id as the database writes it (cuid); anything else cannot name a row and is refused early. */
export const IdSchema = z
  .string()
  .min(1, "must not be empty")
  .max(64, "must be at most 64 characters")
  .regex(/^[A-Za-z0-9_-]+$/, "must be an id");

/** A request's name: the datastore's name once approved (unique within the team). Same rules as a workload name. */
export const RequestNameSchema = WorkloadSchema.shape.name;

/** Free text people write (comments, review notes): trimmed, not empty, bounded. */
const TextSchema = (max: number) => z.string().trim().min(1, "must not be empty").max(max, `must be at most ${max} characters`);

// ── Bodies ───────────────────────────────────────────────────────────────────────────────────────
export const CreateRequestBodySchema = z.strictObject({
  teamId: IdSchema,
  /** Defaults to the workload's name. */
  name: RequestNameSchema.optional(),
  workload: WorkloadSchema,
  /** The family to plan; omitted means the recommended one. */
  family: FamilySchema.optional(),
});
export type CreateRequestBody = z.output<typeof CreateRequestBodySchema>;
export type CreateRequestBodyInput = z.input<typeof CreateRequestBodySchema>;

/** Edits to a draft (or a request sent back for changes). `family: null` goes back to the recommended family. */
export const UpdateRequestBodySchema = z
  .strictObject({
    name: RequestNameSchema.optional(),
    workload: WorkloadSchema.optional(),
    family: FamilySchema.nullable().optional(),
  })
  .refine((b) => b.name !== undefined || b.workload !== undefined || b.family !== undefined, { message: "must change at least one of name, workload, family" });
export type UpdateRequestBody = z.output<typeof UpdateRequestBodySchema>;
export type UpdateRequestBodyInput = z.input<typeof UpdateRequestBodySchema>;

export const ReviewDecisionBodySchema = z
  .strictObject({
    decision: DecisionSchema,
    /** Required when sending a request back or rejecting it: the requester needs to know why. */
    comment: TextSchema(10_000).optional(),
    /** Approve another of the ranked plans than the pinned one. */
    chosenRank: z.number().int().positive().max(100).optional(),
    /** Replace the chosen plan's thresholds (the same rules as editing a datastore's thresholds). */
    thresholds: ThresholdsUpdateSchema.shape.thresholds.optional(),
  })
  .superRefine((b, ctx) => {
    if (b.decision !== "approved" && b.comment === undefined)
      ctx.addIssue({ code: "custom", path: ["comment"], message: `is required to mark a request ${b.decision}` });
    for (const field of ["chosenRank", "thresholds"] as const) {
      if (b.decision !== "approved" && b[field] !== undefined) ctx.addIssue({ code: "custom", path: [field], message: "may only be set when approving" });
    }
    // Consistency across thresholds (warning before critical, one per metric and role): the catalog's own rules.
    if (b.thresholds)
      for (const issue of ThresholdsUpdateSchema.safeParse({ thresholds: b.thresholds }).error?.issues ?? [])
        ctx.addIssue({ code: "custom", path: issue.path, message: issue.message });
  });
export type ReviewDecisionBody = z.output<typeof ReviewDecisionBodySchema>;
export type ReviewDecisionBodyInput = z.input<typeof ReviewDecisionBodySchema>;

export const CommentBodySchema = z.strictObject({ body: TextSchema(10_000) });
export type CommentBody = z.output<typeof CommentBodySchema>;

/** GET /api/v1/requests query: filters and a page (cursor and limit as every list of the API has them). Newest first. */
export const RequestListQuerySchema = PageQuerySchema.extend({
  /** Requests in this status (the review queue, oldest waiting first, is GET /api/v1/reviews). */
  status: RequestStatusSchema.optional(),
  teamId: IdSchema.optional(),
  /** Only requests the caller created. */
  mine: z.enum(["true", "false"]).optional(),
});
export type RequestListQuery = z.output<typeof RequestListQuerySchema>;

// ── DTOs ─────────────────────────────────────────────────────────────────────────────────────────
export const UserRefSchema = z.strictObject({ id: z.string(), name: z.string(), email: z.string() });
export type UserRef = z.infer<typeof UserRefSchema>;

export const ReviewDecisionDtoSchema = z.strictObject({
  id: z.string(),
  decision: DecisionSchema,
  comment: z.string().nullable(),
  reviewer: UserRefSchema,
  createdAt: z.iso.datetime(),
});
export type ReviewDecisionDto = z.infer<typeof ReviewDecisionDtoSchema>;

export const CommentDtoSchema = z.strictObject({
  id: z.string(),
  body: z.string(),
  author: UserRefSchema,
  createdAt: z.iso.datetime(),
});
export type CommentDto = z.infer<typeof CommentDtoSchema>;

export const CommentListSchema = z.strictObject({ items: z.array(CommentDtoSchema) });

export const RequestDtoSchema = z.strictObject({
  id: z.string(),
  teamId: z.string(),
  team: TeamRefSchema,
  name: z.string(),
  status: RequestStatusSchema,
  /** As stored: rows saved before the workload ceilings read without them (submitting re-checks). */
  workload: StoredWorkloadSchema,
  family: FamilySchema.nullable(),
  /** Pinned at submission (recomputed on the server), null before. */
  recommendation: RecommendationResultSchema.nullable(),
  planResult: PlanResultSchema.nullable(),
  chosenRank: z.number().int().positive().nullable(),
  thresholds: z.array(ThresholdSchema).nullable(),
  createdById: z.string(),
  createdBy: UserRefSchema,
  /** Optimistic-concurrency version; the response's ETag header names it, and If-Match sends that header back. */
  version: z.number().int().positive(),
  /** The datastore an approval created. */
  datastoreId: z.string().nullable(),
  submittedAt: z.iso.datetime().nullable(),
  decidedAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type RequestDto = z.infer<typeof RequestDtoSchema>;

/**
 * What the caller may do with a request now, and why not: edit it (name, workload, family), submit it for review,
 * cancel it, decide on it (approve, send back, reject) and comment on it.
 */
export const RequestActionsSchema = actionsSchema(["edit", "submit", "cancel", "decide", "comment"]);
export type RequestActions = z.infer<typeof RequestActionsSchema>;

export const RequestDetailDtoSchema = RequestDtoSchema.extend({
  decisions: z.array(ReviewDecisionDtoSchema),
  comments: z.array(CommentDtoSchema),
  actions: RequestActionsSchema,
});
export type RequestDetailDto = z.infer<typeof RequestDetailDtoSchema>;

/** The chosen plan in a line: what a list shows of a pinned plan (the detail route has the whole plan). */
export const ChosenPlanSummarySchema = z.strictObject({
  rank: z.number().int().positive(),
  family: FamilySchema,
  annualCost: z.number().nonnegative(),
  monthlyCost: z.number().nonnegative(),
  /** Nodes of every cluster of the plan, in every region. */
  nodes: z.number().int().nonnegative(),
});
export type ChosenPlanSummary = z.infer<typeof ChosenPlanSummarySchema>;

/**
 * A request as lists show it: who, what, where it stands and what the caller may do — a few hundred bytes, however
 * large its pinned plan. GET /api/v1/requests/{id} returns the whole request.
 */
export const RequestSummarySchema = z.strictObject({
  id: z.string(),
  teamId: z.string(),
  team: TeamRefSchema,
  name: z.string(),
  status: RequestStatusSchema,
  /** The family asked for (null: the recommended one). */
  family: FamilySchema.nullable(),
  /** The chosen plan once submitted (pinned by the server), null for a draft. */
  chosen: ChosenPlanSummarySchema.nullable(),
  createdById: z.string(),
  createdBy: UserRefSchema,
  /** Optimistic-concurrency version (GET /api/v1/requests/{id} answers its ETag). */
  version: z.number().int().positive(),
  datastoreId: z.string().nullable(),
  submittedAt: z.iso.datetime().nullable(),
  decidedAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  /** What the caller may do now, and why not: the same as the request's detail says. */
  actions: RequestActionsSchema,
});
export type RequestSummary = z.infer<typeof RequestSummarySchema>;

export const RequestListSchema = z.strictObject({
  items: z.array(RequestSummarySchema),
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: z.string().nullable(),
});
export type RequestList = z.infer<typeof RequestListSchema>;

/**
 * Submitting and cancelling take no input: the server pins the plan itself. A body, if sent, must be empty, so a
 * client that sends its own plan (`planResult`, `recommendation`…) learns that it is refused, not silently used.
 */
export const EmptyBodySchema = z.strictObject({});
