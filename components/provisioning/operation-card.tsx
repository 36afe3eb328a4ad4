"use client";
// One operation, followed live: status, the progress bar, the deepest failure, the preview's diff (or the drift
// check's answer), its actions (confirm a preview → Provision, Cancel, Retry) and its log one click away.
import { useEffect, useRef, useState } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { isTerminal } from "@/lib/schemas/operation";
import { datastoreKeys } from "@/lib/query/datastores";
import {
  approveOperation,
  cancelOperation,
  operationKeys,
  operationQuery,
  queueOperation,
  retryOperation,
  type OperationDto,
  type OperationEventDto,
} from "@/lib/query/operations";
import { formatDateTime } from "@/components/ui/dates";
import { actorLabel } from "@/components/ui/format";
import { DriftResult } from "./drift-result";
import { OPERATION_STATUS_TEXT, operationTitle, resourceTypeLabel, summaryText, tenseOf } from "./operation-labels";
import { OperationLog } from "./operation-log";
import { OperationProgress } from "./operation-progress";
import { OperationStatusBadge } from "./operation-status-badge";
import { ResourceDiff } from "./resource-diff";
import { ActionOutcomeNote, useAction } from "./use-action";
import { useOperationEvents } from "./use-operation-events";
import { useQueued } from "./use-queued";

/** How often, at most, the operation is re-read while its events stream in (its progress and status). */
const REFRESH_MS = 400;

interface Props {
  operation: OperationDto;
  /** When the list holding `operation` was read: a fresher copy of the operation wins. */
  seenAt: number;
  /** Latest: this is the datastore's newest operation (the one in progress, or the last result). */
  latest: boolean;
}

