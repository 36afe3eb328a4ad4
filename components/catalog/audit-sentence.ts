// The audit log as people read it: one sentence per event ("rita@portal.local approved the request with plan #2."),
// and what changed, before → after, where the event records it. The raw action code stays on the element
// (data-action) for engineers and tests; unknown actions fall back to "<who>: <code>".
import { FAMILIES, FAMILY_TITLES, type Family } from "@/lib/schemas";
import { OPERATION_KINDS, OPERATION_PURPOSES, RESOURCE_OPS, type OperationKind, type OperationPurpose } from "@/lib/schemas/operation";
import type { AuditEventDto } from "@/lib/query/types";
import { actorLabel, formatUsd } from "@/components/ui/format";
import { operationTitle, summaryText } from "@/components/provisioning/operation-labels";

export interface AuditSentence {
  text: string;
  /** "cpu-utilisation (data): critical 80 → 85", one line per changed value. */
  changes: string[];
}

type Detail = Record<string, unknown>;

const str = (d: Detail, key: string): string | undefined => (typeof d[key] === "string" ? (d[key] as string) : undefined);
const num = (d: Detail, key: string): number | undefined => (typeof d[key] === "number" ? (d[key] as number) : undefined);
const obj = (v: unknown): Detail | undefined => (v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Detail) : undefined);
const familyOf = (v: unknown): Family | undefined => FAMILIES.find((f) => f === v);
const kindOf = (v: unknown): OperationKind | undefined => OPERATION_KINDS.find((k) => k === v);
const purposeOf = (v: unknown): OperationPurpose | undefined => OPERATION_PURPOSES.find((p) => p === v);

/** Operations as the object of a sentence ("queued the drift check"). */
const OPERATION_NOUNS: Record<OperationPurpose, Partial<Record<OperationKind, string>>> = {
  provision: { preview: "the preview of the provisioning", up: "the provisioning" },
  change: { preview: "the preview of a workload change", up: "the rollout of a workload change" },
  drift: { refresh: "the drift check", preview: "the drift check" },
  decommission: { destroy: "the decommission" },
  cleanup: { destroy: "the cleanup of partial resources" },
  maintenance: { "replace-nodes": "the replacement of nodes" },
  benchmark: { benchmark: "a benchmark" },
};

/** "the preview of the provisioning", "the drift check": an operation named from its detail. */
function operationName(d: Detail): string {
  const kind = kindOf(d.kind);
  const purpose = purposeOf(d.purpose);
  if (!kind || !purpose) return "an operation";
  return OPERATION_NOUNS[purpose][kind] ?? `the ${operationTitle({ kind, purpose }).toLowerCase()}`;
}

const quoted = (text: string | undefined) => (text ? ` “${text.length > 200 ? `${text.slice(0, 199)}…` : text}”` : "");

interface ThresholdLike {
  metric: string;
  role: string;
  warning?: number;
  critical: number;
  forMinutes: number;
}

function thresholdsOf(v: unknown): Map<string, ThresholdLike> {
  const out = new Map<string, ThresholdLike>();
  if (!Array.isArray(v)) return out;
  for (const item of v) {
    const t = obj(item);
    if (!t || typeof t.metric !== "string" || typeof t.role !== "string" || typeof t.critical !== "number" || typeof t.forMinutes !== "number") continue;
    out.set(`${t.metric} (${t.role})`, {
      metric: t.metric,
      role: t.role,
      critical: t.critical,
      forMinutes: t.forMinutes,
      ...(typeof t.warning === "number" ? { warning: t.warning } : {}),
    });
  }
  return out;
}

/** "cpu-utilisation (data): critical 80 → 85" per changed value; added and removed thresholds said as such. */
export function thresholdChanges(before: unknown, after: unknown): string[] {
  const was = thresholdsOf(before);
  const now = thresholdsOf(after);
  const lines: string[] = [];
  const show = (n: number | undefined) => (n === undefined ? "none" : String(n));
  for (const [key, t] of now) {
    const old = was.get(key);
    if (!old) {
      lines.push(`${key}: added (warning ${show(t.warning)}, critical ${t.critical}, for ${t.forMinutes} min)`);
      continue;
    }
    const parts: string[] = [];
    if (old.warning !== t.warning) parts.push(`warning ${show(old.warning)} → ${show(t.warning)}`);
    if (old.critical !== t.critical) parts.push(`critical ${old.critical} → ${t.critical}`);
    if (old.forMinutes !== t.forMinutes) parts.push(`for ${old.forMinutes} → ${t.forMinutes} min`);
    if (parts.length > 0) lines.push(`${key}: ${parts.join(", ")}`);
  }
  for (const key of was.keys()) if (!now.has(key)) lines.push(`${key}: removed`);
  return lines;
}

