// A threshold as the database stores it: the one mapping used by approval (first set) and by edits (replacements).
import "server-only";
import type { Threshold } from "@/lib/schemas/plan";

export function toThresholdRow(t: Threshold) {
  return {
    metric: t.metric,
    role: t.role,
    family: t.family,
    comparison: t.comparison,
    warning: t.warning ?? null,
    critical: t.critical,
    unit: t.unit,
    forMinutes: t.forMinutes,
    description: t.description,
  };
}
