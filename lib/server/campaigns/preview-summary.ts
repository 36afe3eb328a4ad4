// A preview with a release's engine version, summarised for people: counts by op, the resources that change, and a
// few sentences. Shared by the affected list (batch previews) and a campaign target's preview step.
import "server-only";
import { ChangeSummarySchema, ResourceChangeSchema, type OperationStatus } from "@/lib/schemas/operation";
import type { PreviewSummary } from "@/lib/schemas/campaign";
import { z } from "zod";
import type { OperationRow } from "../provisioning/operation-rows";

const DiffSchema = z.array(ResourceChangeSchema);
const MAX_CHANGED = 50;

/** The engine version an operation's spec asks for (a campaign's previews and replacements carry the release's). */
export function specEngineVersion(spec: unknown): string | null {
  const parsed = z.object({ engineVersion: z.string() }).safeParse(spec);
  return parsed.success ? parsed.data.engineVersion : null;
}

export function summarisePreview(op: OperationRow, fromVersion: string): PreviewSummary {
  const to = specEngineVersion(op.spec) ?? fromVersion;
  const summary = ChangeSummarySchema.safeParse(op.summary);
  const diff = DiffSchema.safeParse(op.diff);
  const changed = (diff.success ? diff.data : [])
    .filter((r) => r.op !== "same" && r.op !== "read" && r.op !== "refresh")
    .map((r) => ({ type: r.type, name: r.name, op: r.op, zone: r.zone ?? null }));
  const lines = [`engine ${fromVersion} → ${to}`];
  if (summary.success) {
    const counts = Object.entries(summary.data)
      .filter(([, n]) => (n ?? 0) > 0)
      .map(([k, n]) => `${n} ${k}`);
    if (counts.length > 0) lines.push(`resources: ${counts.join(", ")}`);
  }
  const byType = new Map<string, number>();
  for (const c of changed) {
    const short = c.type.split(/[:/]/).pop() ?? c.type;
    byType.set(`${short} ${c.op}`, (byType.get(`${short} ${c.op}`) ?? 0) + 1);
  }
  for (const [what, n] of byType) lines.push(`${n} × ${what}`);
  const error = op.error && typeof op.error === "object" && "message" in op.error ? String((op.error as { message: unknown }).message) : null;
  if (error) lines.push(`failed: ${error}`);
  return {
    operationId: op.id,
    status: op.status as OperationStatus,
    engineVersion: { from: fromVersion, to },
    changes: summary.success ? summary.data : null,
    changed: changed.slice(0, MAX_CHANGED),
    lines,
    error,
    at: (op.finishedAt ?? op.createdAt).toISOString(),
  };
}
