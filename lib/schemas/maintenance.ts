// Maintenance: a datastore's weekly windows (UTC), the replacements scheduled into them, and a team's policy.
import { z } from "zod";

export const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"] as const;

/** A weekly window in UTC: weekday (0 = Sunday), start in minutes after 00:00, duration in minutes. */
export const MaintenanceWindowSchema = z.strictObject({
  weekday: z
    .number("must be a whole number from 0 (Sunday) to 6 (Saturday)")
    .int("must be a whole number from 0 (Sunday) to 6 (Saturday)")
    .min(0, "must be from 0 (Sunday) to 6 (Saturday)")
    .max(6, "must be from 0 (Sunday) to 6 (Saturday)"),
  startMinute: z
    .number("must be a whole number of minutes after 00:00 UTC")
    .int("must be a whole number of minutes after 00:00 UTC")
    .min(0, "must be from 0 to 1439 (minutes after 00:00 UTC)")
    .max(1439, "must be from 0 to 1439 (minutes after 00:00 UTC)"),
  durationMinutes: z
    .number("must be a whole number of minutes")
    .int("must be a whole number of minutes")
    .min(30, "must be at least 30 minutes")
    .max(720, "must be at most 720 minutes (12 hours)"),
});
export type MaintenanceWindow = z.infer<typeof MaintenanceWindowSchema>;

/** PUT /api/v1/datastores/{id}/maintenance/windows body: the full list (replaces what was there). */
export const PutMaintenanceWindowsBodySchema = z.strictObject({
  windows: z.array(MaintenanceWindowSchema, "must be a list of windows").max(14, "must hold at most 14 windows"),
});
export type PutMaintenanceWindowsBody = z.infer<typeof PutMaintenanceWindowsBodySchema>;

export const MaintenanceWindowListSchema = z.strictObject({
  windows: z.array(MaintenanceWindowSchema),
  /** The next time a window opens (ISO), or null without windows. */
  nextOpensAt: z.iso.datetime().nullable(),
});
export type MaintenanceWindowList = z.infer<typeof MaintenanceWindowListSchema>;

/** A pending fleet event of the datastore, as the maintenance tab shows it. */
export const MaintenanceEventSchema = z.strictObject({
  id: z.string(),
  instanceId: z.string(),
  region: z.string(),
  zone: z.string(),
  role: z.string(),
  code: z.string(),
  description: z.string(),
  deadline: z.iso.datetime().nullable(),
  /** The replace-nodes operation answering it, if one was scheduled. */
  operationId: z.string().nullable(),
});

export const ReplacementStepDtoSchema = z.strictObject({
  seq: z.number().int().nonnegative(),
  batch: z.number().int().nonnegative(),
  region: z.string(),
  zone: z.string(),
  role: z.string(),
  instanceId: z.string(),
  status: z.enum(["pending", "terminating", "waiting", "done", "failed", "skipped"]),
  replacementInstanceId: z.string().nullable(),
  error: z.string().nullable(),
});
export type ReplacementStepDto = z.infer<typeof ReplacementStepDtoSchema>;

/** A replace-nodes operation with its steps. */
export const MaintenanceReplacementSchema = z.strictObject({
  operationId: z.string(),
  status: z.string(),
  notBefore: z.iso.datetime().nullable(),
  approvalRequired: z.boolean(),
  approvedAt: z.iso.datetime().nullable(),
  approvedBy: z.string().nullable(),
  /** Why it has not started: waiting for its window or a reviewer; null once running or finished. */
  waiting: z.string().nullable(),
  createdAt: z.iso.datetime(),
  steps: z.array(ReplacementStepDtoSchema),
});
export type MaintenanceReplacement = z.infer<typeof MaintenanceReplacementSchema>;

/** GET /api/v1/datastores/{id}/maintenance: windows, pending events, replacements (recent first). */
export const MaintenanceOverviewSchema = z.strictObject({
  windows: z.array(MaintenanceWindowSchema),
  nextOpensAt: z.iso.datetime().nullable(),
  events: z.array(MaintenanceEventSchema),
  replacements: z.array(MaintenanceReplacementSchema),
  /** Whether the caller may edit the windows. */
  canEdit: z.boolean(),
  /** Whether the caller may approve replacements (a platform reviewer or admin). */
  canApprove: z.boolean(),
});
export type MaintenanceOverview = z.infer<typeof MaintenanceOverviewSchema>;

/** An SNS topic ARN: arn:<partition>:sns:<region>:<12-digit account>:<name>. */
const SNS_TOPIC_ARN = /^arn:aws(-[a-z]+)*:sns:[a-z]{2}(-[a-z]+)+-\d:\d{12}:[A-Za-z0-9_-]{1,256}(\.fifo)?$/;

/** PATCH /api/v1/teams/{teamId} body: the team's maintenance policy, warning channel and upgrade opt-in. */
export const TeamPolicyPatchSchema = z
  .strictObject({
    autoMaintenance: z.boolean("must be true or false").optional(),
    warningTopicArn: z
      .string("must be an SNS topic ARN or null")
      .max(256)
      .regex(SNS_TOPIC_ARN, "must be an SNS topic ARN (arn:aws:sns:<region>:<account>:<topic>)")
      .nullable()
      .optional(),
    /** true: the team's datastores take upgrades in the first wave of their tier (campaigns order them first). */
    upgradeEarly: z.boolean("must be true or false").optional(),
  })
  .refine((b) => b.autoMaintenance !== undefined || b.warningTopicArn !== undefined || b.upgradeEarly !== undefined, {
    message: "must set autoMaintenance, warningTopicArn or upgradeEarly",
  });
export type TeamPolicyPatch = z.infer<typeof TeamPolicyPatchSchema>;

/** One scheduled or running replacement, as a team's dashboard lists it. */
export const ScheduledMaintenanceSchema = z.strictObject({
  operationId: z.string(),
  datastoreId: z.string(),
  datastoreName: z.string(),
  teamId: z.string(),
  status: z.string(),
  nodes: z.number().int().nonnegative(),
  done: z.number().int().nonnegative(),
  notBefore: z.iso.datetime().nullable(),
  waiting: z.string().nullable(),
});
export type ScheduledMaintenance = z.infer<typeof ScheduledMaintenanceSchema>;

/** GET /api/v1/maintenance: the caller's teams' replacements queued or running, soonest first. */
export const ScheduledMaintenanceListSchema = z.strictObject({ items: z.array(ScheduledMaintenanceSchema) });
