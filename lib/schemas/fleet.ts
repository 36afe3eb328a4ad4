// The fleet inventory on the wire: nodes (the instances of every datastore, as the last refresh saw them) with their
// open events, the facets the fleet page filters by, refresh jobs, and the simulated cloud's injected events. One
// schema for the handler, the OpenAPI document and the page.
import { z } from "zod";
import { INSTANCE_GENERATIONS } from "../catalog/instance-generation";
import { PageQuerySchema, TeamRefSchema } from "./datastore";

/** EC2's scheduled event codes (DescribeInstanceStatus Events[].Code) and the inventory's own impaired check. */
export const FLEET_EVENT_CODES = ["instance-retirement", "instance-reboot", "system-reboot", "system-maintenance", "instance-stop", "status-impaired"] as const;
export const FleetEventCodeSchema = z.enum(FLEET_EVENT_CODES, { error: `must be one of ${FLEET_EVENT_CODES.join(", ")}` });
export type FleetEventCode = z.infer<typeof FleetEventCodeSchema>;

/** What each code means for the people who own the node, in a few words. */
export const FLEET_EVENT_LABELS: Record<FleetEventCode, string> = {
  "instance-retirement": "Retirement",
  "instance-reboot": "Instance reboot",
  "system-reboot": "System reboot",
  "system-maintenance": "System maintenance",
  "instance-stop": "Stop",
  "status-impaired": "Status check impaired",
};

const IdSchema = z
  .string()
  .min(1, "must not be empty")
  .max(64, "must be at most 64 characters")
  .regex(/^[A-Za-z0-9_-]+$/, "must be an id");
const ShortText = z.string().min(1, "must not be empty").max(100, "must be at most 100 characters");
const BoolParam = z.enum(["true", "false"], { error: "must be true or false" }).transform((v) => v === "true");

export const FleetEventSchema = z.strictObject({
  id: z.string(),
  /** The cloud's event id (instance-event-…), or "status-impaired". */
  eventId: z.string(),
  code: FleetEventCodeSchema,
  description: z.string(),
  notBefore: z.iso.datetime().nullable(),
  notAfter: z.iso.datetime().nullable(),
  /** When the cloud acts (notAfter, else notBefore); null: act now (an impaired check). */
  deadline: z.iso.datetime().nullable(),
  firstSeenAt: z.iso.datetime(),
  resolvedAt: z.iso.datetime().nullable(),
  /** The replace-nodes operation scheduled to answer it, if any. */
  operationId: z.string().nullable(),
  instanceId: z.string(),
  datastore: z.strictObject({ id: z.string(), name: z.string() }),
  team: TeamRefSchema,
  region: z.string(),
  zone: z.string(),
  role: z.string(),
});
export type FleetEventDto = z.infer<typeof FleetEventSchema>;

export const FleetNodeSchema = z.strictObject({
  id: z.string(),
  instanceId: z.string(),
  datastore: z.strictObject({ id: z.string(), name: z.string() }),
  team: TeamRefSchema,
  region: z.string(),
  zone: z.string(),
  role: z.string(),
  groupName: z.string(),
  instanceType: z.string(),
  /** The instance family (i4i of i4i.2xlarge). */
  family: z.string(),
  generation: z.enum(INSTANCE_GENERATIONS),
  imageId: z.string(),
  engineVersion: z.string(),
  launchedAt: z.iso.datetime(),
  state: z.string(),
  lifecycle: z.string(),
  healthy: z.boolean(),
  statusCheck: z.string(),
  seenAt: z.iso.datetime(),
  /** Open events, soonest deadline first (an impaired check first of all). */
  events: z.array(FleetEventSchema),
});
export type FleetNodeDto = z.infer<typeof FleetNodeSchema>;

export const FACET_NAMES = ["team", "family", "region", "generation", "image", "engineVersion", "pendingEvents"] as const;
export type FacetName = (typeof FACET_NAMES)[number];

const FacetValueSchema = z.strictObject({ value: z.string(), label: z.string(), count: z.number().int().nonnegative() });
export type FacetValue = z.infer<typeof FacetValueSchema>;

/** GET /api/v1/fleet/nodes query: the facets' filters (each value as the facet lists it) and a page. */
export const FleetNodeListQuerySchema = PageQuerySchema.extend({
  /** Team slug or id. */
  team: ShortText.optional(),
  /** One datastore's nodes (its nodes tab). */
  datastore: IdSchema.optional(),
  /** Instance family: i4i, m6id … */
  family: z
    .string()
    .regex(/^[a-z][a-z0-9-]{0,30}$/, "must be an instance family such as i4i")
    .optional(),
  region: z
    .string()
    .max(32)
    .regex(/^[a-z]{2}(-[a-z]+)+-\d$/, "must be a region code such as us-east-1")
    .optional(),
  generation: z.enum(INSTANCE_GENERATIONS, { error: "must be current or previous" }).optional(),
  image: z
    .string()
    .regex(/^ami-[0-9a-f]{8,17}$/, "must be an image id such as ami-0abc12345")
    .optional(),
  engineVersion: z
    .string()
    .regex(/^[0-9A-Za-z._-]{1,40}$/, "must be a version such as 4.1")
    .optional(),
  /** true: only nodes with an open event; false: only nodes without. */
  pendingEvents: BoolParam.optional(),
});
export type FleetNodeListQuery = z.output<typeof FleetNodeListQuerySchema>;
export type FleetNodeListQueryInput = z.input<typeof FleetNodeListQuerySchema>;