export function OperationCard({ operation: seed, seenAt, latest }: Props) {
  const queryClient = useQueryClient();
  const q = useQuery({ ...operationQuery(seed.id), initialData: seed, initialDataUpdatedAt: seenAt });
  const op = q.data;
  const { queued } = useQueued(op.datastoreId);
  const [logOpen, setLogOpen] = useState(false);
  const action = useAction();
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);

  const refreshSoon = () => {
    if (pending.current) return;
    pending.current = setTimeout(() => {
      pending.current = null;
      void queryClient.invalidateQueries({ queryKey: operationKeys.one(op.id) });
    }, REFRESH_MS);
  };
  const onEvent = (event: OperationEventDto) => {
    refreshSoon();
    // A status change on the way moves the datastore too (provisioning…). The last one is left to the effect below:
    // the operation re-read (refreshSoon, onEnd) turns terminal there, and the datastore and its lists follow once.
    if (event.data.type === "status" && !isTerminal(event.data.status)) {
      void queryClient.invalidateQueries({ queryKey: datastoreKeys.one(op.datastoreId), exact: true });
    }
  };
  const onEnd = () => void queryClient.invalidateQueries({ queryKey: operationKeys.one(op.id) });
  const live = useOperationEvents(op, { wanted: logOpen, onEvent, onEnd });

  // However the end is noticed (the stream, a poll, this operation re-read), the datastore and its lists follow:
  // one refresh of the datastore, its operations, changes and history, not one per way of noticing.
  const wasRunning = useRef(!isTerminal(seed.status));
  useEffect(() => {
    if (!isTerminal(op.status)) wasRunning.current = true;
    else if (wasRunning.current) {
      wasRunning.current = false;
      void queryClient.invalidateQueries({ queryKey: datastoreKeys.one(op.datastoreId) });
    }
  }, [op.status, op.datastoreId, queryClient]);

  const running = !isTerminal(op.status);
  const doneFromEvents = live.events.filter((e) => e.data.type === "resource-done").length;
  const done = Math.max(op.progress.done, doneFromEvents);
  const showProgress = running || op.kind === "up" || op.kind === "destroy";
  const title = operationTitle(op);

  const provision = () =>
    action.run("confirm", async () => {
      await queued(await queueOperation(op.datastoreId, { kind: "up", previewId: op.id }));
      return op.purpose === "change"
        ? "The change is queued: it applies the preview above."
        : "Provisioning is queued: it creates the resources of the preview above.";
    });
  const cancel = () =>
    action.run("cancel", async () => {
      const updated = await cancelOperation(op.id);
      queryClient.setQueryData(operationKeys.one(op.id), updated);
      await queryClient.invalidateQueries({ queryKey: datastoreKeys.one(op.datastoreId) });
      return updated.status === "cancelled" ? "Cancelled." : "Asked to stop: Pulumi cancels the update at its next step.";
    });
  const approve = () =>
    action.run("approve", async () => {
      const updated = await approveOperation(op.id);
      queryClient.setQueryData(operationKeys.one(op.id), updated);
      await queryClient.invalidateQueries({ queryKey: datastoreKeys.one(op.datastoreId) });
      return updated.notBefore && updated.waiting ? `Approved: it runs in its window.` : "Approved: it runs next.";
    });
  const retry = () =>
    action.run("retry", async () => {
      await queued(await retryOperation(op.id));
      return "Queued again.";
    });

  return (
    <article
      className="op-card"
      aria-labelledby={`op-${op.id}-title`}
      data-testid="operation"
      data-operation-id={op.id}
      data-kind={op.kind}
      data-purpose={op.purpose}
      data-status={op.status}
      data-latest={latest}
    >
      <div className="op-head">
        <div>
          <h3 id={`op-${op.id}-title`}>
            {title} <OperationStatusBadge status={op.status} />
            {op.attempt > 1 ? <span className="muted small"> attempt {op.attempt}</span> : null}
          </h3>
          <p className="muted small">
            {actorLabel(op.requestedBy)} · queued {formatDateTime(op.createdAt)}
            {op.finishedAt ? ` · finished ${formatDateTime(op.finishedAt)}` : op.startedAt ? ` · started ${formatDateTime(op.startedAt)}` : ""}
          </p>
        </div>
        <div className="actions">
          {op.actions.confirm.allowed ? (
            <button type="button" className="button button--primary" onClick={() => void provision()} disabled={action.busy !== null}>
              {action.busy === "confirm" ? "Queueing…" : op.purpose === "change" ? "Apply change" : "Provision"}
            </button>
          ) : null}
          {op.actions.approve.allowed ? (
            <button type="button" className="button button--primary" onClick={() => void approve()} disabled={action.busy !== null}>
              {action.busy === "approve" ? "Approving…" : "Approve"}
            </button>
          ) : null}
          {op.actions.cancel.allowed ? (
            <button
              type="button"
              className="button button--warn"
              onClick={() => void cancel()}
              disabled={action.busy !== null || op.cancelRequestedAt !== null}
            >
              {op.cancelRequestedAt ? "Cancelling…" : action.busy === "cancel" ? "Cancelling…" : "Cancel"}
            </button>
          ) : null}
          {op.actions.retry.allowed ? (
            <button type="button" className="button" onClick={() => void retry()} disabled={action.busy !== null}>
              {action.busy === "retry" ? "Queueing…" : "Retry"}
            </button>
          ) : null}
        </div>
      </div>

      <p className="op-status-text" aria-live="polite" data-testid="operation-status-text">
        {op.waiting ? `Queued: ${op.waiting}.` : OPERATION_STATUS_TEXT[op.status]}
        {op.summary && !running ? ` ${capitalise(summaryText(op.summary, tenseOf(op)))}.` : ""}
        {op.cancelRequestedAt && running ? " Cancellation requested." : ""}
      </p>

      {showProgress ? <OperationProgress label={`${title} progress`} planned={op.progress.planned} done={done} status={op.status} /> : null}

      {op.error ? (
        <div className="callout callout--danger op-error" role="alert" data-testid="operation-error">
          <strong>
            {op.error.resourceName ? (
              <>
                {op.error.resourceType ? `${capitalise(resourceTypeLabel(op.error.resourceType))} ` : ""}
                <code data-testid="operation-error-resource">{op.error.resourceName}</code> failed:
              </>
            ) : (
              "It failed:"
            )}
          </strong>{" "}
          <span data-testid="operation-error-message">{op.error.message}</span>
        </div>
      ) : null}

      {op.diff && op.status === "succeeded" ? (
        op.kind === "refresh" || op.purpose === "drift" ? (
          <DriftResult diff={op.diff} />
        ) : (
          <>
            {op.kind === "preview" && latest ? (
              <p className="muted small">
                {op.actions.confirm.allowed
                  ? "This is what provisioning will do. Check it, then confirm with Provision."
                  : op.purpose === "change"
                    ? "What the change will do once it is approved and applied."
                    : "What this preview found."}
              </p>
            ) : null}
            <ResourceDiff diff={op.diff} label={`${title}: resources by region and zone`} />
          </>
        )
      ) : null}

      <ActionOutcomeNote outcome={action.outcome} />

      <div className="op-log-toggle">
        <button type="button" className="button button--small" aria-expanded={logOpen} onClick={() => setLogOpen((v) => !v)}>
          {logOpen ? "Hide log" : "Show log"}
        </button>
        {live.mode === "polling" ? <span className="muted small"> Live stream unavailable: polling for events.</span> : null}
        {live.mode === "closed" ? (
          <span className="muted small" role="status" data-testid="events-closed">
            {" "}
            {live.error}
          </span>
        ) : null}
      </div>
      {logOpen ? (
        <OperationLog events={live.events} loading={live.mode === "loading"} error={live.mode === "closed" ? null : live.error} prunedAt={op.eventsPrunedAt} />
      ) : null}
    </article>
  );
}

const capitalise = (s: string) => (s ? s[0]?.toUpperCase() + s.slice(1) : s);
