// A benchmark run's per-second series as two inline SVG charts, drawn the way the health tab draws its metrics (no
// chart library; the SVG scales to its box, so a phone shows the same chart narrower): requests answered per second
// (reads and writes, against the target rate) and the p99 response time of each second (against the datastore's p99
// threshold when it has one). The x axis spans the whole measured window, so a live run's lines grow left to right.
import type { ThroughputPoint } from "@/lib/bench/result";
import { formatMetric } from "@/lib/metric-format";

const W = 320;
const H = 120;
const PAD = { left: 4, right: 4, top: 14, bottom: 16 };

interface Line {
  name: string;
  className: string;
  points: readonly { second: number; value: number }[];
}

function pathOf(points: readonly { x: number; y: number }[]): string {
  return points.map((p, i) => `${i === 0 ? "M" : "L"}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join("");
}

function SeriesChart({
  testId,
  title,
  unit,
  lines,
  spanS,
  level,
  latest,
}: {
  testId: string;
  title: string;
  unit: "per-second" | "ms";
  lines: readonly Line[];
  spanS: number;
  level: { name: string; value: number; className: string } | null;
  latest: number | null;
}) {
  const values = lines.flatMap((l) => l.points.map((p) => p.value));
  const top = Math.max(1e-9, ...values, ...(level ? [level.value * 1.1] : []));
  const x = (second: number) => PAD.left + (second / Math.max(1, spanS)) * (W - PAD.left - PAD.right);
  const y = (v: number) => H - PAD.bottom - (v / top) * (H - PAD.top - PAD.bottom);
  const empty = values.length === 0;
  const peak = empty ? null : Math.max(...values);
  const label = [
    `${title}: latest ${latest === null ? "no data" : formatMetric(latest, unit)}`,
    peak !== null ? `highest ${formatMetric(peak, unit)}` : null,
    level ? `${level.name} ${formatMetric(level.value, unit)}` : null,
  ]
    .filter(Boolean)
    .join(", ");
  return (
    <figure className="metric-chart" data-testid={testId} data-points={Math.max(0, ...lines.map((l) => l.points.length))}>
      <figcaption>
        <span className="metric-chart-title">{title}</span>
        <span className="metric-chart-latest">{latest === null ? "no data" : formatMetric(latest, unit)}</span>
      </figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label} preserveAspectRatio="xMidYMid meet">
        <title>{label}</title>
        <line className="chart-axis" x1={PAD.left} x2={W - PAD.right} y1={H - PAD.bottom} y2={H - PAD.bottom} />
        {level ? (
          <g className={level.className}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(level.value)} y2={y(level.value)} />
            <text x={W - PAD.right - 2} y={y(level.value) - 3} textAnchor="end">
              {level.name} {formatMetric(level.value, unit)}
            </text>
          </g>
        ) : null}
        {lines.map((l) =>
          l.points.length > 0 ? (
            <path key={l.name} className={`chart-line ${l.className}`} d={pathOf(l.points.map((p) => ({ x: x(p.second), y: y(p.value) })))} />
          ) : null,
        )}
        {empty ? (
          <text x={W / 2} y={H / 2} textAnchor="middle" className="chart-empty">
            no data yet
          </text>
        ) : null}
        <text x={PAD.left} y={H - 3} className="chart-tick">
          0 s
        </text>
        <text x={W - PAD.right} y={H - 3} textAnchor="end" className="chart-tick">
          {spanS} s
        </text>
      </svg>
      {lines.length > 1 ? (
        <ul className="bench-legend" aria-hidden="true">
          {lines.map((l) => (
            <li key={l.name}>
              <span className={`bench-legend-swatch ${l.className}`} /> {l.name}
            </li>
          ))}
        </ul>
      ) : null}
    </figure>
  );
}

/** Throughput and p99 per second of a run (live from its progress, or from its result once finished). */
export function BenchSeriesCharts({
  series,
  spanS,
  targetPerSecond,
  p99ThresholdMs,
}: {
  series: readonly ThroughputPoint[];
  /** The measured window's length: the profile's duration (a cancelled run's series simply ends early). */
  spanS: number;
  targetPerSecond: number | null;
  p99ThresholdMs: number | null;
}) {
  const last = series.at(-1) ?? null;
  const withP99 = series.filter((p): p is ThroughputPoint & { p99Ms: number } => p.p99Ms !== null);
  const span = Math.max(spanS, last ? last.second + 1 : 0);
  return (
    <div className="bench-charts" data-testid="bench-charts">
      <SeriesChart
        testId="bench-chart-throughput"
        title="Answered per second"
        unit="per-second"
        spanS={span}
        latest={last ? last.reads + last.writes : null}
        level={targetPerSecond !== null ? { name: "target", value: targetPerSecond, className: "chart-planned" } : null}
        lines={[
          { name: "reads + writes", className: "bench-line-total", points: series.map((p) => ({ second: p.second, value: p.reads + p.writes })) },
          { name: "writes", className: "bench-line-writes", points: series.map((p) => ({ second: p.second, value: p.writes })) },
          { name: "errors", className: "bench-line-errors", points: series.filter((p) => p.errors > 0).map((p) => ({ second: p.second, value: p.errors })) },
        ]}
      />
      <SeriesChart
        testId="bench-chart-p99"
        title="p99 response time"
        unit="ms"
        spanS={span}
        latest={withP99.at(-1)?.p99Ms ?? null}
        level={p99ThresholdMs !== null ? { name: "threshold", value: p99ThresholdMs, className: "chart-critical" } : null}
        lines={[{ name: "p99", className: "bench-line-p99", points: withP99.map((p) => ({ second: p.second, value: p.p99Ms })) }]}
      />
    </div>
  );
}
