// When the team gave ranges, the planner simulates many worlds; this shows how far the cost could move.
import type { PlanResult } from "@/lib/schemas";
import { formatUsd } from "@/components/ui/format";

type Uncertainty = NonNullable<PlanResult["uncertainty"]>;

export function CostSpread({ uncertainty }: { uncertainty: Uncertainty }) {
  const { p5, p50, p95 } = uncertainty.annualCost;
  // Scale the band to p95 plus a margin so the markers never sit on the edge.
  const max = p95 * 1.1 || 1;
  const at = (v: number) => `${(v / max) * 100}%`;
  return (
    <div className="spread" data-testid="cost-spread">
      <h3 className="subhead">
        Uncertainty <span className="muted">— annual cost over {uncertainty.simulations.toLocaleString("en-US")} simulated worlds</span>
      </h3>
      <div className="spread-track" aria-hidden="true">
        <span className="spread-band" style={{ left: at(p5), width: `calc(${at(p95)} - ${at(p5)})` }} />
        <span className="spread-mid" style={{ left: at(p50) }} />
      </div>
      <dl className="spread-legend">
        <div>
          <dt>p5</dt>
          <dd data-testid="cost-p5">{formatUsd(p5)}</dd>
        </div>
        <div>
          <dt>p50</dt>
          <dd data-testid="cost-p50">{formatUsd(p50)}</dd>
        </div>
        <div>
          <dt>p95</dt>
          <dd data-testid="cost-p95">{formatUsd(p95)}</dd>
        </div>
      </dl>
      {uncertainty.explanation.length > 0 ? (
        <ul className="reasons reasons--small">
          {uncertainty.explanation.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
