// Hand-written SVG comparing the candidate plans: cost against size, and how hard each plan works its
// hardware. A charting library would be most of the page's weight for two small charts.
import type { Plan, Utilisation } from "@/lib/schemas";
import { formatPercent, formatUsd, formatUsdCompact } from "@/components/ui/format";
import { primaryInstance, totalNodes } from "./cluster-groups";

// Drawn at about the size it is shown, so 11px text stays 11px.
const W = 400;
const H = 230;
const M = { top: 14, right: 16, bottom: 40, left: 52 };
const IW = W - M.left - M.right;
const IH = H - M.top - M.bottom;

/** About `count` round tick values (1, 2 or 5 × a power of ten apart) whose span covers [min, max]. */
export function niceTicks(min: number, max: number, count = 5, integer = false): number[] {
  if (!(max > min)) return [min, min + 1];
  const raw = (max - min) / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  let step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? raw;
  if (integer) step = Math.max(1, Math.round(step));
  const ticks: number[] = [];
  const end = Math.ceil(max / step) * step;
  for (let t = Math.floor(min / step) * step; t <= end + step * 1e-9; t += step) ticks.push(Number(t.toPrecision(12)));
  return ticks;
}

export function PlanComparison({ plans }: { plans: readonly Plan[] }) {
  return (
    <section className="card" aria-labelledby="compare-title" data-testid="plan-comparison">
      <div className="card-head">
        <h2 id="compare-title">Compare candidates</h2>
        <p className="muted">Each point is a ranked plan; lower is cheaper, further left is fewer nodes.</p>
      </div>
      <div className="charts">
        <CostScatter plans={plans} />
        <UtilisationChart plans={plans} />
      </div>
      <ol className="chart-key" aria-label="Plans in the charts">
        {plans.map((p) => (
          <li key={p.rank}>
            <span className={`rank${p.rank === 1 ? " rank--best" : ""}`}>#{p.rank}</span> <code>{primaryInstance(p)}</code>
            <span className="muted">
              {" "}
              · {totalNodes(p)} nodes · {formatUsdCompact(p.annualCost)}/yr
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}

function CostScatter({ plans }: { plans: readonly Plan[] }) {
  const points = plans.map((p) => ({ rank: p.rank, nodes: totalNodes(p), cost: p.annualCost, label: primaryInstance(p) }));
  const nodes = points.map((p) => p.nodes);
  const costs = points.map((p) => p.cost);
  // Candidates usually sit within a few percent of each other: a zero baseline would stack them on one line.
  const xTicks = niceTicks(Math.max(0, Math.floor(Math.min(...nodes) * 0.8)), Math.max(...nodes) * 1.1 + 1, 5, true);
  const yTicks = niceTicks(Math.min(...costs) * 0.95, Math.max(...costs) * 1.05 + 1, 4);
  const [xMin = 0, xMax = 1] = [xTicks[0], xTicks.at(-1)];
  const [yMin = 0, yMax = 1] = [yTicks[0], yTicks.at(-1)];
  const x = (n: number) => M.left + ((n - xMin) / (xMax - xMin || 1)) * IW;
  const y = (c: number) => M.top + IH - ((c - yMin) / (yMax - yMin || 1)) * IH;
  return (
    <figure className="chart">
      <figcaption>Annual cost vs total nodes</figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`Annual cost against total nodes for ${plans.length} plans`} data-testid="chart-cost-nodes">
        {yTicks.map((t) => (
          <g key={`y${t}`}>
            <line className="grid" x1={M.left} x2={W - M.right} y1={y(t)} y2={y(t)} />
            <text className="tick" x={M.left - 8} y={y(t)} textAnchor="end" dominantBaseline="middle">
              {formatUsdCompact(t)}
            </text>
          </g>
        ))}
        {xTicks.map((t) => (
          <text key={`x${t}`} className="tick" x={x(t)} y={H - M.bottom + 16} textAnchor="middle">
            {t}
          </text>
        ))}
        <line className="axis" x1={M.left} x2={W - M.right} y1={M.top + IH} y2={M.top + IH} />
        <text className="axis-label" x={M.left + IW / 2} y={H - 6} textAnchor="middle">
          total nodes
        </text>
        {[...points].reverse().map((p) => (
          <g key={p.rank} className={p.rank === 1 ? "point point--best" : "point"}>
            <circle cx={x(p.nodes)} cy={y(p.cost)} r={p.rank === 1 ? 7 : 5}>
              <title>{`#${p.rank} ${p.label}: ${p.nodes} nodes, ${formatUsd(p.cost)} a year`}</title>
            </circle>
            <text x={x(p.nodes) + 9} y={y(p.cost)} dominantBaseline="middle" className="point-label">
              #{p.rank}
            </text>
          </g>
        ))}
      </svg>
    </figure>
  );
}

const ALL_RESOURCES = ["cpu", "memory", "disk", "iops", "network"] as const satisfies readonly (keyof Utilisation)[];

function UtilisationChart({ plans }: { plans: readonly Plan[] }) {
  const RESOURCES = ALL_RESOURCES.filter((r) => r !== "iops" || plans.some((p) => p.utilisation.iops !== undefined));
  const yTicks = [0, 0.25, 0.5, 0.75, 1];
  const group = IW / plans.length;
  const barW = Math.min(14, (group - 12) / RESOURCES.length);
  const y = (share: number) => M.top + IH - Math.min(1, share) * IH;
  return (
    <figure className="chart">
      <figcaption>
        Utilisation per resource <span className="muted">(% of planned capacity, headroom included)</span>
        <span className="legend">
          {RESOURCES.map((r) => (
            <span key={r} className="legend-item">
              <span className={`swatch res-${r}`} aria-hidden="true" />
              {r}
            </span>
          ))}
        </span>
      </figcaption>
      <svg
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-label={`Utilisation of ${RESOURCES.join(", ")} per plan, as a share of planned capacity`}
        data-testid="chart-utilisation"
      >
        {yTicks.map((t) => (
          <g key={t}>
            <line className="grid" x1={M.left} x2={W - M.right} y1={y(t)} y2={y(t)} />
            <text className="tick" x={M.left - 8} y={y(t)} textAnchor="end" dominantBaseline="middle">
              {formatPercent(t)}
            </text>
          </g>
        ))}
        <line className="axis" x1={M.left} x2={W - M.right} y1={M.top + IH} y2={M.top + IH} />
        {plans.map((p, i) => {
          const left = M.left + i * group + (group - barW * RESOURCES.length) / 2;
          return (
            <g key={p.rank}>
              {RESOURCES.map((r, j) => (
                <rect
                  key={r}
                  className={`res-${r}`}
                  x={left + j * barW}
                  y={y(p.utilisation[r] ?? 0)}
                  width={barW - 2}
                  height={M.top + IH - y(p.utilisation[r] ?? 0)}
                  rx={2}
                >
                  <title>{`#${p.rank} ${primaryInstance(p)} ${r}: ${formatPercent(p.utilisation[r] ?? 0)}`}</title>
                </rect>
              ))}
              <text className="tick" x={M.left + i * group + group / 2} y={H - M.bottom + 16} textAnchor="middle">
                #{p.rank}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
