"use client";
// A datastore's provisioning: where it is in its lifecycle, what blocks it (missing organisation settings), the
// operation in progress or the last one (followed live), and what its owners and reviewers can do next —
// preview, provision, check for drift, change the workload, decommission, clean up a failed provisioning, or
// take the Pulumi project away. A decommissioned datastore keeps its history and offers nothing.
import Link from "next/link";
import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { isTerminal } from "@/lib/schemas/operation";
import type { DatastoreStatus } from "@/lib/schemas/datastore";
import { errorMessage } from "@/lib/query/api";
import { createChange } from "@/lib/query/changes";
import { datastoreOperationsQuery, pulumiProjectUrl, queueOperation } from "@/lib/query/operations";
import { provisionerQuery } from "@/lib/query/provisioner";
import type { DatastoreDto, Me } from "@/lib/query/types";
import { formatDateTime } from "@/components/ui/dates";
import { ErrorState, Loading } from "@/components/ui/query-state";
import { ConfirmNameDialog } from "./confirm-name-dialog";
import { NothingQueued } from "./nothing-queued";
import { OperationCard } from "./operation-card";
import { ActionOutcomeNote, useAction } from "./use-action";
import { useQueued } from "./use-queued";

const LIFECYCLE: Record<DatastoreStatus, string> = {
  approved: "Approved, not provisioned yet: no cloud resources exist. A preview shows what provisioning will create; confirm it to provision.",
  provisioning: "Provisioning: its resources are being created.",
  active: "Active: provisioned and running.",
  failed: "The last provisioning operation failed. Retry it, or destroy the partial resources it left.",
  decommissioning: "Decommissioning: its resources are being destroyed.",
  decommissioned: "Decommissioned: no cloud resources remain. The record and its history stay in the catalog.",
};

type Dialog = "decommission" | "cleanup" | null;

interface Props {
  datastore: DatastoreDto;
  me: Me | null;
  /** Owners and reviewers: preview, provision, drift checks, cleanup. */
  canAct: boolean;
  /** The owning team (and administrators): workload changes and decommissioning go through them. */
  isOwner: boolean;
  /** The operation chosen in the history (else the newest). */
  selectedId: string | null;
  onSelect: (id: string | null) => void;
}

