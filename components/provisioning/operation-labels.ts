// Words for operations, their statuses and their events: one place, so the panel, the history and the log agree.
import type { OperationEventData, OperationKind, OperationPurpose, OperationStatus, ResourceOp } from "@/lib/schemas/operation";
import type { OperationDto } from "@/lib/query/operations";

const TITLES: Record<OperationPurpose, Partial<Record<OperationKind, string>>> = {
  provision: { preview: "Preview of the provisioning", up: "Provisioning" },
  change: { preview: "Preview of the change", up: "Applying the change" },
  drift: { refresh: "Drift check", preview: "Drift check" },
  decommission: { destroy: "Decommission" },
  cleanup: { destroy: "Destroying partial resources" },
  maintenance: { "replace-nodes": "Node replacement" },
  benchmark: { benchmark: "Benchmark" },
};

export function operationTitle(op: Pick<OperationDto, "kind" | "purpose">): string {
  return TITLES[op.purpose][op.kind] ?? `${op.kind} (${op.purpose})`;
}

export const OPERATION_STATUS_TONES = {
  queued: "neutral",
  running: "info",
  succeeded: "ok",
  failed: "danger",
  cancelled: "neutral",
  interrupted: "warn",
} as const satisfies Record<OperationStatus, string>;

export const OPERATION_STATUS_TEXT = {
  queued: "Queued: waiting for the worker (one operation per datastore at a time).",
  running: "Running.",
  succeeded: "Succeeded.",
  failed: "Failed.",
  cancelled: "Cancelled.",
  interrupted: "Interrupted: the worker running it stopped. Retry it.",
} as const satisfies Record<OperationStatus, string>;

/** Verbs for a resource step, as the diff and the log show them. */
export const RESOURCE_OP_LABELS = {
  create: "create",
  update: "update",
  delete: "delete",
  replace: "replace",
  same: "unchanged",
  read: "read",
  refresh: "refresh",
  import: "import",
  discard: "discard",
} as const satisfies Record<ResourceOp, string>;

/** The order counts are listed in: what changes first. */
export const RESOURCE_OP_ORDER = [
  "create",
  "update",
  "replace",
  "delete",
  "import",
  "read",
  "refresh",
  "discard",
  "same",
] as const satisfies readonly ResourceOp[];

/** "aws:autoscaling/group:Group" → "autoscaling group"; other tokens keep their last segment. */
export function resourceTypeLabel(type: string): string {
  const known: Record<string, string> = {
    "aws:autoscaling/group:Group": "Auto Scaling group",
    "aws:ec2/launchTemplate:LaunchTemplate": "launch template",
    "aws:ec2/securityGroup:SecurityGroup": "security group",
    "aws:cloudwatch/metricAlarm:MetricAlarm": "alarm",
    "pulumi:pulumi:Stack": "stack",
    "pulumi:providers:aws": "AWS provider",
  };
  if (known[type]) return known[type];
  const last = type.split(":").at(-1) ?? type;
  return last.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
}

/** One event as a log line: the step (op), the resource it concerns, and what happened. */
export function describeEvent(data: OperationEventData): { op: string; resource: string | null; message: string; severity: "info" | "warning" | "error" } {
  switch (data.type) {
    case "started":
      return {
        op: data.kind,
        resource: null,
        message: data.planned !== undefined ? `started: ${data.planned} resource steps planned` : "started",
        severity: "info",
      };
    case "resource-pre":
      return { op: RESOURCE_OP_LABELS[data.resource.op], resource: data.resource.name, message: `${resourceTypeLabel(data.resource.type)}…`, severity: "info" };
    case "resource-done":
      return {
        op: RESOURCE_OP_LABELS[data.resource.op],
        resource: data.resource.name,
        message: `${resourceTypeLabel(data.resource.type)} done${data.durationMs !== undefined ? ` in ${(data.durationMs / 1000).toFixed(1)} s` : ""}`,
        severity: "info",
      };
    case "resource-failed":
      return { op: RESOURCE_OP_LABELS[data.resource.op], resource: data.resource.name, message: data.message, severity: "error" };
    case "diagnostic":
      return {
        op: data.severity,
        resource: null,
        message: data.message,
        severity: data.severity === "error" ? "error" : data.severity === "warning" ? "warning" : "info",
      };
    case "summary":
      return {
        op: "summary",
        resource: null,
        message: `${countsText(data.changes) || "no changes"} in ${(data.durationMs / 1000).toFixed(1)} s`,
        severity: "info",
      };
    case "status":
      return {
        op: "status",
        resource: null,
        message: data.message ? `${data.status}: ${data.message}` : data.status,
        severity: data.status === "failed" || data.status === "interrupted" ? "error" : "info",
      };
  }
}

const PAST = {
  create: "created",
  update: "updated",
  delete: "deleted",
  replace: "replaced",
  same: "unchanged",
  read: "read",
  refresh: "refreshed",
  import: "imported",
  discard: "discarded",
} as const satisfies Record<ResourceOp, string>;

/** "12 to create, 3 unchanged" (a preview) or "12 created, 3 unchanged" (a finished up or destroy). */
export function summaryText(summary: Partial<Record<ResourceOp, number>> | null | undefined, tense: "plan" | "done" = "plan"): string {
  if (!summary) return "";
  return RESOURCE_OP_ORDER.filter((op) => (summary[op] ?? 0) > 0)
    .map((op) => `${summary[op]} ${op === "same" ? "unchanged" : tense === "done" ? PAST[op] : `to ${RESOURCE_OP_LABELS[op]}`}`)
    .join(", ");
}

/** "create 12 · unchanged 3": counts without saying whether they are planned or done (the engine's summary). */
export function countsText(summary: Partial<Record<ResourceOp, number>>): string {
  return RESOURCE_OP_ORDER.filter((op) => (summary[op] ?? 0) > 0)
    .map((op) => `${RESOURCE_OP_LABELS[op]} ${summary[op]}`)
    .join(" · ");
}

/** Previews and drift checks describe what would change; the others what did. */
export const tenseOf = (op: Pick<OperationDto, "kind">): "plan" | "done" => (op.kind === "preview" || op.kind === "refresh" ? "plan" : "done");
