"use client";
// The review page: everything a data-platform expert needs to decide — the workload, the recommendation with its
// reasons and rejections, the chosen plan beside the alternatives, the thresholds (editable), the discussion —
// and the decision itself. Whoever may not decide (the requester, a member who is no reviewer) sees the request
// and the server's reason why not.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { FAMILY_TITLES, type Decision, type PlanResult, type RecommendationResult } from "@/lib/schemas";
import { errorMessage, isApiProblem } from "@/lib/query/api";
import { datastoreKeys } from "@/lib/query/datastores";
import { decideRequest, requestKeys, requestQuery } from "@/lib/query/requests";
import type { RequestDetailDto } from "@/lib/query/types";
import { PlanCard } from "@/components/plan/plan-card";
import { PlanComparison } from "@/components/plan/plan-charts";
import { RecommendationCard } from "@/components/plan/recommendation-card";
import { RejectedShapes } from "@/components/plan/rejected-shapes";
import { chosenPlan } from "@/components/requests/pinned-plan";
import { Thread } from "@/components/requests/thread";
import { WorkloadSummary } from "@/components/requests/workload-summary";
import { ThresholdsEditor, useThresholdsDraft } from "@/components/thresholds/thresholds-editor";
import { formatDateTime } from "@/components/ui/dates";
import { Field } from "@/components/ui/field";
import { ErrorState, Loading } from "@/components/ui/query-state";
import { StatusBadge } from "@/components/ui/status-badge";
import { PlanChoice } from "./plan-choice";

export function ReviewPage({ id }: { id: string }) {
  const query = useQuery(requestQuery(id));
  if (query.isPending) return <Loading label="Loading the request…" rows={6} />;
  if (query.isError)
    return (
      <ErrorState
        title="Could not load this request."
        message={errorMessage(query.error)}
        error={query.error}
        back={{ href: "/reviews", label: "Back to the review queue" }}
        onRetry={() => void query.refetch()}
      />
    );
  const request = query.data.data;
  if (!request.planResult || !request.recommendation) {
    return (
      <div className="callout callout--info">
        This request has not been submitted yet, so there is no pinned plan to review. <Link href={`/requests/${id}`}>Open the request</Link>
      </div>
    );
  }
  return <Review request={request} result={request.planResult} recommendation={request.recommendation} key={request.version} />;
}

interface ReviewProps {
  request: RequestDetailDto;
  result: PlanResult;
  recommendation: RecommendationResult;
}

function Review({ request, result, recommendation }: ReviewProps) {
  const pinnedRank = request.chosenRank ?? 1;
  const [rank, setRank] = useState(pinnedRank);
  const chosen = chosenPlan(result, rank);
  const best = result.plans[0];
  const decide = request.actions.decide;
  const canDecide = decide.allowed;
  const thresholds = useThresholdsDraft(rank === pinnedRank && request.thresholds ? request.thresholds : (chosen?.thresholds ?? []));

  const choose = (next: number) => {
    setRank(next);
    const plan = chosenPlan(result, next);
    thresholds.reset(next === pinnedRank && request.thresholds ? request.thresholds : (plan?.thresholds ?? []));
  };

  return (
    <div className="page" data-testid="review-page" data-request-id={request.id}>
      <div className="page-head page-head--row">
        <div>
          <p className="breadcrumb">
            <Link href="/reviews">Reviews</Link> / {request.team.name}
          </p>
          <h1>
            {request.name} <StatusBadge status={request.status} />
          </h1>
          <p className="muted">
            {FAMILY_TITLES[result.family]} for {request.team.name} · requested by {request.createdBy.name} · submitted {formatDateTime(request.submittedAt)}
          </p>
        </div>
        <div className="actions">
          <Link className="button" href={`/requests/${request.id}`}>
            Request page
          </Link>
        </div>
      </div>
      <div className="two-col">
        <div className="stack">
          <RecommendationCard recommendation={recommendation} />
          <PlanChoice plans={result.plans} chosenRank={rank} onChoose={choose} editable={canDecide} />
          {result.plans.length > 1 ? <PlanComparison plans={result.plans} /> : null}
          {chosen && best ? (
            <section className="card" aria-labelledby="chosen-detail">
              <div className="card-head">
                <h2 id="chosen-detail">Plan #{chosen.rank} in detail</h2>
              </div>
              <ol className="plan-list">
                <PlanCard plan={chosen} best={best} />
              </ol>
            </section>
          ) : null}
          <section className="card" aria-labelledby="review-thresholds">
            <div className="card-head">
              <h2 id="review-thresholds">Thresholds</h2>
              <p className="muted">
                {canDecide ? "Adjust before approving; they become the datastore's alarms." : "The alarms that come with the chosen plan."}
              </p>
            </div>
            <ThresholdsEditor draft={thresholds} editable={canDecide} />
          </section>
          <RejectedShapes rejected={result.rejected} />
        </div>
        <div className="stack">
          {request.status === "submitted" && !decide.allowed && decide.code === "forbidden" ? (
            <div className="callout callout--warning" role="status" data-testid="decide-denied">
              {decide.reason}
            </div>
          ) : null}
          {request.status !== "submitted" ? (
            <div className="callout callout--info" data-testid="decided-notice">
              This request is <StatusBadge status={request.status} />; there is nothing left to decide.
              {request.datastoreId ? (
                <>
                  {" "}
                  <Link href={`/catalog/${request.datastoreId}`}>Open the datastore</Link>
                </>
              ) : null}
            </div>
          ) : null}
          {canDecide ? <DecisionBox request={request} rank={rank} pinnedRank={pinnedRank} thresholds={thresholds} /> : null}
          <WorkloadSummary workload={request.workload} />
          <Thread requestId={request.id} comments={request.comments} decisions={request.decisions} />
        </div>
      </div>
    </div>
  );
}

