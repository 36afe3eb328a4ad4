// Provisioning operations: what the queue holds, what the engine streams, and what the API returns. One contract
// for the worker, both engines, the SSE stream, the polling fallback and the UI's progress bar.
import { z } from "zod";
import { actionsSchema } from "./actions";

/**
 * What Pulumi does to a stack: preview (no changes), up, refresh (a drift check: preview-only), destroy; and
 * replace-nodes, which never touches the stack: a rolling replacement of instances through the cloud's API (the
 * groups launch replacements with the same launch template), run by the worker like every operation.
 */
export const OPERATION_KINDS = ["preview", "up", "refresh", "destroy", "replace-nodes", "benchmark"] as const;
/** The kinds the provisioning engine (Pulumi) runs; benchmark (a bench_runs row: load against a cluster) never does. */
export type EngineOperationKind = Exclude<OperationKind, "replace-nodes" | "benchmark">;
export const OperationKindSchema = z.enum(OPERATION_KINDS);
export type OperationKind = z.infer<typeof OperationKindSchema>;

/**
 * Why an operation was queued: the first provisioning, a day-2 change, a drift check, a decommission, or cleaning
 * up the partial resources of a failed provisioning, or maintenance (replacing nodes before the cloud retires them).
 * The worker's effect on the datastore's status follows it.
 */
export const OPERATION_PURPOSES = ["provision", "change", "drift", "decommission", "cleanup", "maintenance", "benchmark"] as const;
export const OperationPurposeSchema = z.enum(OPERATION_PURPOSES);
export type OperationPurpose = z.infer<typeof OperationPurposeSchema>;

/**
 * queued → running → succeeded | failed | cancelled. `interrupted`: the worker running it stopped (crash, restart)
 * and its lease expired; the stack lock was cleared and the operation can be retried.
 */
export const OPERATION_STATUSES = ["queued", "running", "succeeded", "failed", "cancelled", "interrupted"] as const;
export const OperationStatusSchema = z.enum(OPERATION_STATUSES);
export type OperationStatus = z.infer<typeof OperationStatusSchema>;
export const TERMINAL_OPERATION_STATUSES = ["succeeded", "failed", "cancelled", "interrupted"] as const satisfies readonly OperationStatus[];
export function isTerminal(status: OperationStatus): boolean {
  return (TERMINAL_OPERATION_STATUSES as readonly OperationStatus[]).includes(status);
}

/** What a step does to one resource (Pulumi's OpType, kebab-cased; create-replacement etc. folded into replace). */
export const RESOURCE_OPS = ["create", "update", "delete", "replace", "same", "read", "refresh", "import", "discard"] as const;
export const ResourceOpSchema = z.enum(RESOURCE_OPS);
export type ResourceOp = z.infer<typeof ResourceOpSchema>;

/** Counts of resource steps by op: the operation's summary ({ create: 12, same: 3 }). */
export const ChangeSummarySchema = z.partialRecord(ResourceOpSchema, z.number().int().nonnegative());
export type ChangeSummary = z.infer<typeof ChangeSummarySchema>;

/** One input property of a resource, before → after. */
export const PropertyChangeSchema = z.strictObject({
  name: z.string(),
  before: z.unknown().optional(),
  after: z.unknown().optional(),
});
export type PropertyChange = z.infer<typeof PropertyChangeSchema>;

/**
 * One resource of the structured diff. Region, role and zone come from the resource's tags or name where it has
 * them (a security group has no zone; a provider has none of them), so the UI can group by region and zone.
 */
export const ResourceChangeSchema = z.strictObject({
  urn: z.string(),
  /** Pulumi type token, e.g. aws:autoscaling/group:Group. */
  type: z.string(),
  /** The resource's logical name, e.g. viewing-history-us-east-1-cassandra-us-east-1a. */
  name: z.string(),
  op: ResourceOpSchema,
  region: z.string().optional(),
  role: z.string().optional(),
  zone: z.string().optional(),
  /** Input properties that change (update, replace), by name. */
  changedProperties: z.array(z.string()).optional(),
  /**
   * The same properties with their values before and after (JSON; absent on one side when the property is added or
   * removed). Secrets read "[secret]"; a long value (a launch template's user data) is summarised by its length.
   */
  propertyChanges: z.array(PropertyChangeSchema).optional(),
});
export type ResourceChange = z.infer<typeof ResourceChangeSchema>;

export const DiagnosticSeveritySchema = z.enum(["debug", "info", "warning", "error"]);

/**
 * An engine event, normalised from Pulumi's EngineEvent (both engines emit exactly these shapes). `resource-pre` is
 * a step starting, `resource-done` a step finished, `resource-failed` a step that failed with the provider's
 * message; `summary` ends a successful engine run.
 */
