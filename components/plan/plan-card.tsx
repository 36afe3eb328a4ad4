// One ranked plan: its clusters, cost and why the planner sized it this way.
import type { Plan } from "@/lib/schemas";
import { formatGib, formatUsd } from "@/components/ui/format";
import { groupClusters, primaryInstance, totalNodes } from "./cluster-groups";
import { TableScroll } from "@/components/ui/table-scroll";
import { formatCostDelta, sizedByText } from "./plan-text";
import { UtilisationBars } from "./utilisation-bars";

/** `open`: whether the card starts expanded (default: the #1 plan; a request page opens the plan that was chosen). */
export function PlanCard({ plan, best, open = plan.rank === 1 }: { plan: Plan; best: Plan; open?: boolean }) {
  const groups = groupClusters(plan.clusters);
  const delta = plan.annualCost - best.annualCost;
  return (
    <li className="plan" data-testid="plan-card" data-rank={plan.rank}>
      <details open={open}>
        <summary className="plan-head">
          <span className={`rank${plan.rank === 1 ? " rank--best" : ""}`}>#{plan.rank}</span>
          <span className="plan-title">
            <code data-testid="plan-instance-type">{primaryInstance(plan)}</code>
            <span className="muted small">
              {" "}
              · {totalNodes(plan)} nodes · sized by {sizedByText(plan)}
            </span>
            {plan.simulations ? (
              <span className="plan-shortfall small" data-testid="plan-shortfall">
                Too few nodes in {plan.simulations.underProvisioned} of {plan.simulations.worlds} simulated worlds
              </span>
            ) : null}
          </span>
          <span className="plan-cost">
            <strong>{formatUsd(plan.annualCost)}</strong>
            <span className="muted small"> / year</span>
            {plan.rank === 1 ? null : <span className={`delta${delta < 0 ? " delta--cheaper" : ""}`}>{formatCostDelta(delta, best.annualCost)}</span>}
          </span>
        </summary>
        <div className="plan-body">
          <TableScroll label={`Plan #${plan.rank} clusters`}>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Role</th>
                  <th scope="col">Instance</th>
                  <th scope="col">Nodes per zone × zones × regions</th>
                  <th scope="col">Drive</th>
                  <th scope="col" className="num" title="Instances and their attached drives only; transfer and backup are below">
                    Instances and drives / year
                  </th>
                </tr>
              </thead>
              <tbody>
                {groups.map((g) => (
                  <tr key={g.key}>
                    <td>
                      <span className="badge">{g.role}</span>
                    </td>
                    <td>
                      <code>{g.instanceType}</code>
                    </td>
                    <td>
                      {g.nodesPerZone} × {g.zones} × {g.regions.length} = <strong>{g.nodes}</strong>
                      <div className="muted small">{g.regions.join(", ")}</div>
                    </td>
                    <td>{g.drive ? `${g.drive.kind === "ebs" ? g.drive.type : "local NVMe"} · ${formatGib(g.drive.sizeGib)}` : "—"}</td>
                    <td className="num">{formatUsd(g.annualCost)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <td colSpan={4}>Network transfer</td>
                  <td className="num">{formatUsd(plan.costBreakdown.networkTransfer)}</td>
                </tr>
                <tr>
                  <td colSpan={4}>Backup</td>
                  <td className="num">{formatUsd(plan.costBreakdown.backup)}</td>
                </tr>
                <tr>
                  <td colSpan={4}>
                    Total <span className="muted small">({formatUsd(plan.monthlyCost)} / month)</span>
                  </td>
                  <td className="num">
                    <strong>{formatUsd(plan.annualCost)}</strong>
                  </td>
                </tr>
              </tfoot>
            </table>
          </TableScroll>
          <div className="plan-detail">
            <div>
              <h3 className="subhead">Cost breakdown</h3>
              <dl className="kv">
                <dt>Compute</dt>
                <dd>{formatUsd(plan.costBreakdown.compute)}</dd>
                <dt>Drives</dt>
                <dd>{formatUsd(plan.costBreakdown.drives)}</dd>
                <dt>Network transfer</dt>
                <dd>{formatUsd(plan.costBreakdown.networkTransfer)}</dd>
                <dt>Backup</dt>
                <dd>{formatUsd(plan.costBreakdown.backup)}</dd>
              </dl>
            </div>
            <div>
              <h3 className="subhead">Utilisation per zone</h3>
              <UtilisationBars utilisation={plan.utilisation} bottleneck={plan.bottleneck} driver={sizedByText(plan)} />
            </div>
          </div>
          {plan.explanation.length > 0 ? (
            <>
              <h3 className="subhead">Why this size</h3>
              <ul className="explanation">
                {plan.explanation.map((line, i) => (
                  // Lines can repeat across regions; their order is the key.
                  <li key={i}>{line}</li>
                ))}
              </ul>
            </>
          ) : null}
        </div>
      </details>
    </li>
  );
}
