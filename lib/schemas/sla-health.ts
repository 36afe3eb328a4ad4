// SLA health of a provisioned datastore: its metrics against its thresholds and plan, its alarms and how often they
// fired, and the incidents an administrator injects into a simulated portal. Shared by the API, the health tab and
// the at-risk page.
import { z } from "zod";
import { THRESHOLD_METRICS } from "./plan";

// ── Incidents (simulated portals only) ───────────────────────────────────────────────────────────────────────
export const INCIDENT_KINDS = ["latency-spike", "traffic-growth", "disk-filling"] as const;
export const IncidentKindSchema = z.enum(INCIDENT_KINDS, { error: `must be one of ${INCIDENT_KINDS.join(", ")}` });
export type IncidentKind = z.infer<typeof IncidentKindSchema>;

/** What each kind's magnitude means, and its bounds. */
export const INCIDENT_MAGNITUDES = {
  "latency-spike": { min: 1, max: 100, meaning: "factor on p99 latency (3 = three times slower)" },
  "traffic-growth": { min: 0.1, max: 100, meaning: "factor on throughput and the utilisations it drives (1.5 = 50% more traffic)" },
  "disk-filling": { min: 0.01, max: 100, meaning: "percentage points of disk added per day" },
} as const satisfies Record<IncidentKind, { min: number; max: number; meaning: string }>;

export const IncidentCreateSchema = z
  .strictObject({
    kind: IncidentKindSchema,
    magnitude: z.number({ error: "must be a number" }).positive("must be more than 0"),
    /** Null or absent: every region (every role). */
    region: z.string().min(1).max(40).nullable().optional(),
    role: z.string().min(1).max(60).nullable().optional(),
    /** Default now; up to 30 days back, so a test or a demo can give an incident a history. */
    startsAt: z.iso.datetime({ error: "must be an ISO 8601 date-time" }).max(40).optional(),
    /** Absent: until ended. */
    durationMinutes: z
      .number({ error: "must be a number" })
      .int("must be a whole number of minutes")
      .min(1, "must be at least 1 minute")
      .max(60 * 24 * 90, "must be at most 90 days")
      .optional(),
  })
  .superRefine((v, ctx) => {
    const bounds = INCIDENT_MAGNITUDES[v.kind];
    if (v.magnitude < bounds.min || v.magnitude > bounds.max)
      ctx.addIssue({ code: "custom", path: ["magnitude"], message: `must be between ${bounds.min} and ${bounds.max} for ${v.kind}: the ${bounds.meaning}` });
  });
export type IncidentCreate = z.infer<typeof IncidentCreateSchema>;

export const IncidentSchema = z.strictObject({
  id: z.string(),
  datastoreId: z.string(),
  kind: IncidentKindSchema,
  region: z.string().nullable(),
  role: z.string().nullable(),
  magnitude: z.number(),
  startsAt: z.iso.datetime(),
  endsAt: z.iso.datetime().nullable(),
  active: z.boolean(),
  createdBy: z.string(),
  createdAt: z.iso.datetime(),
});
export type IncidentDto = z.infer<typeof IncidentSchema>;

export const IncidentListSchema = z.strictObject({ items: z.array(IncidentSchema), simulated: z.literal(true) });
export type IncidentList = z.infer<typeof IncidentListSchema>;

// ── The health of one datastore ──────────────────────────────────────────────────────────────────────────────
export const HEALTH_RANGES = ["24h", "7d"] as const;
export const HealthQuerySchema = z.strictObject({
  range: z.enum(HEALTH_RANGES, { error: "must be 24h or 7d" }).default("24h"),
});
export type HealthQuery = z.output<typeof HealthQuerySchema>;

export const HEALTH_METRICS = [...THRESHOLD_METRICS, "reads-per-second", "writes-per-second"] as const;

export const PointSchema = z.strictObject({ at: z.iso.datetime(), value: z.number() });

export const HealthSeriesSchema = z.strictObject({
  metric: z.enum(HEALTH_METRICS),
  unit: z.string(),
  points: z.array(PointSchema),
  /** The threshold's levels for this metric and role (null where none is set). */
  warning: z.number().nullable(),
  critical: z.number().nullable(),
  comparison: z.enum(["above", "below"]).nullable(),
  /** Throughput: the plan's peak rate; utilisations: the plan's utilisation at peak, in percent. */
  planned: z.number().nullable(),
  /** The last point and the highest (lowest, for "below") over the range. */
  latest: z.number().nullable(),
  worst: z.number().nullable(),
});
export type HealthSeries = z.infer<typeof HealthSeriesSchema>;