export const EngineEventSchema = z.discriminatedUnion("type", [
  z.strictObject({
    type: z.literal("started"),
    kind: OperationKindSchema,
    /** Resource steps expected, when known (from the confirmed preview). */ planned: z.number().int().nonnegative().optional(),
  }),
  z.strictObject({ type: z.literal("resource-pre"), resource: ResourceChangeSchema }),
  z.strictObject({ type: z.literal("resource-done"), resource: ResourceChangeSchema, durationMs: z.number().nonnegative().optional() }),
  z.strictObject({ type: z.literal("resource-failed"), resource: ResourceChangeSchema, message: z.string() }),
  z.strictObject({ type: z.literal("diagnostic"), severity: DiagnosticSeveritySchema, message: z.string(), urn: z.string().optional() }),
  z.strictObject({ type: z.literal("summary"), changes: ChangeSummarySchema, durationMs: z.number().nonnegative() }),
]);
export type EngineEvent = z.infer<typeof EngineEventSchema>;

/**
 * Events the queue adds around the engine's: status changes (queued, running, the end) so that a stream reader
 * needs nothing else to follow an operation.
 */
export const QueueEventSchema = z.strictObject({ type: z.literal("status"), status: OperationStatusSchema, message: z.string().optional() });
export const OperationEventDataSchema = z.union([EngineEventSchema, QueueEventSchema]);
export type OperationEventData = z.infer<typeof OperationEventDataSchema>;

/** One stored event: `seq` counts from 1 per operation and is the SSE event id (Last-Event-ID resumes after it). */
export const OperationEventDtoSchema = z.strictObject({
  seq: z.number().int().positive(),
  at: z.iso.datetime(),
  data: OperationEventDataSchema,
});
export type OperationEventDto = z.infer<typeof OperationEventDtoSchema>;

/** The deepest failure: the resource whose provider call failed and its message, not "update failed". */
export const OperationErrorSchema = z.strictObject({
  message: z.string(),
  urn: z.string().optional(),
  resourceType: z.string().optional(),
  resourceName: z.string().optional(),
  /** conflict: another update holds the stack; interrupted: the worker stopped; input: settings or spec invalid. */
  code: z.enum(["engine", "conflict", "interrupted", "input", "cancelled", "unavailable"]).optional(),
});
export type OperationError = z.infer<typeof OperationErrorSchema>;

/** Stack outputs (infra/program.ts DatastoreOutputs), as the catalog and the API carry them. */
export const RegionOutputsSchema = z.object({
  groupNames: z.array(z.string()),
  groupNamesByRole: z.record(z.string(), z.array(z.string())),
  securityGroupIds: z.array(z.string()),
  endpoints: z.record(z.string(), z.string()),
  alarmNames: z.array(z.string()),
});
export const DatastoreOutputsSchema = z.object({
  datastoreId: z.string(),
  regions: z.record(z.string(), RegionOutputsSchema),
  /** The primary family's image per region the up applied where its spec overrode the region's (an upgrade campaign's release). */
  imageIds: z.record(z.string(), z.string()).optional(),
  /** A stack upgraded before images were per region: its release's one image, for every region. */
  imageId: z.string().optional(),
});
export type DatastoreOutputsDto = z.infer<typeof DatastoreOutputsSchema>;

export const OperationSchema = z.strictObject({
  id: z.string(),
  datastoreId: z.string(),
  kind: OperationKindSchema,
  purpose: OperationPurposeSchema,
  status: OperationStatusSchema,
  /** "user:<email>", "token:<name>" or "system". */
  requestedBy: z.string(),
  /** The datastore change (day-2 edit or decommission) this operation belongs to. */
  changeId: z.string().nullable(),
  /** For an up: the preview it confirms. */
  previewId: z.string().nullable(),
  /** For a retry: the operation it repeats. */
  retryOfId: z.string().nullable(),
  attempt: z.number().int().positive(),
  createdAt: z.iso.datetime(),
  startedAt: z.iso.datetime().nullable(),
  finishedAt: z.iso.datetime().nullable(),
  cancelRequestedAt: z.iso.datetime().nullable(),
  /** Resource steps expected (a confirmed preview's count) and finished so far: the progress bar. */
  progress: z.strictObject({ planned: z.number().int().nonnegative().nullable(), done: z.number().int().nonnegative() }),
  summary: ChangeSummarySchema.nullable(),
  /** A preview's (or drift check's) structured diff: every resource step with its region, role and zone. */
  diff: z.array(ResourceChangeSchema).nullable(),
  outputs: DatastoreOutputsSchema.nullable(),
  error: OperationErrorSchema.nullable(),
  /** Events recorded so far (the last seq). */
  eventCount: z.number().int().nonnegative(),
  /**
   * When retention removed the engine's per-resource events of this (old, finished) operation; its status events,
   * summary, diff, outputs and error stay. Null while the full log is kept.
   */
  eventsPrunedAt: z.iso.datetime().nullable(),
  /** Not claimed before this time (a replacement placed in a maintenance window); null = as soon as possible. */
  notBefore: z.iso.datetime().nullable(),
  /** Whether a reviewer must approve it before it runs, and who did when. */
  approvalRequired: z.boolean(),
  approvedAt: z.iso.datetime().nullable(),
  approvedBy: z.string().nullable(),
  /**
   * Why a queued operation is not running yet, for people: "waiting for its window (starts …)" or "waiting for a
   * reviewer's approval"; null when nothing but the queue holds it.
   */
  waiting: z.string().nullable(),
  /** What a person may do with it now. */
  actions: actionsSchema(["cancel", "retry", "confirm", "approve"]),
});
export type OperationDto = z.infer<typeof OperationSchema>;

