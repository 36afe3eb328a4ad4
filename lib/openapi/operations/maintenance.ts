// Proactive maintenance: a datastore's weekly windows and scheduled replacements, approving one, a team's policy.
import { TeamSchema } from "../../schemas/access";
import { ScheduledMaintenanceListSchema } from "../../schemas/maintenance";
import { MaintenanceOverviewSchema, MaintenanceWindowListSchema, PutMaintenanceWindowsBodySchema, TeamPolicyPatchSchema } from "../../schemas/maintenance";
import { OperationSchema } from "../../schemas/operation";
import { EmptyBodySchema } from "../../schemas/request";
import { BODY_ERRORS, type ApiOperation } from "./shared";

export const MAINTENANCE = {
  listScheduledMaintenance: {
    method: "GET",
    path: "/api/v1/maintenance",
    summary: "Your teams' scheduled maintenance",
    description:
      "Node replacements queued or running on the datastores of your own teams, soonest first (at most 50): when each runs (its window) and what it waits for (a reviewer's approval). The dashboard shows them.",
    tag: "datastores",
    response: { status: 200, description: "Replacements queued or running.", schema: ScheduledMaintenanceListSchema },
    errors: ["internal"],
  },
  getDatastoreMaintenance: {
    method: "GET",
    path: "/api/v1/datastores/{id}/maintenance",
    summary: "A datastore's maintenance",
    description:
      "Its weekly maintenance windows (UTC) and when the next opens, its pending cloud events (retirement, stop, reboot, system maintenance, impaired status checks) with their deadlines and the replacement answering each, and its recent replace-nodes operations with their steps and what they wait for (their window, a reviewer's approval).",
    tag: "datastores",
    response: { status: 200, description: "Windows, pending events and replacements.", schema: MaintenanceOverviewSchema },
    errors: ["not_found", "internal"],
  },
  getMaintenanceWindows: {
    method: "GET",
    path: "/api/v1/datastores/{id}/maintenance/windows",
    summary: "A datastore's maintenance windows",
    description: "Weekly windows in UTC: weekday (0 = Sunday), start (minutes after 00:00) and duration in minutes; and when the next opens.",
    tag: "datastores",
    response: { status: 200, description: "The windows.", schema: MaintenanceWindowListSchema },
    errors: ["not_found", "internal"],
  },
  putMaintenanceWindows: {
    method: "PUT",
    path: "/api/v1/datastores/{id}/maintenance/windows",
    summary: "Replace a datastore's maintenance windows",
    description:
      "The owning team's members and reviewers replace the whole list (at most 14; none: replacements run as soon as possible). Durations from 30 minutes to 12 hours; windows may not overlap. The maintenance scheduler places each replacement at the start of the last window that ends before the earliest deadline of its events. Audited.",
    tag: "datastores",
    body: PutMaintenanceWindowsBodySchema,
    bodyName: "windows",
    response: { status: 200, description: "The windows now.", schema: MaintenanceWindowListSchema },
    errors: [...BODY_ERRORS, "not_found", "forbidden", "internal"],
  },
  approveOperation: {
    method: "POST",
    path: "/api/v1/operations/{id}/approve",
    summary: "Approve a scheduled replacement",
    description:
      "A replacement of a tier 0 or 1 datastore's nodes waits for a reviewer (the team's reviewers, platform reviewers) unless the team's policy is automatic maintenance. Approving lets it run in its window (or now, without one). 409 when it needs no approval, was approved already, or is no longer queued. Audited.",
    tag: "provisioning",
    body: EmptyBodySchema,
    bodyName: "approval",
    bodyOptional: true,
    response: { status: 200, description: "The operation, approved.", schema: OperationSchema },
    errors: [...BODY_ERRORS, "forbidden", "not_found", "conflict", "internal"],
  },
  updateTeamPolicy: {
    method: "PATCH",
    path: "/api/v1/teams/{teamId}",
    summary: "Change a team's maintenance policy, warning channel and upgrade opt-in",
    description:
      "The team's admins and portal administrators: `autoMaintenance` (true: replacements of its tier 0/1 datastores' nodes run without a reviewer's approval), `warningTopicArn` (the SNS topic its alarm warnings go to; null: the organisation's) and `upgradeEarly` (true: its datastores take upgrades in the first wave of their tier — campaigns created afterwards order them first within each tier's wave). Audited with the values before and after.",
    tag: "access",
    body: TeamPolicyPatchSchema,
    bodyName: "policy",
    response: { status: 200, description: "The team with its policy.", schema: TeamSchema },
    errors: [...BODY_ERRORS, "forbidden", "not_found", "internal"],
  },
} as const satisfies Record<string, ApiOperation>;
