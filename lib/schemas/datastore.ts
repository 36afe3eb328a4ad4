// The catalog: datastores as the API returns them, the list query, threshold edits and the audit history.
import { z } from "zod";
import { ActionSchema } from "./actions";
import { DatastoreOutputsSchema } from "./operation";
import { ClusterSchema, FamilySchema, ThresholdSchema, type Threshold } from "./plan";
import { RegionCodeSchema } from "./workload";

/**
 * approved (no cloud resources yet) → provisioning → active | failed; decommissioning → decommissioned (the record
 * stays in the catalog with its history).
 */
export const DATASTORE_STATUSES = ["approved", "provisioning", "active", "failed", "decommissioning", "decommissioned"] as const;
export const DatastoreStatusSchema = z.enum(DATASTORE_STATUSES);
export type DatastoreStatus = z.infer<typeof DatastoreStatusSchema>;

export const DatastoreTierSchema = z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]);

/**
 * One cluster of a datastore: a role in a region. The catalog keeps the provisioning facts of the approved plan's
 * cluster (not its sizing working), so this picks those fields from ClusterSchema — one definition of each.
 */
export const TopologyClusterSchema = ClusterSchema.pick({
  region: true,
  role: true,
  family: true,
  instanceType: true,
  nodesPerZone: true,
  zones: true,
  nodes: true,
  drive: true,
});
export type TopologyCluster = z.infer<typeof TopologyClusterSchema>;

/** The provisioning facts of a planned cluster (the catalog keeps these, not the sizing working). */
export function topologyClusterOf(c: z.infer<typeof ClusterSchema>): TopologyCluster {
  return {
    region: c.region,
    role: c.role,
    family: c.family,
    instanceType: c.instanceType,
    nodesPerZone: c.nodesPerZone,
    zones: c.zones,
    nodes: c.nodes,
    ...(c.drive ? { drive: c.drive } : {}),
  };
}

/** A team as other resources name it. */
export const TeamRefSchema = z.strictObject({ id: z.string(), slug: z.string(), name: z.string() });

