// One metric of one role over the range, as an inline SVG (no chart library): the series, its threshold's warning
// and critical levels, and the plan's level when there is one. The SVG scales to its box's width, so a phone shows
// the same chart narrower, never wider than the page.
import type { HealthSeries } from "@/lib/schemas/sla-health";
import { formatMetric, metricTitle } from "@/lib/metric-format";

const W = 320;
const H = 120;
const PAD = { left: 4, right: 4, top: 14, bottom: 16 };

function pathOf(points: readonly { x: number; y: number }[]): string {
  return points.map((p, i) => `${i === 0 ? "M" : "L"}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join("");
}

/** Whether the series crossed the threshold's level (in its direction) anywhere in the range. */
export function crossed(s: HealthSeries, level: number | null): boolean {
  if (level === null || s.worst === null) return false;
  return s.comparison === "below" ? s.worst <= level : s.worst >= level;
}

export function MetricChart({ series: s, from, to }: { series: HealthSeries; from: string; to: string }) {
  const t0 = Date.parse(from);
  const t1 = Date.parse(to);
  const values = s.points.map((p) => p.value);
  const top = Math.max(1e-9, ...values, ...[s.critical, s.warning, s.planned].filter((v): v is number => v !== null).map((v) => v * 1.1));
  const x = (at: number) => PAD.left + ((at - t0) / Math.max(1, t1 - t0)) * (W - PAD.left - PAD.right);
  const y = (v: number) => H - PAD.bottom - (v / top) * (H - PAD.top - PAD.bottom);
  const line = pathOf(s.points.map((p) => ({ x: x(Date.parse(p.at)), y: y(p.value) })));
  const overCritical = crossed(s, s.critical);
  const overWarning = crossed(s, s.warning);
  const title = metricTitle(s.metric);
  const label = [
    `${title}: latest ${s.latest === null ? "no data" : formatMetric(s.latest, s.unit)}`,
    s.worst !== null ? `${s.comparison === "below" ? "lowest" : "highest"} ${formatMetric(s.worst, s.unit)}` : null,
    s.critical !== null ? `critical ${formatMetric(s.critical, s.unit)}${overCritical ? " (crossed)" : ""}` : null,
    s.warning !== null ? `warning ${formatMetric(s.warning, s.unit)}${!overCritical && overWarning ? " (crossed)" : ""}` : null,
    s.planned !== null ? `planned ${formatMetric(s.planned, s.unit)}` : null,
  ]
    .filter(Boolean)
    .join(", ");
  const level = (v: number | null, cls: string, name: string) =>
    v === null ? null : (
      <g className={cls}>
        <line x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} />
        <text x={W - PAD.right - 2} y={y(v) - 3} textAnchor="end">
          {name} {formatMetric(v, s.unit)}
        </text>
      </g>
    );

  return (
    <figure className="metric-chart" data-testid={`chart-${s.metric}`} data-over={overCritical ? "critical" : overWarning ? "warning" : "none"}>
      <figcaption>
        <span className="metric-chart-title">{title}</span>
        <span className={`metric-chart-latest${overCritical ? " is-critical" : overWarning ? " is-warning" : ""}`}>
          {s.latest === null ? "no data" : formatMetric(s.latest, s.unit)}
        </span>
      </figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label} preserveAspectRatio="xMidYMid meet">
        <title>{label}</title>
        <line className="chart-axis" x1={PAD.left} x2={W - PAD.right} y1={H - PAD.bottom} y2={H - PAD.bottom} />
        {level(s.planned, "chart-planned", "plan")}
        {level(s.warning, "chart-warning", "warn")}
        {level(s.critical, "chart-critical", "crit")}
        {s.points.length > 0 ? <path className={`chart-line${overCritical ? " is-critical" : ""}`} d={line} /> : null}
        {s.points.length === 0 ? (
          <text x={W / 2} y={H / 2} textAnchor="middle" className="chart-empty">
            no data
          </text>
        ) : null}
        <text x={PAD.left} y={H - 3} className="chart-tick">
          {new Date(t0).toISOString().slice(5, 16).replace("T", " ")}
        </text>
        <text x={W - PAD.right} y={H - 3} textAnchor="end" className="chart-tick">
          {new Date(t1).toISOString().slice(5, 16).replace("T", " ")} UTC
        </text>
      </svg>
    </figure>
  );
}
