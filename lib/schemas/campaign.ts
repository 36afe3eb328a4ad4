// Upgrade campaigns on the wire: family releases (the engine version and image an administrator released), what a
// release affects (datastores and nodes from the inventory) with each one's preview summary, and campaigns — waves of
// datastores, each taken through preview → baseline benchmark → canary → validation benchmark → gate → rollout, with
// the evidence of every step and the audit trail. One contract for the handlers, the OpenAPI document and the pages.
import { z } from "zod";
import { actionsSchema } from "./actions";
import { TeamRefSchema } from "./datastore";
import { ChangeSummarySchema, OperationStatusSchema } from "./operation";
import { FamilySchema } from "./plan";
import { RegionCodeSchema } from "./workload";

const IdSchema = z
  .string()
  .min(1, "must not be empty")
  .max(64, "must be at most 64 characters")
  .regex(/^[A-Za-z0-9_-]+$/, "must be an id");

// ── Releases ─────────────────────────────────────────────────────────────────────────────────────────────────────

/** An engine version as people write it: 1.6.21, 7.2.4, 4.1.4-rc1. */
export const EngineVersionSchema = z
  .string()
  .min(1, "must not be empty")
  .max(40, "must be at most 40 characters")
  .regex(/^[0-9A-Za-z][0-9A-Za-z.+_-]*$/, "must be a version such as 1.6.21");
/** A machine image id (ami-0abc…), or the simulation's image name. */
export const ImageIdSchema = z
  .string()
  .min(1, "must not be empty")
  .max(128, "must be at most 128 characters")
  .regex(/^[0-9A-Za-z][0-9A-Za-z._:/-]*$/, "must be an image id such as ami-0123456789abcdef0");

/** At most this many regions in one release (the AWS partitions hold fewer than 40). */
export const MAX_RELEASE_REGIONS = 40;

/** How `imageIds` looks, for the errors that say what to send. */
const IMAGE_IDS_EXAMPLE = 'e.g. {"us-east-1": "ami-0123456789abcdef0"}';

/**
 * A release's machine images, one per region: an AMI exists in exactly one region, so a datastore in us-east-1 and
 * eu-west-1 needs an image in each. Keys are region codes as workloads name them; at least one entry.
 */
export const RegionImageIdsSchema = z
  .partialRecord(RegionCodeSchema, ImageIdSchema, {
    // Missing, or a list of images: zod's "expected record" does not say what a record of images looks like.
    error: (issue) =>
      issue.code === "invalid_type"
        ? `${issue.input === undefined ? "is required" : "must be an object"}: one image per region, ${IMAGE_IDS_EXAMPLE}`
        : undefined,
  })
  .refine((m) => Object.keys(m).length > 0, `needs an image for at least one region, ${IMAGE_IDS_EXAMPLE}`)
  .refine((m) => Object.keys(m).length <= MAX_RELEASE_REGIONS, `must name at most ${MAX_RELEASE_REGIONS} regions`);
export type RegionImageIds = z.infer<typeof RegionImageIdsSchema>;

/**
 * What a release (or a rollback) launches, region by region: `imageIds` per region; a release from before images
 * were per region has none and one `imageId`, which stands for every region, as it did when it was released.
 */
export interface RegionImages {
  imageIds: Readonly<Record<string, string>>;
  imageId: string | null;
}

/** The image for `region`, or undefined when there is none — never another region's. */
export function imageInRegion(images: RegionImages, region: string): string | undefined {
  return images.imageIds[region] ?? images.imageId ?? undefined;
}

/** The regions (sorted, once each) that have no image. */
export function regionsWithoutImage(images: RegionImages, regions: Iterable<string>): string[] {
  return [...new Set(regions)].filter((r) => imageInRegion(images, r) === undefined).sort();
}

/** The images as one comparable string, `region=image` sorted by region: what makes a release unique with its version. */
export function imagesKey(imageIds: Readonly<Record<string, string>>): string {
  return Object.keys(imageIds)
    .sort()
    .map((r) => `${r}=${imageIds[r] ?? ""}`)
    .join(",");
}

/** "us-east-1 ami-0a…, eu-west-1 ami-0b…": the images for people (a legacy release's one image as it is). */
export function describeImages(images: RegionImages): string {
  const regions = Object.keys(images.imageIds).sort();
  if (regions.length === 0) return images.imageId ?? "no image";
  return regions.map((r) => `${r} ${images.imageIds[r] ?? ""}`).join(", ");
}

export const FamilyReleaseSchema = z.strictObject({
  id: z.string(),
  family: FamilySchema,
  engineVersion: z.string(),
  /** The machine image per region; empty for a release from before images were per region (see `imageId`). */
  imageIds: z.record(z.string(), z.string()),
  /**
   * A release from before images were per region: its one image, which stands for every region (as it did when it
   * was released). Null for every release since.
   */
  imageId: z.string().nullable(),
  notes: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.iso.datetime(),
  /** The newest release of its family: what new datastores get and campaigns roll out. */
  current: z.boolean(),
});
export type FamilyReleaseDto = z.infer<typeof FamilyReleaseSchema>;

