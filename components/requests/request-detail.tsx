"use client";
// One request: its status, who asked and when, the workload, the pinned recommendation and plan, the review
// thread, and what the requester can do next (edit a draft, submit, cancel).
import Link from "next/link";
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { FAMILY_TITLES } from "@/lib/schemas";
import { errorMessage } from "@/lib/query/api";
import { cancelRequest, requestKeys, requestQuery, submitRequest } from "@/lib/query/requests";
import type { RequestDetailDto } from "@/lib/query/types";
import { formatDateTime } from "@/components/ui/dates";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { ErrorState, Loading } from "@/components/ui/query-state";
import { StatusBadge } from "@/components/ui/status-badge";
import { RegionWarning } from "@/components/plan/region-warning";
import { RequestPlan } from "./pinned-plan";
import { Thread } from "./thread";
import { WorkloadSummary } from "./workload-summary";

const STATUS_TEXT = {
  draft: "A draft: only your team sees it. Submit it when the plan looks right.",
  submitted: "Waiting for a data-platform reviewer.",
  "changes-requested": "The reviewer asked for changes: edit the workload and submit again.",
  approved: "Approved: the datastore is in the catalog, ready to provision.",
  rejected: "Rejected by the reviewer; see the discussion for why.",
  cancelled: "Cancelled by the requester.",
} as const;

export function RequestDetail({ id }: { id: string }) {
  const query = useQuery(requestQuery(id));
  if (query.isPending) return <Loading label="Loading the request…" rows={5} />;
  if (query.isError)
    return <ErrorState title="Could not load this request." message={errorMessage(query.error)} error={query.error} onRetry={() => void query.refetch()} />;
  return <Detail request={query.data.data} />;
}

function Detail({ request }: { request: RequestDetailDto }) {
  const queryClient = useQueryClient();
  // What the server says this person may do now: buttons for what is allowed, nothing for the rest (a reason
  // is shown where it tells the person something: why they cannot decide on a request waiting for a reviewer).
  const { edit, submit: maySubmit, cancel: mayCancel, decide } = request.actions;
  const refresh = () => queryClient.invalidateQueries({ queryKey: requestKeys.all });
  const submit = useMutation({ mutationFn: () => submitRequest(request.id), onSuccess: refresh });
  const cancel = useMutation({ mutationFn: () => cancelRequest(request.id), onSuccess: refresh });
  const failed = submit.error ?? cancel.error;
  const family = request.planResult?.family ?? request.family;
  const [asking, setAsking] = useState(false);

  return (
    <div className="page" data-testid="request-detail" data-request-id={request.id}>
      <div className="page-head page-head--row">
        <div>
          <p className="breadcrumb">
            <Link href="/">Dashboard</Link> / {request.team.name} / request
          </p>
          <h1>
            {request.name} <StatusBadge status={request.status} />
          </h1>
          <p className="muted">
            {family ? `${FAMILY_TITLES[family]} · ` : ""}for {request.team.name} · requested by {request.createdBy.name} · created{" "}
            {formatDateTime(request.createdAt)}
            {request.submittedAt ? ` · submitted ${formatDateTime(request.submittedAt)}` : ""}
          </p>
        </div>
        <div className="actions">
          {edit.allowed ? (
            <Link className="button" href={`/requests/${request.id}/edit`}>
              Edit
            </Link>
          ) : null}
          {maySubmit.allowed ? (
            <button type="button" className="button button--primary" onClick={() => submit.mutate()} disabled={submit.isPending}>
              {submit.isPending ? "Submitting…" : "Submit for review"}
            </button>
          ) : null}
          {mayCancel.allowed ? (
            <button type="button" className="button button--danger" disabled={cancel.isPending || asking} onClick={() => setAsking(true)}>
              {cancel.isPending ? "Cancelling…" : "Cancel request"}
            </button>
          ) : null}
          {decide.allowed ? (
            <Link className="button button--primary" href={`/reviews/${request.id}`}>
              Review
            </Link>
          ) : null}
          {request.datastoreId ? (
            <Link className="button button--primary" href={`/catalog/${request.datastoreId}`} data-testid="datastore-link">
              Open the datastore
            </Link>
          ) : null}
        </div>
      </div>
      {asking ? (
        <div style={{ marginBottom: 16 }}>
          <ConfirmDialog
            title={`Cancel ${request.name}?`}
            confirmLabel="Cancel the request"
            keepLabel="Keep the request"
            busy={cancel.isPending}
            onClose={() => setAsking(false)}
            onConfirm={() => cancel.mutate(undefined, { onSettled: () => setAsking(false) })}
          >
            <p>A cancelled request cannot be reopened: to ask again, start a new request.</p>
          </ConfirmDialog>
        </div>
      ) : null}
      <div
        className={`callout ${request.status === "rejected" ? "callout--danger" : request.status === "changes-requested" ? "callout--warning" : "callout--info"}`}
        style={{ marginBottom: 16 }}
        data-testid="status-text"
      >
        {STATUS_TEXT[request.status]}
        {request.status === "submitted" && !decide.allowed && decide.code === "forbidden" ? ` ${decide.reason}` : ""}
      </div>
      {failed ? (
        <div style={{ marginBottom: 16 }}>
          <ErrorState title="That did not work." message={errorMessage(failed)} />
        </div>
      ) : null}
      <div className="two-col">
        <div className="stack">
          {request.status === "rejected" || request.status === "cancelled" ? null : <RegionWarning regions={request.workload.regions} />}
          <RequestPlan request={request} />
        </div>
        <div className="stack">
          <WorkloadSummary workload={request.workload} />
          <Thread requestId={request.id} comments={request.comments} decisions={request.decisions} />
        </div>
      </div>
    </div>
  );
}