export function auditSentence(event: Pick<AuditEventDto, "action" | "actor" | "detail">): AuditSentence {
  const who = event.actor === "system" ? "The portal" : actorLabel(event.actor);
  const d: Detail = event.detail ?? {};
  const say = (text: string, changes: string[] = []): AuditSentence => ({ text, changes });
  const family = familyOf(d.family);
  switch (event.action) {
    case "request.created":
      return say(`${who} created the request${quoted(str(d, "name"))}.`);
    case "request.updated": {
      const fields = Array.isArray(d.fields) ? d.fields.filter((f): f is string => typeof f === "string") : [];
      return say(`${who} edited the request${fields.length > 0 ? ` (${fields.join(", ")})` : ""}.`);
    }
    case "request.submitted": {
      const cost = num(d, "annualCost");
      const rank = num(d, "chosenRank");
      return say(
        `${who} submitted the request for review${family ? `: ${FAMILY_TITLES[family]}` : ""}${rank ? `, plan #${rank}` : ""}${cost !== undefined ? `, ${formatUsd(cost)} a year` : ""}.`,
      );
    }
    case "request.approved": {
      const rank = num(d, "chosenRank");
      return say(`${who} approved the request${rank ? ` with plan #${rank}` : ""}${d.thresholdsAdjusted === true ? " and adjusted thresholds" : ""}.`);
    }
    case "request.changes-requested":
      return say(`${who} sent the request back for changes.`);
    case "request.rejected":
      return say(`${who} rejected the request.`);
    case "request.cancelled":
      return say(`${who} cancelled the request${str(d, "from") ? ` (it was ${str(d, "from")})` : ""}.`);
    case "request.commented":
      return say(`${who} commented on the request.`);
    case "datastore.created":
      return say(`The datastore joined the catalog${family ? ` as ${FAMILY_TITLES[family]}` : ""}, approved by ${who}.`);
    case "datastore.thresholds.updated": {
      const changes = thresholdChanges(d.before, d.after);
      return say(`${who} changed the SLA thresholds${changes.length === 0 ? " (no value changed)" : ""}.`, changes);
    }
    case "datastore.decommissioned":
      return say(`${who} retired the datastore without a destroy${str(d, "reason") ? `: ${str(d, "reason")}` : ""}.`);
    case "operation.queued":
      return say(`${who} queued ${operationName(d)}.`);
    case "operation.retried":
      return say(`${who} retried ${operationName(d)}${num(d, "attempt") ? ` (attempt ${num(d, "attempt")})` : ""}.`);
    case "operation.cancel-requested":
      return say(`${who} asked to stop ${operationName(d)}.`);
    case "operation.succeeded": {
      const summary = obj(d.summary) ?? {};
      const counts = summaryText(
        Object.fromEntries(RESOURCE_OPS.flatMap((op) => (typeof summary[op] === "number" ? [[op, summary[op]]] : []))),
        d.kind === "preview" || d.kind === "refresh" ? "plan" : "done",
      );
      const name = operationName(d);
      return say(`${name.charAt(0).toUpperCase()}${name.slice(1)} succeeded${counts ? `: ${counts}` : ""}.`);
    }
    case "operation.failed":
    case "operation.cancelled":
    case "operation.interrupted": {
      const name = operationName(d);
      const verb = event.action === "operation.failed" ? "failed" : event.action === "operation.cancelled" ? "was cancelled" : "was interrupted";
      const by = event.actor === "system" ? "" : ` by ${who}`;
      return say(`${name.charAt(0).toUpperCase()}${name.slice(1)} ${verb}${by}${str(d, "error") ? `: ${str(d, "error")}` : ""}.`);
    }
    case "change.requested": {
      const cost = obj(d.annualCost);
      const before = cost && typeof cost.before === "number" ? cost.before : undefined;
      const after = cost && typeof cost.after === "number" ? cost.after : undefined;
      const needs = d.status === "pending-approval" ? ", which waits for a reviewer's approval" : "";
      if (d.kind === "decommission") return say(`${who} asked to decommission the datastore${needs}.${quoted(str(d, "reason"))}`.trim());
      const changes = before !== undefined && after !== undefined ? [`annual cost ${formatUsd(before)} → ${formatUsd(after)}`] : [];
      return say(`${who} asked for a workload change${needs}.${quoted(str(d, "reason"))}`.trim(), changes);
    }
    case "change.approved":
    case "change.rejected": {
      const what = d.kind === "decommission" ? "the decommission" : "the workload change";
      return say(`${who} ${event.action === "change.approved" ? "approved" : "rejected"} ${what}.${quoted(str(d, "comment"))}`.trim());
    }
    case "change.cancelled":
      return say(`${who} withdrew ${d.kind === "decommission" ? "the decommission request" : "the workload change"}.`);
    default:
      return say(`${who}: ${event.action}`);
  }
}