export const FleetRefreshJobSchema = z.strictObject({
  id: z.string(),
  trigger: z.enum(["scheduled", "on-demand", "after-operation"]),
  requestedBy: z.string(),
  status: z.enum(["queued", "running", "succeeded", "failed"]),
  datastoreId: z.string().nullable(),
  createdAt: z.iso.datetime(),
  startedAt: z.iso.datetime().nullable(),
  finishedAt: z.iso.datetime().nullable(),
  summary: z.record(z.string(), z.number()).nullable(),
  error: z.string().nullable(),
});
export type FleetRefreshJobDto = z.infer<typeof FleetRefreshJobSchema>;

export const FleetNodeListSchema = z.strictObject({
  items: z.array(FleetNodeSchema),
  nextCursor: z.string().nullable(),
  /** Nodes matching the filters, over every page. */
  total: z.number().int().nonnegative(),
  /** Per facet, its values with how many nodes each would show (the other facets' filters applied). */
  facets: z.strictObject(Object.fromEntries(FACET_NAMES.map((f) => [f, z.array(FacetValueSchema)])) as Record<FacetName, z.ZodArray<typeof FacetValueSchema>>),
  /** The inventory comes from the simulated cloud (PROVISIONER=simulated): say so wherever it shows. */
  simulated: z.boolean(),
  /** The newest finished refresh that covered these nodes, if any. */
  lastRefresh: FleetRefreshJobSchema.nullable(),
  /** The caller may queue a refresh / inject simulated events (an administrator, simulated cloud only). */
  actions: z.strictObject({ refresh: z.boolean(), injectEvents: z.boolean() }),
});
export type FleetNodeList = z.infer<typeof FleetNodeListSchema>;

export const FLEET_EVENT_STATUSES = ["open", "resolved", "all"] as const;

/** GET /api/v1/fleet/events query. */
export const FleetEventListQuerySchema = PageQuerySchema.extend({
  team: ShortText.optional(),
  datastore: IdSchema.optional(),
  status: z.enum(FLEET_EVENT_STATUSES, { error: "must be open, resolved or all" }).default("open"),
});
export type FleetEventListQuery = z.output<typeof FleetEventListQuerySchema>;

export const FleetEventListSchema = z.strictObject({ items: z.array(FleetEventSchema), nextCursor: z.string().nullable(), simulated: z.boolean() });
export type FleetEventList = z.infer<typeof FleetEventListSchema>;

/** POST /api/v1/fleet/refresh body: one datastore, or (left out) the whole fleet. */
export const FleetRefreshBodySchema = z.strictObject({ datastoreId: IdSchema.optional() });
export type FleetRefreshBody = z.infer<typeof FleetRefreshBodySchema>;

const DateTimeInput = z.iso.datetime({ offset: true, error: "must be an ISO 8601 date-time such as 2026-12-20T03:00:00Z" }).max(40);

/** POST /api/v1/fleet/simulated/events body: an event on one instance of the simulated cloud. */
export const SimulatedEventBodySchema = z
  .strictObject({
    instanceId: z.string().regex(/^i-[0-9a-f]{8,17}$/, "must be an instance id such as i-0abc1234def567890"),
    code: FleetEventCodeSchema,
    description: z.string().trim().max(500, "must be at most 500 characters").optional(),
    /** When the cloud may act from; a retirement's is its deadline. Default: a week from now (none for status-impaired). */
    notBefore: DateTimeInput.optional(),
    notAfter: DateTimeInput.optional(),
  })
  .superRefine((b, ctx) => {
    if (b.notBefore && b.notAfter && Date.parse(b.notAfter) < Date.parse(b.notBefore))
      ctx.addIssue({ code: "custom", path: ["notAfter"], message: "must not be before notBefore" });
    if (b.code === "status-impaired" && (b.notBefore || b.notAfter))
      ctx.addIssue({ code: "custom", path: [b.notBefore ? "notBefore" : "notAfter"], message: "an impaired status check has no schedule" });
  });
export type SimulatedEventBody = z.infer<typeof SimulatedEventBodySchema>;
export type SimulatedEventBodyInput = z.input<typeof SimulatedEventBodySchema>;

export const SimulatedEventResultSchema = z.strictObject({
  /** instance-event-…, or null for an impaired status check. */
  eventId: z.string().nullable(),
  instanceId: z.string(),
  datastoreId: z.string(),
  code: FleetEventCodeSchema,
  /** The datastore's inventory was refreshed at once: its nodes tab and the fleet page show the event. */
  refreshed: z.boolean(),
});
export type SimulatedEventResult = z.infer<typeof SimulatedEventResultSchema>;
