"use client";
// The right-hand side of the planner: what the planner concluded, in the order a reviewer reads it —
// which store and why, what it costs, how the candidates compare, and what was ruled out.
import { FAMILIES, FAMILY_TITLES, type Family } from "@/lib/schemas";
import type { FamilyChoice, LivePlan } from "./live-plan";
import { PlanComparison } from "./plan-charts";
import { PlanCard } from "./plan-card";
import { PlanSummary, type PricingNote } from "./plan-summary";
import { RecommendationCard } from "./recommendation-card";
import { RejectedShapes } from "./rejected-shapes";
import { ThresholdsTable } from "./thresholds-table";

interface Props {
  live: LivePlan;
  lastGood: LivePlan | undefined;
  choice: FamilyChoice;
  onChoice: (choice: FamilyChoice) => void;
  updating: boolean;
}

export function PlanResults({ live, lastGood, choice, onChoice, updating }: Props) {
  if (live.status === "invalid") {
    return (
      <>
        <div className="callout callout--warning" role="status" data-testid="plan-invalid">
          <strong>Fix the highlighted fields to see a plan.</strong>
          {lastGood ? <span> The last valid plan is shown below, greyed out.</span> : null}
        </div>
        {lastGood && lastGood.status !== "invalid" ? (
          <div className="stale" inert>
            <ValidResults live={lastGood} choice={choice} onChoice={onChoice} />
          </div>
        ) : null}
      </>
    );
  }
  return (
    <>
      <p className={`live-status${updating ? " live-status--busy" : ""}`} role="status">
        <span className="dot" aria-hidden="true" />
        {updating ? "Replanning…" : "Live plan — recomputed in your browser as you type"}
      </p>
      <ValidResults live={live} choice={choice} onChoice={onChoice} />
    </>
  );
}

function ValidResults({
  live,
  choice,
  onChoice,
}: {
  live: Exclude<LivePlan, { status: "invalid" }>;
  choice: FamilyChoice;
  onChoice: (c: FamilyChoice) => void;
}) {
  const recommended = live.recommendation.recommendations[0]?.family;
  return (
    <div className="results">
      <RecommendationCard recommendation={live.recommendation} />
      <FamilyPicker recommended={recommended} choice={choice} onChoice={onChoice} />
      {live.status === "no-family" ? (
        <div className="callout callout--danger" data-testid="plan-none">
          <strong>No store family fits this workload.</strong> Relax the requirements named above, or pick a family to see how close it gets.
        </div>
      ) : null}
      {live.status === "failed" ? (
        <div className="callout callout--danger" data-testid="plan-error">
          <strong>{FAMILY_TITLES[live.family]} cannot be planned for this workload.</strong> {live.message}
        </div>
      ) : null}
      {live.status === "planned" ? <PlannedResults live={live} /> : null}
    </div>
  );
}

function PlannedResults({ live }: { live: Extract<LivePlan, { status: "planned" }> }) {
  const { result } = live;
  const best = result.plans[0];
  const pricing = uniquePricing(result.plans.flatMap((p) => p.pricing));
  return (
    <>
      {result.warnings.length > 0 ? (
        <div className="callout callout--warning" data-testid="plan-warnings">
          <strong>Warnings</strong>
          <ul>
            {result.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {best ? (
        <>
          <PlanSummary plan={best} result={result} pricing={pricing} />
          {result.plans.length > 1 ? <PlanComparison plans={result.plans} /> : null}
          <section className="card" aria-labelledby="ranked-plans">
            <div className="card-head">
              <h2 id="ranked-plans">Ranked plans</h2>
              <p className="muted">
                {result.uncertainty
                  ? "Ranked by least regret across the simulated worlds — one per instance family."
                  : "Every shape that meets the requirements, cheapest first — one per instance family."}
              </p>
            </div>
            <ol className="plan-list" data-testid="plan-list">
              {result.plans.map((plan) => (
                <PlanCard key={`${plan.rank}-${plan.clusters[0]?.instanceType ?? ""}`} plan={plan} best={best} />
              ))}
            </ol>
          </section>
          <ThresholdsTable thresholds={best.thresholds} />
        </>
      ) : (
        <div className="callout callout--danger" data-testid="plan-none">
          <strong>No instance shape can serve this workload.</strong> See the rejected shapes below.
        </div>
      )}
      <RejectedShapes rejected={result.rejected} />
    </>
  );
}

function uniquePricing(entries: readonly PricingNote[]): PricingNote[] {
  const seen = new Map<string, PricingNote>();
  for (const e of entries) if (e.region !== e.pricedAs && !seen.has(e.region)) seen.set(e.region, e);
  return [...seen.values()];
}

function FamilyPicker({ recommended, choice, onChoice }: { recommended: Family | undefined; choice: FamilyChoice; onChoice: (c: FamilyChoice) => void }) {
  return (
    <div className="family-picker">
      <label htmlFor="family-choice">Plan for</label>
      <select
        id="family-choice"
        className="input"
        value={choice}
        data-testid="family-choice"
        onChange={(e) => onChoice(FAMILIES.find((f) => f === e.target.value) ?? "recommended")}
      >
        <option value="recommended">{recommended ? `Recommended — ${FAMILY_TITLES[recommended]}` : "Recommended"}</option>
        {FAMILIES.map((f) => (
          <option key={f} value={f}>
            {FAMILY_TITLES[f]}
            {f === recommended ? " (recommended)" : ""}
          </option>
        ))}
      </select>
    </div>
  );
}
