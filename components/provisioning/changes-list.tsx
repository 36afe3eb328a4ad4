"use client";
// A datastore's day-2 changes and decommission requests: what was asked (the shape before and after), why a
// reviewer must approve, the decision, and the operations that preview and apply it. Reviewers decide here
// (never on a change they asked for: the server says so through `actions.decide`).
import { useId, useState } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { DatastoreShape } from "@/lib/schemas/change";
import { errorMessage, isApiProblem } from "@/lib/query/api";
import { cancelChange, datastoreChangesQuery, decideChange, type DatastoreChangeDto } from "@/lib/query/changes";
import { operationQuery, queueOperation } from "@/lib/query/operations";
import { requestKeys } from "@/lib/query/requests";
import { formatDateTime } from "@/components/ui/dates";
import { actorLabel, formatUsd } from "@/components/ui/format";
import { Field } from "@/components/ui/field";
import { ErrorState, Loading } from "@/components/ui/query-state";
import { operationTitle } from "./operation-labels";
import { ChangeStatusBadge, OperationStatusBadge } from "./operation-status-badge";
import { Counts, ResourceDiff } from "./resource-diff";
import { ActionOutcomeNote, useAction } from "./use-action";
import { WorkloadDiff } from "./workload-diff";
import { useQueued } from "./use-queued";

export function ChangesList({ datastoreId, closed }: { datastoreId: string; closed: boolean }) {
  const q = useQuery({ ...datastoreChangesQuery(datastoreId), refetchInterval: closed ? false : 10_000 });
  if (q.isSuccess && q.data.length === 0) return null;
  return (
    <section className="card" aria-labelledby="changes-title" data-testid="changes">
      <div className="card-head">
        <h2 id="changes-title">Changes</h2>
        <p className="muted">Workload changes and decommission requests, newest first.</p>
      </div>
      {q.isPending ? (
        <Loading />
      ) : q.isError ? (
        <ErrorState message={errorMessage(q.error)} onRetry={() => void q.refetch()} />
      ) : (
        <div className="stack">
          {q.data.map((c) => (
            <ChangeItem key={c.id} change={c} />
          ))}
        </div>
      )}
    </section>
  );
}

const nodesOf = (shape: DatastoreShape) => shape.topology.reduce((n, c) => n + c.nodes, 0);