/** A datastore as the API returns it: an allow-list (toDatastoreDto in lib/server/datastores builds it). */
export const DatastoreSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  team: TeamRefSchema,
  /** The request whose approval created this datastore. */
  requestId: z.string(),
  family: FamilySchema,
  tier: DatastoreTierSchema,
  status: DatastoreStatusSchema,
  regions: z.array(z.string()),
  topology: z.array(TopologyClusterSchema),
  engine: z.string(),
  engineVersion: z.string(),
  annualCost: z.number().nonnegative(),
  monthlyCost: z.number().nonnegative(),
  contacts: z.array(z.string()),
  pagerTarget: z.string().nullable(),
  thresholds: z.array(ThresholdSchema),
  /** The stack's outputs after the last successful up: group names, security groups, endpoints, alarm names. */
  outputs: DatastoreOutputsSchema.nullable(),
  decommissionedAt: z.iso.datetime().nullable(),
  /** Optimistic-concurrency version; GET and PUT answer its ETag, which If-Match sends back. */
  version: z.number().int().positive(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type DatastoreDto = z.infer<typeof DatastoreSchema>;

/**
 * Something runs: the datastore is active, or an up left outputs (a failed change after a first up, a decommission
 * under way). Only then has it health, capacity, nodes and maintenance to show.
 */
export function isProvisioned(d: { status: string; outputs: unknown }): boolean {
  return d.status === "active" || (d.outputs !== null && d.status !== "decommissioned");
}

/** Every list of the API pages this many items unless `limit` says otherwise (at most CATALOG_PAGE_MAX). */
export const CATALOG_PAGE_DEFAULT = 25;
export const CATALOG_PAGE_MAX = 100;

/** ?limit= as query strings carry it: digits only, 1–100. */
const LimitSchema = z
  .string()
  .regex(/^\d{1,3}$/, `must be a whole number from 1 to ${CATALOG_PAGE_MAX}`)
  // What the OpenAPI document says of it (on the string: a query parameter's input), "25" when left out.
  .meta({ description: `Items per page: 1 to ${CATALOG_PAGE_MAX}, default ${CATALOG_PAGE_DEFAULT}.`, default: String(CATALOG_PAGE_DEFAULT) })
  .transform(Number)
  .pipe(z.number().int().min(1, `must be a whole number from 1 to ${CATALOG_PAGE_MAX}`).max(CATALOG_PAGE_MAX, `must be at most ${CATALOG_PAGE_MAX}`))
  .default(CATALOG_PAGE_DEFAULT);

/** An opaque cursor from a previous page's nextCursor; its content is checked by the use-case (422 naming "cursor"). */
const CursorSchema = z.string().min(1, "must not be empty").max(512, "is not a cursor this API returned");

/** GET /api/v1/datastores query: text search, filters and a page. Unknown parameters are a 422. */
export const DatastoreListQuerySchema = z.strictObject({
  /** Case-insensitive substring of the datastore name. */
  q: z.string().trim().min(1, "must not be empty").max(100, "must be at most 100 characters").optional(),
  /** Owning team, by slug or id. */
  team: z.string().min(1, "must not be empty").max(100, "must be at most 100 characters").optional(),
  family: FamilySchema.optional(),
  tier: z.enum(["0", "1", "2", "3"], { error: "must be 0, 1, 2 or 3" }).transform(Number).optional(),
  /** Datastores with a cluster in this region. */
  region: RegionCodeSchema.optional(),
  status: DatastoreStatusSchema.optional(),
  cursor: CursorSchema.optional(),
  limit: LimitSchema,
});
export type DatastoreListQuery = z.output<typeof DatastoreListQuerySchema>;
export type DatastoreListQueryInput = z.input<typeof DatastoreListQuerySchema>;

/**
 * A datastore as lists show it: who owns it, what and where it is, its size and cost, where it stands — a few hundred
 * bytes, where the whole datastore (thresholds, topology, outputs) is kilobytes. GET /api/v1/datastores/{id} has the rest.
 */
export const DatastoreSummarySchema = DatastoreSchema.pick({
  id: true,
  name: true,
  team: true,
  requestId: true,
  family: true,
  tier: true,
  status: true,
  regions: true,
  annualCost: true,
  monthlyCost: true,
  decommissionedAt: true,
  version: true,
  createdAt: true,
  updatedAt: true,
}).extend({
  /** Nodes of every cluster, in every region (the topology's sum). */
  nodes: z.number().int().nonnegative(),
});
export type DatastoreSummary = z.infer<typeof DatastoreSummarySchema>;

export const DatastoreListSchema = z.strictObject({
  items: z.array(DatastoreSummarySchema),
  /** Pass as ?cursor= for the next page; null on the last page. */
  nextCursor: z.string().nullable(),
});
export type DatastoreList = z.infer<typeof DatastoreListSchema>;

/** A page of any list of the API: an opaque cursor and a page size (the audit history uses it as it is). */
export const PageQuerySchema = z.strictObject({ cursor: CursorSchema.optional(), limit: LimitSchema });
export type PageQuery = z.output<typeof PageQuerySchema>;
/** GET /api/v1/datastores/{id}/audit query: a page. */
export const AuditEventListQuerySchema = PageQuerySchema;
export type AuditEventListQuery = PageQuery;

// ── SLA thresholds ───────────────────────────────────────────────────────────────────────────────────────
const MAX_THRESHOLDS = 100;

/**
 * A threshold as people send it: the planner's threshold with its free text bounded (what is already stored is
 * returned as it is, so the DTOs keep ThresholdSchema).
 */
export const ThresholdInputSchema = ThresholdSchema.extend({
  role: z.string().min(1, "must not be empty").max(64, "must be at most 64 characters"),
  description: z.string().max(1000, "must be at most 1000 characters"),
});

/** Consistency of one threshold: warning fires before critical in the comparison's direction; percent ≤ 100. */
function checkThreshold(t: Threshold, ctx: z.core.$RefinementCtx, index: number): void {
  const at = (field: keyof Threshold) => ["thresholds", index, field];
  if (t.unit === "percent") {
    if (t.critical > 100) ctx.addIssue({ code: "custom", path: at("critical"), message: "must be from 0 to 100 for a percentage" });
    if (t.warning !== undefined && t.warning > 100) ctx.addIssue({ code: "custom", path: at("warning"), message: "must be from 0 to 100 for a percentage" });
  }
  if (t.warning === undefined) return;
  if (t.comparison === "above" && !(t.warning < t.critical)) {
    ctx.addIssue({ code: "custom", path: at("critical"), message: `must be greater than warning (${t.warning}) when the comparison is "above"` });
  }
  if (t.comparison === "below" && !(t.warning > t.critical)) {
    ctx.addIssue({ code: "custom", path: at("critical"), message: `must be less than warning (${t.warning}) when the comparison is "below"` });
  }
}

/** PUT /api/v1/datastores/{id}/thresholds body: the whole new set, which replaces the old one. */
export const ThresholdsUpdateSchema = z
  .strictObject({
    thresholds: z.array(ThresholdInputSchema).min(1, "must hold at least one threshold").max(MAX_THRESHOLDS, `must hold at most ${MAX_THRESHOLDS} thresholds`),
  })
  .superRefine((body, ctx) => {
    const seen = new Map<string, number>();
    body.thresholds.forEach((t, i) => {
      checkThreshold(t, ctx, i);
      const key = `${t.metric}\u0000${t.role}`;
      const first = seen.get(key);
      if (first !== undefined) {
        ctx.addIssue({ code: "custom", path: ["thresholds", i, "metric"], message: `duplicates thresholds.${first}: one threshold per metric and role` });
      } else seen.set(key, i);
    });
  });
export type ThresholdsUpdate = z.infer<typeof ThresholdsUpdateSchema>;

// ── Audit history ────────────────────────────────────────────────────────────────────────────────────────
export const AuditEventSchema = z.strictObject({
  id: z.string(),
  at: z.iso.datetime(),
  /** "user:<email>", "token:<name>" or "system". */
  actor: z.string(),
  action: z.string(),
  subjectType: z.string(),
  subjectId: z.string(),
  detail: z.record(z.string(), z.unknown()).nullable(),
});
export type AuditEventDto = z.infer<typeof AuditEventSchema>;

export const AuditEventListSchema = z.strictObject({
  items: z.array(AuditEventSchema),
  nextCursor: z.string().nullable(),
});
export type AuditEventList = z.infer<typeof AuditEventListSchema>;

// ── Backstage export ─────────────────────────────────────────────────────────────────────────────────────
/** GET /api/v1/datastores/{id}/catalog-info.yaml: YAML text, not JSON; documented as a string of that media type. */
export const BackstageCatalogInfoSchema = z
  .string()
  .describe("A Backstage catalog-info.yaml (application/yaml): a Resource entity for the datastore, and one per companion store it depends on.");

// ── What a person may do with one datastore ──────────────────────────────────────────────────────────
/**
 * What the caller may do with the datastore now, and why not. An action is present when the datastore's lifecycle
 * offers it (a provisioning preview while approved or failed, a drift check while active…); absent, it is not a step
 * of this state.
 */
export const DatastoreActionsSchema = z.strictObject({
  /** POST …/operations {kind: preview}: what provisioning would create (approved, failed). */
  preview: ActionSchema.optional(),
  /** POST …/operations {kind: refresh}: a drift check (active). */
  refresh: ActionSchema.optional(),
  /** POST …/operations {kind: destroy}: destroy the partial resources of a failed provisioning (failed). */
  cleanup: ActionSchema.optional(),
  /** POST …/changes {kind: update}: ask for a workload change (active). */
  change: ActionSchema.optional(),
  /** POST …/changes {kind: decommission} (approved, active, failed). */
  decommission: ActionSchema.optional(),
  /** PUT …/thresholds (until decommissioned). */
  editThresholds: ActionSchema.optional(),
  /** GET …/pulumi-project: take the Pulumi project away (until decommissioned). */
  export: ActionSchema.optional(),
});
export type DatastoreActions = z.infer<typeof DatastoreActionsSchema>;

/** What decommissioning it would do, said before anyone asks: whether a reviewer must approve, whether resources go. */
export const DecommissionTermsSchema = z.strictObject({
  /** Tiers 0 and 1: the decommission waits for a reviewer's approval. */
  needsApproval: z.boolean(),
  /** Cloud resources exist (it was provisioned, or partly): a destroy runs; otherwise the record is retired at once. */
  destroysResources: z.boolean(),
});

/** One datastore as GET /api/v1/datastores/{id} returns it: the catalog's entry and what the caller may do with it. */
export const DatastoreDetailSchema = DatastoreSchema.extend({ actions: DatastoreActionsSchema, decommissionTerms: DecommissionTermsSchema });
export type DatastoreDetailDto = z.infer<typeof DatastoreDetailSchema>;