export const HealthClusterSchema = z.strictObject({
  region: z.string(),
  role: z.string(),
  family: z.string(),
  series: z.array(HealthSeriesSchema),
});

export const ALARM_STATES = ["ok", "alarm", "insufficient-data"] as const;

export const HealthAlarmSchema = z.strictObject({
  alarmName: z.string(),
  region: z.string(),
  role: z.string(),
  metric: z.enum(THRESHOLD_METRICS),
  severity: z.enum(["critical", "warning"]),
  state: z.enum(ALARM_STATES),
  reason: z.string(),
  since: z.iso.datetime(),
  /** Transitions into alarm over the last 30 days. */
  firesLast30Days: z.number().int().nonnegative(),
  /** Where it goes: warnings to the owning team's channel, criticals page. */
  routing: z.enum(["team-channel", "page"]),
  runbook: z.strictObject({ href: z.string(), firstStep: z.string() }),
  /** The threshold level now set for this severity (the one-click change edits it). */
  level: z.number().nullable(),
  unit: z.string(),
});
export type HealthAlarm = z.infer<typeof HealthAlarmSchema>;

export const HealthTransitionSchema = z.strictObject({
  alarmName: z.string(),
  at: z.iso.datetime(),
  from: z.enum(ALARM_STATES),
  to: z.enum(ALARM_STATES),
  reason: z.string(),
});

export const DatastoreHealthSchema = z.strictObject({
  datastoreId: z.string(),
  range: z.enum(HEALTH_RANGES),
  from: z.iso.datetime(),
  to: z.iso.datetime(),
  periodSeconds: z.number().int().positive(),
  /** "simulated" when the numbers come from the simulated source (labelled so wherever they show). */
  source: z.enum(["aws", "simulated"]),
  clusters: z.array(HealthClusterSchema),
  alarms: z.array(HealthAlarmSchema),
  /** State changes over the range, newest first. */
  history: z.array(HealthTransitionSchema),
  incidents: z.array(IncidentSchema),
});
export type DatastoreHealth = z.infer<typeof DatastoreHealthSchema>;

// ── At risk, fleet-wide ──────────────────────────────────────────────────────────────────────────────────────
export const AT_RISK_FINDING_KINDS = ["alarming", "near-threshold", "running-out-of-room", "load-departs-from-plan"] as const;

export const AtRiskFindingSchema = z.strictObject({
  kind: z.enum(AT_RISK_FINDING_KINDS),
  severity: z.enum(["critical", "warning"]),
  summary: z.string(),
  metric: z.string().optional(),
  region: z.string().optional(),
  role: z.string().optional(),
  href: z.string(),
});

export const AtRiskItemSchema = z.strictObject({
  datastore: z.strictObject({
    id: z.string(),
    name: z.string(),
    family: z.string(),
    tier: z.number().int(),
    team: z.strictObject({ id: z.string(), slug: z.string() }),
  }),
  /** critical when any finding is. */
  severity: z.enum(["critical", "warning"]),
  findings: z.array(AtRiskFindingSchema),
});
export type AtRiskItem = z.infer<typeof AtRiskItemSchema>;

export const AtRiskListSchema = z.strictObject({
  items: z.array(AtRiskItemSchema),
  /** Active datastores looked at (those the caller may see). */
  checked: z.number().int().nonnegative(),
  /** Checks that failed for a datastore (the cloud did not answer): the list may be incomplete. */
  errors: z.array(z.strictObject({ datastoreId: z.string(), check: z.string(), message: z.string() })),
  source: z.enum(["aws", "simulated"]),
  checkedAt: z.iso.datetime(),
});
export type AtRiskList = z.infer<typeof AtRiskListSchema>;

export const AtRiskQuerySchema = z.strictObject({
  kind: z.enum(AT_RISK_FINDING_KINDS, { error: `must be one of ${AT_RISK_FINDING_KINDS.join(", ")}` }).optional(),
  team: z.string().min(1).max(100).optional(),
});
export type AtRiskQuery = z.infer<typeof AtRiskQuerySchema>;