export const OperationListSchema = z.strictObject({ items: z.array(OperationSchema), nextCursor: z.string().nullable() });
export type OperationList = z.infer<typeof OperationListSchema>;

/** POST /api/v1/datastores/{id}/operations body. */
export const QueueOperationBodySchema = z.strictObject({
  /** replace-nodes is not queued by hand: the maintenance scheduler queues it for a datastore's cloud events. */
  kind: z.enum(["preview", "up", "refresh", "destroy"], "must be one of preview, up, refresh, destroy"),
  /** An up confirms a succeeded preview of the same spec (the diff the person saw): its id. */
  previewId: z.string().min(1, "must not be empty").max(100, "is not an operation id").optional(),
  /** A destroy confirms the datastore's name, typed. */
  confirmName: z.string().max(200, "must be at most 200 characters").optional(),
});
export type QueueOperationBody = z.infer<typeof QueueOperationBodySchema>;

/** GET /api/v1/operations/{id}/events query: events after a seq (polling fallback), a page at a time. */
export const OperationEventsQuerySchema = z.strictObject({
  after: z
    .string()
    .regex(/^\d{1,9}$/, "must be a whole number (the last seq you have)")
    .transform(Number)
    .default(0),
  limit: z
    .string()
    .regex(/^\d{1,4}$/, "must be a whole number from 1 to 1000")
    .transform(Number)
    .pipe(z.number().int().min(1, "must be a whole number from 1 to 1000").max(1000, "must be at most 1000"))
    .default(500),
});
export type OperationEventsQuery = z.output<typeof OperationEventsQuerySchema>;

/**
 * GET /api/v1/operations/{id}/stream query: where to resume when a client cannot send the Last-Event-ID header (a
 * first EventSource connection). The header, when sent, wins; blank means from the start.
 */
export const OperationStreamQuerySchema = z.strictObject({
  lastEventId: z
    .string()
    .max(20, "must be a whole number (the last event's id)")
    .regex(/^\s*(\d{1,9})?\s*$/, "must be a whole number (the last event's id)")
    .optional(),
});
export type OperationStreamQuery = z.output<typeof OperationStreamQuerySchema>;

export const OperationEventListSchema = z.strictObject({
  items: z.array(OperationEventDtoSchema),
  /** The operation's status now: stop polling once it is terminal and `items` is empty. */
  status: OperationStatusSchema,
  /** The last seq returned (pass as ?after=); equal to the request's after when nothing is new. */
  lastSeq: z.number().int().nonnegative(),
});
export type OperationEventList = z.infer<typeof OperationEventListSchema>;

/** Which engine runs operations, and whether it can: the UI's banner and the 503 on provisioning routes. */
export const ProvisionerStatusSchema = z.strictObject({
  engine: z.enum(["pulumi", "simulated"]),
  available: z.boolean(),
  /** Simulated: "simulated — no cloud resources are created". Pulumi unavailable: what to install. */
  message: z.string(),
  /** The Pulumi CLI version found, when found. */
  version: z.string().nullable(),
  /** Whether this portal process runs a worker (else operations wait for `npm run worker`). */
  inProcessWorker: z.boolean(),
});
export type ProvisionerStatus = z.infer<typeof ProvisionerStatusSchema>;

/**
 * The data of the stream's `closed` event: the credential stopped working (unauthenticated) or may no longer see the
 * operation (not_found). The stream ends after it; reconnecting meets that 401 or 404.
 */
export const OperationStreamClosedSchema = z.strictObject({ reason: z.enum(["unauthenticated", "not_found"]) });
export type OperationStreamClosed = z.infer<typeof OperationStreamClosedSchema>;

/** GET /api/v1/operations/{id}/stream: documented as a string of that media type. */
export const OperationEventStreamSchema = z
  .string()
  .describe(
    'text/event-stream: `id: <seq>`, `event: operation-event`, `data: <OperationEvent JSON>` per event; `: heartbeat` comments; `event: end` when the operation is terminal; `event: closed`, `data: {"reason": "unauthenticated" | "not_found"}` when the credential stopped working or lost sight of the operation (checked on every heartbeat).',
  );

/** GET /api/v1/datastores/{id}/pulumi-project: a gzip-compressed tar archive. */
export const PulumiProjectArchiveSchema = z
  .string()
  .describe("A .tar.gz of a standalone Pulumi project: Pulumi.yaml, package.json, tsconfig.json, the program and Pulumi.<stack>.yaml.");
