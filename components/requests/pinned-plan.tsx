// The plan a request carries: pinned by the server at submission (recommendation, ranked plans, the chosen one and
// its thresholds), or — for a draft — a preview computed in the browser from the workload, clearly labelled.
import { useMemo } from "react";
import type { PlanResult, RecommendationResult, Threshold } from "@/lib/schemas";
import type { RequestDto } from "@/lib/query/types";
import { computeLivePlan } from "@/components/plan/live-plan";
import { PlanCard } from "@/components/plan/plan-card";
import { PlanSummary } from "@/components/plan/plan-summary";
import { RecommendationCard } from "@/components/plan/recommendation-card";
import { RejectedShapes } from "@/components/plan/rejected-shapes";
import { ThresholdsTable } from "@/components/plan/thresholds-table";

export function chosenPlan(result: PlanResult, rank: number | null) {
  return result.plans.find((p) => p.rank === (rank ?? 1)) ?? result.plans[0];
}

export function RequestPlan({ request }: { request: RequestDto }) {
  if (request.recommendation && request.planResult) {
    return (
      <PlanView
        recommendation={request.recommendation}
        result={request.planResult}
        chosenRank={request.chosenRank}
        thresholds={request.thresholds}
        pinned
        approved={request.status === "approved"}
      />
    );
  }
  return <DraftPreview request={request} />;
}

function DraftPreview({ request }: { request: RequestDto }) {
  const live = useMemo(() => computeLivePlan(JSON.stringify(request.workload), request.family ?? "recommended"), [request.workload, request.family]);
  return (
    <>
      <div className="callout callout--info">
        <strong>Preview.</strong> The plan is computed in your browser; the server re-plans and pins it when the request is submitted.
      </div>
      {live.status === "planned" ? (
        <PlanView recommendation={live.recommendation} result={live.result} chosenRank={1} thresholds={null} pinned={false} approved={false} />
      ) : live.status === "invalid" ? null : (
        <RecommendationCard recommendation={live.recommendation} />
      )}
    </>
  );
}

interface PlanViewProps {
  recommendation: RecommendationResult;
  result: PlanResult;
  chosenRank: number | null;
  thresholds: Threshold[] | null;
  pinned: boolean;
  /** The reviewer approved it: the chosen plan is the approved one, whatever the planner ranked first. */
  approved: boolean;
}

function PlanView({ recommendation, result, chosenRank, thresholds, pinned, approved }: PlanViewProps) {
  const chosen = chosenPlan(result, chosenRank);
  const best = result.plans[0];
  const label = approved ? "Approved plan" : pinned && chosen && chosen.rank !== 1 ? "Chosen plan" : undefined;
  return (
    <div className="stack" data-testid={pinned ? "pinned-plan" : "preview-plan"}>
      <RecommendationCard recommendation={recommendation} />
      {chosen && best ? (
        <>
          <PlanSummary plan={chosen} result={result} label={label} />
          <section className="card" aria-labelledby="request-plans">
            <div className="card-head">
              <h2 id="request-plans">{pinned ? "Pinned plans" : "Ranked plans"}</h2>
              <p className="muted">
                {approved
                  ? `Plan #${chosen.rank} is the approved one; the others are the alternatives the reviewer saw.`
                  : pinned
                    ? `Plan #${chosen.rank} is the chosen one; the others are the alternatives the reviewer saw.`
                    : "Cheapest first, one per instance family."}
              </p>
            </div>
            <ol className="plan-list" data-testid="plan-list">
              {result.plans.map((plan) => (
                <PlanCard key={`${plan.rank}-${plan.clusters[0]?.instanceType ?? ""}`} plan={plan} best={best} open={plan.rank === chosen.rank} />
              ))}
            </ol>
          </section>
          <ThresholdsTable thresholds={thresholds ?? chosen.thresholds} />
        </>
      ) : (
        <div className="callout callout--danger">No instance shape can serve this workload.</div>
      )}
      <RejectedShapes rejected={result.rejected} />
    </div>
  );
}
