"use client";
// The pinned plans side by side for a reviewer: cost, nodes, what sized each and how hard it works its hardware,
// with the chosen one marked; a reviewer may pick another before approving.
import type { Plan } from "@/lib/schemas";
import { formatPercent, formatUsd } from "@/components/ui/format";
import { primaryInstance, totalNodes } from "@/components/plan/cluster-groups";
import { formatCostDelta, sizedByText } from "@/components/plan/plan-text";

export function PlanChoice({
  plans,
  chosenRank,
  onChoose,
  editable,
}: {
  plans: readonly Plan[];
  chosenRank: number;
  onChoose: (rank: number) => void;
  editable: boolean;
}) {
  const best = plans[0];
  return (
    <section className="card" aria-labelledby="choice-title" data-testid="plan-choice">
      <div className="card-head">
        <h2 id="choice-title">Chosen plan and alternatives</h2>
        <p className="muted">
          {editable ? "Pick another plan to approve it instead of the cheapest." : "The plan the requester's workload was pinned to, beside the alternatives."}
        </p>
      </div>
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Plan</th>
              <th scope="col">Instance</th>
              <th scope="col" className="num">
                Nodes
              </th>
              <th scope="col">Sized by</th>
              <th scope="col" className="num">
                CPU
              </th>
              <th scope="col" className="num">
                Memory
              </th>
              <th scope="col" className="num">
                Disk
              </th>
              <th scope="col" className="num">
                Annual cost
              </th>
            </tr>
          </thead>
          <tbody>
            {plans.map((p) => {
              const chosen = p.rank === chosenRank;
              return (
                <tr key={p.rank} className={chosen ? "chosen-row" : undefined} data-testid="plan-choice-row" data-rank={p.rank} data-chosen={chosen}>
                  <td className="nowrap">
                    <label className="check">
                      {editable ? (
                        <input type="radio" name="chosen-plan" checked={chosen} onChange={() => onChoose(p.rank)} aria-label={`Choose plan ${p.rank}`} />
                      ) : null}
                      <span className={`rank${p.rank === 1 ? " rank--best" : ""}`}>#{p.rank}</span>
                      {chosen ? <span className="badge">chosen</span> : null}
                    </label>
                  </td>
                  <td>
                    <code>{primaryInstance(p)}</code>
                  </td>
                  <td className="num">{totalNodes(p)}</td>
                  <td>{sizedByText(p)}</td>
                  <td className="num">{formatPercent(p.utilisation.cpu)}</td>
                  <td className="num">{formatPercent(p.utilisation.memory)}</td>
                  <td className="num">{formatPercent(p.utilisation.disk)}</td>
                  <td className="num">
                    <strong>{formatUsd(p.annualCost)}</strong>
                    {best && p.rank !== 1 ? <span className="delta">{formatCostDelta(p.annualCost - best.annualCost, best.annualCost)}</span> : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