export const FamilyReleaseListSchema = z.strictObject({ items: z.array(FamilyReleaseSchema) });
export type FamilyReleaseList = z.infer<typeof FamilyReleaseListSchema>;

/** GET /api/v1/releases query. */
export const ReleaseListQuerySchema = z.strictObject({ family: FamilySchema.optional() });

const SINGLE_IMAGE_REFUSED = `a machine image exists in one region: give imageIds, one image per region, ${IMAGE_IDS_EXAMPLE}`;

/**
 * POST /api/v1/releases body (administrators). The images are per region (`imageIds`); a single `imageId` is not
 * taken as a shorthand for "every region", since on AWS that launches one region's AMI in the others — the body
 * names it as an error pointing at `imageIds`.
 */
export const CreateReleaseBodySchema = z.strictObject({
  family: FamilySchema,
  engineVersion: EngineVersionSchema,
  imageIds: RegionImageIdsSchema,
  /** Refused (see above): declared so that the 422 says what to send instead of "is not a known field". */
  imageId: z
    .never(SINGLE_IMAGE_REFUSED)
    .optional()
    .meta({ description: `Not accepted: ${SINGLE_IMAGE_REFUSED}.` }),
  notes: z.string().max(1000, "must be at most 1000 characters").optional(),
});
export type CreateReleaseBody = z.infer<typeof CreateReleaseBodySchema>;

// ── What a release affects, and the batch previews ──────────────────────────────────────────────────────────────

/** A node from the inventory that is not on the release (engine version, or the release's image for its region, differs). */
export const AffectedNodeSchema = z.strictObject({
  instanceId: z.string(),
  region: z.string(),
  zone: z.string(),
  role: z.string(),
  engineVersion: z.string(),
  imageId: z.string(),
});
export type AffectedNodeDto = z.infer<typeof AffectedNodeSchema>;

/**
 * The summary of one datastore's preview with the release's engine version: how many resources change and how,
 * and a few lines for people ("3 launch templates updated", "engine 1.6.21 → 1.6.29").
 */
export const PreviewSummarySchema = z.strictObject({
  operationId: z.string(),
  status: OperationStatusSchema,
  engineVersion: z.strictObject({ from: z.string(), to: z.string() }),
  /** Counts of resource steps by op; null until the preview finished. */
  changes: ChangeSummarySchema.nullable(),
  /** Resources that change (update or replace), by type and name. */
  changed: z.array(z.strictObject({ type: z.string(), name: z.string(), op: z.string(), zone: z.string().nullable() })),
  lines: z.array(z.string()),
  error: z.string().nullable(),
  at: z.iso.datetime(),
});
export type PreviewSummary = z.infer<typeof PreviewSummarySchema>;

export const AffectedDatastoreSchema = z.strictObject({
  datastore: z.strictObject({ id: z.string(), name: z.string() }),
  team: TeamRefSchema,
  tier: z.number().int().min(0).max(3),
  /** The team asked to be upgraded early: first within its tier. */
  upgradeEarly: z.boolean(),
  /** The datastore's recorded engine version. */
  engineVersion: z.string(),
  /** The nodes not on the release (every node of the datastore in the inventory that differs). */
  nodes: z.array(AffectedNodeSchema),
  /** Distinct engine versions its nodes run now. */
  versions: z.array(z.string()),
  /**
   * The datastore's regions the release has no image for. Not empty: the release cannot upgrade it (its nodes there
   * would launch on no image, or on another region's), so campaigns and batch previews leave it out.
   */
  missingImageRegions: z.array(z.string()),
  /** Whether a campaign can upgrade it with this release, and why not (the missing regions). */
  actions: actionsSchema(["upgrade"]),
  /** The last batch preview for this release, if one was queued. */
  preview: PreviewSummarySchema.nullable(),
});
export type AffectedDatastoreDto = z.infer<typeof AffectedDatastoreSchema>;

export const AffectedListSchema = z.strictObject({
  release: FamilyReleaseSchema,
  items: z.array(AffectedDatastoreSchema),
  datastoreCount: z.number().int().nonnegative(),
  nodeCount: z.number().int().nonnegative(),
});
export type AffectedList = z.infer<typeof AffectedListSchema>;

/** POST /api/v1/releases/{id}/previews answer: one preview queued per affected datastore (or why not). */
export const BatchPreviewResultSchema = z.strictObject({
  queued: z.array(z.strictObject({ datastoreId: z.string(), operationId: z.string() })),
  skipped: z.array(z.strictObject({ datastoreId: z.string(), reason: z.string() })),
});
export type BatchPreviewResult = z.infer<typeof BatchPreviewResultSchema>;