export function ProvisioningPanel({ datastore: d, me, canAct, isOwner, selectedId, onSelect }: Props) {
  const ops = useQuery({ ...datastoreOperationsQuery(d.id), refetchInterval: d.status === "decommissioned" ? false : 10_000 });
  const provisioner = useQuery({ ...provisionerQuery(), enabled: !!me });
  const action = useAction();
  const { queued, refresh } = useQueued(d.id);
  const [dialog, setDialog] = useState<Dialog>(null);
  // The operation the last "… is queued" note is about: once it has finished, its own card says how, so the note goes.
  const [following, setFollowing] = useState<string | null>(null);

  const items = ops.data?.items ?? [];
  const latest = items[0] ?? null;
  const shown = (selectedId ? items.find((o) => o.id === selectedId) : undefined) ?? latest;
  const busy = !!latest && !isTerminal(latest.status);
  const closed = d.status === "decommissioned";
  const actionsOpen = canAct && !closed && !busy;

  const followed = following ? items.find((o) => o.id === following) : undefined;
  const outcome = followed && isTerminal(followed.status) ? null : action.outcome;

  const queue = (key: string, body: Parameters<typeof queueOperation>[1], done: string) =>
    action.run(key, async () => {
      setFollowing(null);
      const op = await queueOperation(d.id, body);
      setFollowing(op.id);
      onSelect(null);
      await queued(op);
      return done;
    });

  return (
    <section className="card provisioning" aria-labelledby="provisioning-title" data-testid="provisioning-panel" data-status={d.status}>
      <div className="card-head card-head--row">
        <div>
          <h2 id="provisioning-title">Provisioning</h2>
          <p className="muted" data-testid="lifecycle-text">
            {closed && d.decommissionedAt ? `Decommissioned ${formatDateTime(d.decommissionedAt)}: no cloud resources remain. The record and its history stay in the catalog.` : LIFECYCLE[d.status]}
          </p>
        </div>
        {!closed ? (
          <a className="button button--small" href={pulumiProjectUrl(d.id)} download={`${d.name}-pulumi.tar.gz`} data-testid="export-pulumi">
            Export Pulumi project
          </a>
        ) : null}
      </div>

      {ops.isPending ? (
        <Loading label="Loading operations…" />
      ) : ops.isError ? (
        <ErrorState title="Could not load the operations." message={errorMessage(ops.error)} onRetry={() => void ops.refetch()} />
      ) : (
        <>
          {latest === null && !closed ? <NothingQueued datastore={d} me={me} /> : null}
          {latest?.status === "queued" && provisioner.data && !provisioner.data.inProcessWorker ? (
            <p className="callout callout--warning">This portal process runs no worker: operations wait until one runs (<code>npm run worker</code>).</p>
          ) : null}
          {shown ? (
            <>
              {shown.id !== latest?.id ? (
                <p className="small">
                  Showing an earlier operation.{" "}
                  <button type="button" className="button button--small button--link" onClick={() => onSelect(null)}>
                    Back to the latest
                  </button>
                </p>
              ) : null}
              <OperationCard key={shown.id} operation={shown} seenAt={ops.dataUpdatedAt} latest={shown.id === latest?.id} />
            </>
          ) : null}
        </>
      )}

      {actionsOpen && ops.isSuccess ? (
        <div className="actions provisioning-actions" role="group" aria-label="Provisioning actions">
          {d.status === "approved" || d.status === "failed" ? (
            <button type="button" className="button" disabled={action.busy !== null} onClick={() => void queue("preview", { kind: "preview" }, "A preview is queued: its diff appears here when it finishes.")}>
              {action.busy === "preview" ? "Queueing…" : latest ? "Preview again" : "Run a preview"}
            </button>
          ) : null}
          {d.status === "failed" ? (
            <button type="button" className="button button--danger" disabled={action.busy !== null} onClick={() => setDialog("cleanup")}>
              Destroy partial resources
            </button>
          ) : null}
          {d.status === "active" ? (
            <>
              <button type="button" className="button" disabled={action.busy !== null} onClick={() => void queue("refresh", { kind: "refresh" }, "A drift check is queued.")}>
                {action.busy === "refresh" ? "Queueing…" : "Check for drift"}
              </button>
              {isOwner ? (
                <Link className="button" href={`/catalog/${d.id}/change`}>
                  Change workload
                </Link>
              ) : null}
            </>
          ) : null}
          {isOwner && (d.status === "active" || d.status === "failed" || d.status === "approved") ? (
            <button type="button" className="button button--danger" disabled={action.busy !== null} onClick={() => setDialog("decommission")}>
              Decommission
            </button>
          ) : null}
          {!isOwner && (d.status === "active" || d.status === "failed" || d.status === "approved") ? (
            <span className="muted small">Workload changes and decommissioning are asked for by {d.team.name}, the owning team.</span>
          ) : null}
        </div>
      ) : null}
      {canAct && !closed && busy ? <p className="muted small">Other actions wait until the operation above finishes.</p> : null}

      {dialog === "decommission" ? (
        <ConfirmNameDialog
          title={`Decommission ${d.name}`}
          name={d.name}
          confirmLabel="Decommission"
          onClose={() => setDialog(null)}
          onConfirm={async (typed) => {
            const change = await createChange(d.id, { kind: "decommission", confirmName: typed });
            setFollowing(null);
            setDialog(null);
            onSelect(null);
            action.report(
              change.status === "pending-approval"
                ? "Decommission requested: it waits for a reviewer's approval, then its resources are destroyed."
                : change.status === "applied"
                  ? "Decommissioned: it had no cloud resources, so nothing needed destroying."
                  : "Decommission queued: its resources are being destroyed.",
            );
            await refresh();
          }}
        >
          {d.status === "approved" ? (
            <p>It was never provisioned, so there is nothing to destroy: the record is retired and stays in the catalog as decommissioned.</p>
          ) : (
            <p>Every cloud resource of this datastore is destroyed: its server groups, launch templates, security groups and alarms. Its data is lost.</p>
          )}
          {d.tier <= 1 ? <p><strong>Tier {d.tier}:</strong> the decommission waits for a reviewer&apos;s approval before anything is destroyed.</p> : <p>The record stays in the catalog as decommissioned, with its history.</p>}
        </ConfirmNameDialog>
      ) : null}
      {dialog === "cleanup" ? (
        <ConfirmNameDialog
          title={`Destroy the partial resources of ${d.name}`}
          name={d.name}
          confirmLabel="Destroy partial resources"
          onClose={() => setDialog(null)}
          onConfirm={async (typed) => {
            const op = await queueOperation(d.id, { kind: "destroy", confirmName: typed });
            setFollowing(op.id);
            setDialog(null);
            onSelect(null);
            action.report("Destroying the partial resources: the datastore can be previewed and provisioned again afterwards.");
            await queued(op);
          }}
        >
          <p>The failed provisioning left some resources behind. Destroying them returns the datastore to approved: you can preview and provision it again.</p>
        </ConfirmNameDialog>
      ) : null}
      <ActionOutcomeNote outcome={outcome} testId="provisioning-outcome" />
    </section>
  );
}