function ChangeItem({ change: c }: { change: DatastoreChangeDto }) {
  // Here, not in the decision box: the box goes away once decided, the outcome stays.
  const decision = useAction();
  const { refresh } = useQueued(c.datastoreId);
  const queryClient = useQueryClient();
  const withdraw = () =>
    decision.run("withdraw", async () => {
      await cancelChange(c.datastoreId, c.id);
      await Promise.all([refresh(), queryClient.invalidateQueries({ queryKey: requestKeys.reviews })]);
      return "Withdrawn.";
    });
  return (
    <article
      className="change"
      aria-label={`${c.kind === "update" ? "Workload change" : "Decommission"} requested by ${actorLabel(c.requestedBy)}`}
      data-testid="change"
      data-kind={c.kind}
      data-status={c.status}
      data-change-id={c.id}
    >
      <h3>
        {c.kind === "update" ? "Workload change" : "Decommission"} <ChangeStatusBadge status={c.status} />
      </h3>
      <p className="muted small">
        Asked by {actorLabel(c.requestedBy)} · {formatDateTime(c.createdAt)}
      </p>
      {c.reason ? (
        <p className="change-reason" data-testid="change-reason">
          <strong>Reason:</strong> “{c.reason}”
        </p>
      ) : c.kind === "update" ? (
        <p className="muted small">No reason given.</p>
      ) : null}
      {c.after ? (
        // What the owner asked for beside what it does: the workload, then the shape and cost it re-plans to.
        <div className="change-compare">
          {c.workload && c.workloadBefore ? (
            <div>
              <h4 className="subhead">Workload</h4>
              <WorkloadDiff before={c.workloadBefore} after={c.workload} />
            </div>
          ) : null}
          <div>
            <h4 className="subhead">Topology and cost</h4>
            <ShapeTable before={c.before} after={c.after} />
          </div>
        </div>
      ) : null}
      {c.needsApproval && c.approvalReasons.length > 0 ? (
        <div className="small">
          <strong>Needs a reviewer&apos;s approval:</strong>
          <ul className="reasons reasons--small" data-testid="approval-reasons">
            {c.approvalReasons.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </div>
      ) : !c.needsApproval ? (
        <p className="small muted">No approval needed.</p>
      ) : null}
      {c.decidedBy ? (
        <p className="small" data-testid="change-decision">
          {c.status === "rejected" ? "Rejected" : "Approved"} by {actorLabel(c.decidedBy)} · {formatDateTime(c.decidedAt)}
          {c.decisionComment ? <>: “{c.decisionComment}”</> : null}
        </p>
      ) : null}
      {c.previewId ? <ChangePreview change={c} previewId={c.previewId} /> : null}
      {c.applyOperationId ? <ApplyStatus operationId={c.applyOperationId} /> : null}
      {c.actions.decide.allowed ? (
        <Decision change={c} action={decision} />
      ) : c.status === "pending-approval" ? (
        <p className="small muted">Waiting for a reviewer (not the person who asked).</p>
      ) : null}
      {c.actions.cancel.allowed ? (
        <div className="actions">
          <button type="button" className="button button--small" disabled={decision.busy !== null} onClick={() => void withdraw()}>
            {decision.busy === "withdraw" ? "Withdrawing…" : "Withdraw this change"}
          </button>
        </div>
      ) : null}
      <ActionOutcomeNote outcome={decision.outcome} testId="change-outcome" />
    </article>
  );
}

function ShapeTable({ before, after }: { before: DatastoreShape; after: DatastoreShape }) {
  const rows = [
    { label: "Regions", before: before.regions.join(", "), after: after.regions.join(", ") },
    { label: "Nodes", before: String(nodesOf(before)), after: String(nodesOf(after)) },
    {
      label: "Instance types",
      before: [...new Set(before.topology.map((t) => t.instanceType))].join(", "),
      after: [...new Set(after.topology.map((t) => t.instanceType))].join(", "),
    },
    { label: "Annual cost", before: formatUsd(before.annualCost), after: formatUsd(after.annualCost) },
  ];
  return (
    <table className="table shape-table" data-testid="change-shape">
      <thead>
        <tr>
          <th scope="col">Aspect</th>
          <th scope="col">Before</th>
          <th scope="col">After</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.label} className={r.before !== r.after ? "changed-row" : undefined}>
            <th scope="row">{r.label}</th>
            <td>{r.before}</td>
            <td>{r.after}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ChangePreview({ change: c, previewId }: { change: DatastoreChangeDto; previewId: string }) {
  const q = useQuery({
    ...operationQuery(previewId),
    refetchInterval: (query) => (query.state.data && ["queued", "running"].includes(query.state.data.status) ? 2_000 : false),
  });
  const [open, setOpen] = useState(false);
  const action = useAction();
  const { queued } = useQueued(c.datastoreId);
  if (q.isPending) return <Loading rows={1} />;
  if (q.isError) return <p className="field-error">Could not load the change&apos;s preview: {errorMessage(q.error)}</p>;
  const op = q.data;
  const canApply = op.actions.confirm.allowed;
  return (
    <div className="change-preview" data-testid="change-preview">
      <p className="small">
        Preview: <OperationStatusBadge status={op.status} />
        {op.error ? <span className="field-error-text"> {op.error.message}</span> : null}
      </p>
      {op.diff ? (
        <>
          {open ? null : <Counts changes={op.diff} testId="change-diff-counts" />}
          <button type="button" className="button button--small button--link" aria-expanded={open} onClick={() => setOpen((v) => !v)}>
            {open ? "Hide the diff" : "Show the diff"}
          </button>
          {open ? <ResourceDiff diff={op.diff} label={`${operationTitle(op)}: resources by region and zone`} /> : null}
        </>
      ) : null}
      {canApply ? (
        <div className="actions">
          <button
            type="button"
            className="button button--primary"
            disabled={action.busy !== null}
            onClick={() =>
              void action.run("apply", async () => {
                await queued(await queueOperation(c.datastoreId, { kind: "up", previewId: op.id }));
                return "The change is being applied: follow it in the provisioning panel.";
              })
            }
          >
            {action.busy === "apply" ? "Queueing…" : "Provision this change"}
          </button>
        </div>
      ) : c.status === "pending-approval" && op.status === "succeeded" ? (
        <p className="small muted">It can be provisioned once a reviewer approves it.</p>
      ) : null}
      <ActionOutcomeNote outcome={action.outcome} />
    </div>
  );
}

function ApplyStatus({ operationId }: { operationId: string }) {
  const q = useQuery(operationQuery(operationId));
  if (!q.data) return null;
  return (
    <p className="small" data-testid="change-apply">
      {operationTitle(q.data)}: <OperationStatusBadge status={q.data.status} />
      {q.data.error ? <span className="field-error-text"> {q.data.error.message}</span> : null}
    </p>
  );
}

function Decision({ change: c, action }: { change: DatastoreChangeDto; action: ReturnType<typeof useAction> }) {
  const commentId = useId();
  const [comment, setComment] = useState("");
  const [commentError, setCommentError] = useState<string | undefined>();
  const { refresh } = useQueued(c.datastoreId);
  const queryClient = useQueryClient();
  const decide = (decision: "approved" | "rejected") => {
    setCommentError(undefined);
    if (decision === "rejected" && !comment.trim()) {
      setCommentError("is required to reject: tell the requester why");
      return;
    }
    void action.run(decision, async () => {
      try {
        await decideChange(c.datastoreId, c.id, { decision, ...(comment.trim() ? { comment: comment.trim() } : {}) });
      } catch (error) {
        const onComment = isApiProblem(error) ? error.fieldErrors.find((e) => e.field === "comment") : undefined;
        if (onComment) setCommentError(onComment.message);
        throw error;
      }
      // Decided, it leaves the review queue: the header's count and the queue refresh with the datastore.
      await Promise.all([refresh(), queryClient.invalidateQueries({ queryKey: requestKeys.reviews })]);
      if (decision === "rejected") return "Rejected.";
      return c.kind === "decommission" ? "Approved: the decommission is queued." : "Approved: the owner can now provision the change.";
    });
  };
  return (
    <div className="decision-box change-decision" data-testid="change-decision-box">
      <Field id={commentId} name="comment" label="Comment" hint="Required to reject." error={commentError}>
        <textarea
          id={commentId}
          className="input"
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          aria-invalid={commentError ? true : undefined}
        />
      </Field>
      <div className="actions">
        <button type="button" className="button button--ok" disabled={action.busy !== null} onClick={() => decide("approved")}>
          {action.busy === "approved" ? "Approving…" : "Approve"}
        </button>
        <button type="button" className="button button--danger" disabled={action.busy !== null} onClick={() => decide("rejected")}>
          {action.busy === "rejected" ? "Rejecting…" : "Reject"}
        </button>
      </div>
    </div>
  );
}