// ── Campaigns ────────────────────────────────────────────────────────────────────────────────────────────────────

/** draft → running ⇄ paused → completed | halted (a failed gate) | aborted. */
export const CAMPAIGN_STATUSES = ["draft", "running", "paused", "halted", "aborted", "completed"] as const;
export const CampaignStatusSchema = z.enum(CAMPAIGN_STATUSES);
export type CampaignStatus = z.infer<typeof CampaignStatusSchema>;

/**
 * Where one datastore stands. pending → (waiting-review, tier 0/1) → preview → baseline → canary → validation →
 * gate → rollout → done; a failed gate: rolling-back → rolled-back; failed: a step's operation failed; skipped: the
 * campaign ended (abort) before it, or it was already on the release.
 */
export const TARGET_STEPS = [
  "pending",
  "waiting-review",
  "preview",
  "baseline",
  "canary",
  "validation",
  "gate",
  "rollout",
  "done",
  "rolling-back",
  "rolled-back",
  "failed",
  "skipped",
] as const;
export const TargetStepSchema = z.enum(TARGET_STEPS);
export type TargetStep = z.infer<typeof TargetStepSchema>;
export const FINISHED_TARGET_STEPS = ["done", "rolled-back", "failed", "skipped"] as const satisfies readonly TargetStep[];

/** The percentiles of one op (reads or writes) a gate looked at, in milliseconds. */
export const GateOpSchema = z.strictObject({
  op: z.enum(["read", "write"]),
  baselineP99Ms: z.number().nonnegative().nullable(),
  validationP99Ms: z.number().nonnegative().nullable(),
  /** The datastore's SLA threshold for this op's p99, if it has one. */
  thresholdMs: z.number().nonnegative().nullable(),
  /** (validation − baseline) / baseline × 100. */
  regressionPct: z.number().nullable(),
});

/** One check of the gate, as people read it. */
export const GateCheckSchema = z.strictObject({
  name: z.string(),
  ok: z.boolean(),
  detail: z.string(),
});

/** The gate's verdict and its evidence. */
export const CampaignGateSchema = z.strictObject({
  verdict: z.enum(["pass", "fail"]),
  reasons: z.array(z.string()),
  checks: z.array(GateCheckSchema),
  ops: z.array(GateOpSchema),
  maxRegressionPct: z.number(),
  /** Alarms of the datastore firing when the gate looked (MetricsSource). */
  alarms: z.array(z.strictObject({ name: z.string(), state: z.string() })),
  /** The benchmarks were the simulation's labelled model, not measured load. */
  synthetic: z.boolean(),
  at: z.iso.datetime(),
});
export type CampaignGate = z.infer<typeof CampaignGateSchema>;

export const CampaignTargetSchema = z.strictObject({
  id: z.string(),
  datastore: z.strictObject({ id: z.string(), name: z.string() }),
  team: TeamRefSchema,
  /** The team takes upgrades in the first wave of their tier (its setting now; the order was fixed at creation). */
  upgradeEarly: z.boolean(),
  tier: z.number().int().min(0).max(3),
  wave: z.number().int().nonnegative(),
  seq: z.number().int().nonnegative(),
  fromVersion: z.string(),
  /** The image its nodes ran in each region when the campaign was created: what a rollback launches there. */
  fromImageIds: z.record(z.string(), z.string()),
  step: TargetStepSchema,
  /** The operation the current step waits on (preview, benchmark, up, replace-nodes). */
  operationId: z.string().nullable(),
  preview: PreviewSummarySchema.nullable(),
  baselineRunId: z.string().nullable(),
  validationRunId: z.string().nullable(),
  /** The zone upgraded first (us-east-1a): its nodes are replaced on the release before the gate. */
  canaryZone: z.string().nullable(),
  gate: CampaignGateSchema.nullable(),
  /** Tier 0/1 datastores wait for a reviewer. */
  approvalRequired: z.boolean(),
  approvedBy: z.string().nullable(),
  approvedAt: z.iso.datetime().nullable(),
  error: z.string().nullable(),
  startedAt: z.iso.datetime().nullable(),
  finishedAt: z.iso.datetime().nullable(),
  actions: actionsSchema(["approve"]),
});
export type CampaignTargetDto = z.infer<typeof CampaignTargetSchema>;

/** A wave: the datastores of one tier (3 first), early-upgrade teams first. */
export const CampaignWaveSchema = z.strictObject({
  wave: z.number().int().nonnegative(),
  tier: z.number().int().min(0).max(3),
  approvalRequired: z.boolean(),
  /** Every target of the wave approved (always true when no approval is required). */
  approved: z.boolean(),
  targets: z.array(CampaignTargetSchema),
  actions: actionsSchema(["approve"]),
});
export type CampaignWaveDto = z.infer<typeof CampaignWaveSchema>;

