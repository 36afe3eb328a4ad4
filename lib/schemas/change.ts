// Day-2 changes and decommissions of a provisioned datastore: what the owner asks for, what a reviewer decides.
import { z } from "zod";
import { actionsSchema } from "./actions";
import { TopologyClusterSchema } from "./datastore";
import { StoredWorkloadSchema, WorkloadSchema } from "./workload";

export const CHANGE_KINDS = ["update", "decommission"] as const;
export const ChangeKindSchema = z.enum(CHANGE_KINDS);
export type ChangeKind = z.infer<typeof ChangeKindSchema>;

/**
 * pending-approval → approved | rejected; approved → applied (its up or destroy succeeded) | failed; cancelled by the
 * owner before it applies. A change that needs no approval starts approved.
 */
export const CHANGE_STATUSES = ["pending-approval", "approved", "rejected", "applied", "cancelled", "failed"] as const;
export const ChangeStatusSchema = z.enum(CHANGE_STATUSES);
export type ChangeStatus = z.infer<typeof ChangeStatusSchema>;

/** The shape of a datastore before and after a change: what a reviewer compares. */
export const DatastoreShapeSchema = z.strictObject({
  regions: z.array(z.string()),
  topology: z.array(TopologyClusterSchema),
  annualCost: z.number().nonnegative(),
  monthlyCost: z.number().nonnegative(),
});
export type DatastoreShape = z.infer<typeof DatastoreShapeSchema>;

export const DatastoreChangeSchema = z.strictObject({
  id: z.string(),
  datastoreId: z.string(),
  kind: ChangeKindSchema,
  status: ChangeStatusSchema,
  requestedBy: z.string(),
  /** update: the new workload (re-planned on the server). */
  workload: StoredWorkloadSchema.nullable(),
  /** update: the workload the datastore ran with when the change was asked for (null for changes older than this field). */
  workloadBefore: StoredWorkloadSchema.nullable(),
  /** Why the owner asks for it, in their words; null when they gave no reason. */
  reason: z.string().nullable(),
  /** The datastore as it was when the change was asked for, and as the change would make it (update only). */
  before: DatastoreShapeSchema,
  after: DatastoreShapeSchema.nullable(),
  needsApproval: z.boolean(),
  /** Why a reviewer must approve: cost grows, nodes or regions are added, the tier is critical… */
  approvalReasons: z.array(z.string()),
  decidedBy: z.string().nullable(),
  decidedAt: z.iso.datetime().nullable(),
  decisionComment: z.string().nullable(),
  /** The preview queued for an update (the diff to confirm) and the up or destroy that applies the change. */
  previewId: z.string().nullable(),
  applyOperationId: z.string().nullable(),
  version: z.number().int().positive(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  /** What the caller may do now. */
  actions: actionsSchema(["decide", "cancel"]),
});
export type DatastoreChangeDto = z.infer<typeof DatastoreChangeSchema>;

export const DatastoreChangeListSchema = z.strictObject({ items: z.array(DatastoreChangeSchema) });
export type DatastoreChangeList = z.infer<typeof DatastoreChangeListSchema>;

const ReasonSchema = z.string().trim().min(1, "must not be empty").max(2000, "must be at most 2000 characters");

/** An EC2 instance type such as i4i.xlarge. */
const InstanceTypeSchema = z
  .string()
  .max(64, "must be at most 64 characters")
  .regex(/^[a-z][a-z0-9-]*\.[a-z0-9-]+$/, "must be an instance type such as i4i.xlarge");

/** POST /api/v1/datastores/{id}/changes body. */
export const CreateChangeBodySchema = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("update"),
    workload: WorkloadSchema,
    reason: ReasonSchema.optional(),
    /**
     * The primary role's instance type after the change. Left out, the datastore keeps the one it runs (resized for
     * the new workload); another one — e.g. one of the planner's alternatives — moves it to that shape.
     */
    instanceType: InstanceTypeSchema.optional(),
  }),
  z.strictObject({
    kind: z.literal("decommission"),
    /** The datastore's name, typed: a decommission destroys every cloud resource of it. */
    confirmName: z.string().max(200, "must be at most 200 characters"),
    reason: ReasonSchema.optional(),
  }),
]);
export type CreateChangeBody = z.infer<typeof CreateChangeBodySchema>;

/** POST /api/v1/datastores/{id}/changes/{changeId}/decisions body. */
export const ChangeDecisionBodySchema = z
  .strictObject({ decision: z.enum(["approved", "rejected"]), comment: ReasonSchema.optional() })
  .refine((b) => b.decision === "approved" || b.comment !== undefined, { path: ["comment"], message: "is required when rejecting" });
export type ChangeDecisionBody = z.infer<typeof ChangeDecisionBodySchema>;
