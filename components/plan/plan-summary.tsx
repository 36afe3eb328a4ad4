// The headline of the chosen plan: what it costs, how big it is, what limits it, and how sure we are.
import { FAMILY_TITLES, type Plan, type PlanResult } from "@/lib/schemas";
import { formatUsd } from "@/components/ui/format";
import { groupClusters, topologyText, totalNodes } from "./cluster-groups";
import { CostBreakdownBar, CostCallout } from "./cost-breakdown";
import { CostSpread } from "./cost-spread";
import { sizedByText } from "./plan-text";
import { UtilisationBars } from "./utilisation-bars";

export type PricingNote = Plan["pricing"][number];

/**
 * `label` names the plan where "recommended" would mislead (a request's approved plan); `pricing` defaults to the
 * plan's own borrowed prices, so the summary always says when a region is priced with another region's prices.
 */
export function PlanSummary({
  plan,
  result,
  pricing = plan.pricing,
  label,
}: {
  plan: Plan;
  result: PlanResult;
  pricing?: readonly PricingNote[];
  label?: string;
}) {
  const groups = groupClusters(plan.clusters);
  const regionCount = new Set(plan.clusters.map((c) => c.region)).size;
  return (
    <section className="card summary" aria-labelledby="summary-title" data-testid="plan-summary">
      <div className="card-head">
        <p className="eyebrow" id="summary-title">
          {label ?? (result.recommended ? "Recommended plan" : "Plan")} · {FAMILY_TITLES[result.family]}
        </p>
      </div>
      <div className="summary-grid">
        <div className="stat stat--primary">
          <span className="stat-label">Annual cost</span>
          <span className="stat-value" data-testid="plan-annual-cost" data-value={plan.annualCost}>
            {formatUsd(plan.annualCost)}
          </span>
          <span className="stat-sub" data-testid="plan-monthly-cost">
            {formatUsd(plan.monthlyCost)} / month
          </span>
        </div>
        <div className="stat">
          <span className="stat-label">Nodes</span>
          <span className="stat-value">{totalNodes(plan)}</span>
          <span className="stat-sub">
            in {regionCount} region{regionCount === 1 ? "" : "s"}
          </span>
        </div>
        <div className="stat">
          <span className="stat-label">Sized by</span>
          <span className="stat-value stat-value--text" data-testid="plan-bottleneck">
            {sizedByText(plan)}
          </span>
          <span className="stat-sub">
            {plan.bottleneck === "minimum" ? "a floor set the node count, not a resource" : "the resource that set the node count"}
          </span>
        </div>
      </div>
      {result.uncertainty ? <CostSpread uncertainty={result.uncertainty} /> : null}
      <div className="summary-body">
        <div>
          <h3 className="subhead">Topology</h3>
          <ul className="topology">
            {groups.map((g) => (
              <li key={g.key}>
                <span className="badge">{g.role}</span> <code>{g.instanceType}</code>
                <span className="muted">
                  {" "}
                  — {topologyText(g)} = {g.nodes} nodes
                </span>
              </li>
            ))}
          </ul>
          <h3 className="subhead">Cost breakdown</h3>
          <CostBreakdownBar breakdown={plan.costBreakdown} />
        </div>
        <div>
          <h3 className="subhead">Utilisation per zone</h3>
          <UtilisationBars utilisation={plan.utilisation} bottleneck={plan.bottleneck} driver={sizedByText(plan)} />
        </div>
      </div>
      <CostCallout breakdown={plan.costBreakdown} regions={regionCount} />
      {pricing.length > 0 ? (
        <ul className="footnotes" data-testid="pricing-notes">
          {pricing.map((p) => (
            <li key={p.region}>
              <code>{p.region}</code> is priced with <code>{p.pricedAs}</code> prices ({p.priceTable}): it has no price table of its own.
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
