// How health numbers read: units as people write them, metric names as the runbooks title them. Pure: the health
// tab, its charts and the at-risk list's sentences (lib/server/health/at-risk-checks.ts) all say them this way.
import { RUNBOOKS } from "@/lib/runbooks";
import { THRESHOLD_METRICS } from "@/lib/schemas/plan";

const EXTRA_TITLES: Record<string, string> = { "reads-per-second": "Reads per second", "writes-per-second": "Writes per second" };

export function metricTitle(metric: string): string {
  const m = THRESHOLD_METRICS.find((x) => x === metric);
  return m ? RUNBOOKS[m].title : (EXTRA_TITLES[metric] ?? metric);
}

function num(v: number): string {
  const abs = Math.abs(v);
  if (abs >= 10_000) return Math.round(v).toLocaleString("en-US");
  if (abs >= 100) return Math.round(v).toString();
  if (abs >= 10) return (Math.round(v * 10) / 10).toString();
  return (Math.round(v * 100) / 100).toString();
}

export function formatMetric(v: number, unit: string): string {
  switch (unit) {
    case "percent":
      return `${num(v)}%`;
    case "ms":
      return `${num(v)} ms`;
    case "per-second":
      return `${num(v)}/s`;
    case "seconds":
      return `${num(v)} s`;
    default:
      return num(v);
  }
}