const DECISION_LABELS = { approved: "Approve", "changes-requested": "Request changes", rejected: "Reject" } as const satisfies Record<Decision, string>;

function DecisionBox({
  request,
  rank,
  pinnedRank,
  thresholds,
}: {
  request: RequestDetailDto;
  rank: number;
  pinnedRank: number;
  thresholds: ReturnType<typeof useThresholdsDraft>;
}) {
  const commentId = useId();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [comment, setComment] = useState("");
  const [commentError, setCommentError] = useState<string | undefined>();
  const [busy, setBusy] = useState<Decision | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const decide = async (decision: Decision) => {
    setFailure(null);
    setCommentError(undefined);
    if (decision !== "approved" && !comment.trim()) {
      setCommentError(`is required to ${decision === "rejected" ? "reject" : "request changes"}: tell the requester why`);
      return;
    }
    let changed: ReturnType<typeof thresholds.validate> | undefined;
    if (decision === "approved" && thresholds.dirty) {
      changed = thresholds.validate();
      if (!changed) {
        setFailure("Fix the highlighted thresholds first.");
        return;
      }
    }
    setBusy(decision);
    try {
      await decideRequest(request.id, {
        decision,
        ...(comment.trim() ? { comment: comment.trim() } : {}),
        ...(decision === "approved" && rank !== pinnedRank ? { chosenRank: rank } : {}),
        ...(decision === "approved" && changed ? { thresholds: changed } : {}),
      });
      await Promise.all([queryClient.invalidateQueries({ queryKey: requestKeys.all }), queryClient.invalidateQueries({ queryKey: datastoreKeys.all })]);
      router.push(`/requests/${request.id}`);
    } catch (error) {
      setBusy(null);
      if (isApiProblem(error)) {
        const rest = thresholds.showServerErrors(error.fieldErrors);
        const onComment = error.fieldErrors.find((e) => e.field === "comment");
        if (onComment) setCommentError(onComment.message);
        const extra = rest.filter((e) => e.field !== "comment").map((e) => `${e.field} ${e.message}`);
        setFailure(error.status === 409 ? `${error.detail} Reload to see the current state.` : [error.detail, ...extra].join(" · "));
      } else setFailure(errorMessage(error));
    }
  };

  return (
    <section className="card decision-box" aria-labelledby="decision-title" data-testid="decision-box">
      <div className="card-head">
        <h2 id="decision-title">Your decision</h2>
        <p className="muted">Approving creates the datastore in the catalog{rank !== pinnedRank ? ` with plan #${rank}` : ""}.</p>
      </div>
      <Field id={commentId} name="comment" label="Comment" hint="Required to request changes or reject." error={commentError}>
        <textarea
          id={commentId}
          className="input"
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          aria-invalid={commentError ? true : undefined}
          placeholder="What you checked, what to change…"
        />
      </Field>
      {failure ? (
        <div className="callout callout--danger" role="alert" data-testid="decision-error">
          {failure}
        </div>
      ) : null}
      <div className="actions">
        <button type="button" className="button button--ok" disabled={busy !== null} onClick={() => void decide("approved")}>
          {busy === "approved" ? "Approving…" : DECISION_LABELS.approved}
        </button>
        <button type="button" className="button button--warn" disabled={busy !== null} onClick={() => void decide("changes-requested")}>
          {busy === "changes-requested" ? "Sending…" : DECISION_LABELS["changes-requested"]}
        </button>
        <button type="button" className="button button--danger" disabled={busy !== null} onClick={() => void decide("rejected")}>
          {busy === "rejected" ? "Rejecting…" : DECISION_LABELS.rejected}
        </button>
      </div>
    </section>
  );
}