export const CampaignSchema = z.strictObject({
  id: z.string(),
  family: FamilySchema,
  release: FamilyReleaseSchema,
  status: CampaignStatusSchema,
  maxRegressionPct: z.number(),
  benchmarkDurationS: z.number().int().positive(),
  haltReason: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.iso.datetime(),
  startedAt: z.iso.datetime().nullable(),
  finishedAt: z.iso.datetime().nullable(),
  /** The target being worked on now and its step, if any. */
  current: z.strictObject({ targetId: z.string(), datastoreName: z.string(), step: TargetStepSchema }).nullable(),
  counts: z.strictObject({
    total: z.number().int().nonnegative(),
    done: z.number().int().nonnegative(),
    rolledBack: z.number().int().nonnegative(),
    failed: z.number().int().nonnegative(),
    skipped: z.number().int().nonnegative(),
    pending: z.number().int().nonnegative(),
  }),
  waves: z.array(CampaignWaveSchema),
  version: z.number().int().positive(),
  actions: actionsSchema(["start", "pause", "resume", "abort"]),
});
export type CampaignDto = z.infer<typeof CampaignSchema>;

export const CampaignListSchema = z.strictObject({ items: z.array(CampaignSchema) });
export type CampaignList = z.infer<typeof CampaignListSchema>;

export const CAMPAIGN_EVENT_KINDS = [
  "created",
  "started",
  "paused",
  "resumed",
  "aborted",
  "halted",
  "completed",
  "approved",
  "step-started",
  "step-finished",
  "gate",
  "error",
] as const;
export const CampaignEventKindSchema = z.enum(CAMPAIGN_EVENT_KINDS);
export type CampaignEventKind = z.infer<typeof CampaignEventKindSchema>;

export const CampaignEventSchema = z.strictObject({
  seq: z.number().int().positive(),
  at: z.iso.datetime(),
  /** "user:<email>", "token:<name>" or "system" (the runner). */
  actor: z.string(),
  kind: CampaignEventKindSchema,
  targetId: z.string().nullable(),
  message: z.string(),
  detail: z.record(z.string(), z.unknown()).nullable(),
});
export type CampaignEventDto = z.infer<typeof CampaignEventSchema>;

export const CampaignEventListSchema = z.strictObject({ items: z.array(CampaignEventSchema) });
export type CampaignEventList = z.infer<typeof CampaignEventListSchema>;

export const DEFAULT_MAX_REGRESSION_PCT = 10;
export const DEFAULT_CAMPAIGN_BENCHMARK_S = 10;

/** POST /api/v1/campaigns body (administrators): a draft; its waves are shown before it is started. */
export const CreateCampaignBodySchema = z.strictObject({
  releaseId: IdSchema,
  maxRegressionPct: z.number("must be a number").min(0, "must be at least 0").max(1000, "must be at most 1000").default(DEFAULT_MAX_REGRESSION_PCT),
  benchmarkDurationS: z
    .number("must be a number")
    .int("must be a whole number of seconds")
    .min(1, "must be at least 1 second")
    .max(3600, "must be at most 3600 seconds")
    .default(DEFAULT_CAMPAIGN_BENCHMARK_S),
  /** Only these affected datastores (default: every affected one). */
  datastoreIds: z.array(IdSchema).min(1, "must name at least one datastore").max(500, "must be at most 500").optional(),
  /** Start at once instead of leaving a draft. */
  start: z.boolean().default(false),
});
export type CreateCampaignBody = z.input<typeof CreateCampaignBodySchema>;

/** POST /api/v1/campaigns/{id}/approve body (reviewers, administrators): a tier 0/1 wave, or one target of it. */
export const ApproveCampaignBodySchema = z
  .strictObject({
    wave: z.number("must be a number").int("must be a wave number").min(0, "must be a wave number").optional(),
    targetId: IdSchema.optional(),
  })
  .refine((b) => b.wave !== undefined || b.targetId !== undefined, { message: "name a wave or a target", path: ["wave"] });
export type ApproveCampaignBody = z.infer<typeof ApproveCampaignBodySchema>;

/** POST /api/v1/campaigns/{id}/abort body. */
export const CampaignReasonBodySchema = z.strictObject({
  reason: z.string().max(500, "must be at most 500 characters").optional(),
});

/** The campaign a datastore is in, for its page (GET /api/v1/datastores/{id}/campaign). */
export const DatastoreCampaignSchema = z.strictObject({
  campaign: z
    .strictObject({
      id: z.string(),
      status: CampaignStatusSchema,
      release: FamilyReleaseSchema,
      target: CampaignTargetSchema,
    })
    .nullable(),
});
export type DatastoreCampaignDto = z.infer<typeof DatastoreCampaignSchema>;
