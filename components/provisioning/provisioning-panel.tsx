"use client";
// A datastore's provisioning: where it is in its lifecycle, the operation in progress or the last one (followed
// live), and what the person can do next — preview, provision, check for drift, change the workload, decommission,
// clean up a failed provisioning, or take the Pulumi project away. Which of these its state offers, and whether this
// person may, is the server's `actions`: a step offered but not allowed now is shown disabled with the server's
// reason (missing organisation settings, an open change…); one that is another team's to ask for is left out, its
// reason said once. A decommissioned datastore keeps its history and offers nothing.
import Link from "next/link";
import { useId, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { isTerminal } from "@/lib/schemas/operation";
import type { DatastoreStatus } from "@/lib/schemas/datastore";
import { errorMessage } from "@/lib/query/api";
import { createChange } from "@/lib/query/changes";
import { datastoreOperationsQuery, pulumiProjectUrl, queueOperation } from "@/lib/query/operations";
import { provisionerQuery } from "@/lib/query/provisioner";
import type { DatastoreDetailDto, Me } from "@/lib/query/types";
import type { Action } from "@/lib/schemas/actions";
import { ActionButton } from "@/components/ui/action-button";
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
  datastore: DatastoreDetailDto;
  me: Me | null;
  /** The operation chosen in the history (else the newest). */
  selectedId: string | null;
  onSelect: (id: string | null) => void;
}

/** Offered and not this person's to do (another team's to ask for): left out, its reason said once. */
const othersToDo = (a: Action | undefined): a is Action => !!a && !a.allowed && a.code === "forbidden";
/** Offered, and this person's to do, allowed now or not. */
const mine = (a: Action | undefined): Action | undefined => (a && !othersToDo(a) ? a : undefined);

export function ProvisioningPanel({ datastore: d, me, selectedId, onSelect }: Props) {
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
  const a = d.actions;
  const offered = [a.preview, a.refresh, a.cleanup, a.change, a.decommission].filter((x): x is Action => !!x);
  const yours = offered.filter((x) => !othersToDo(x));
  const othersReasons = [...new Set(offered.filter(othersToDo).map((x) => x.reason ?? ""))].filter(Boolean);
  // While an operation runs, the panel follows it; the next steps wait for it (the worker runs one at a time).
  const actionsOpen = offered.length > 0 && !busy;
  const previewReasonId = useId();
  // Steps that are this person's but not allowed now: the button disabled, described by the server's reason, said once
  // below the buttons however many steps it holds back (an open change holds back both change and decommission).
  const reasonBase = useId();
  const previewInCallout = latest === null && !!a.preview && !a.preview.allowed;
  const heldBack = [a.preview, a.cleanup, a.refresh, a.change, a.decommission]
    .filter((x) => x !== a.preview || !previewInCallout)
    .map(mine)
    .filter((x): x is Action => !!x && !x.allowed);
  const reasons = [...new Set(heldBack.map((x) => x.reason ?? ""))].filter(Boolean);
  const describe = (x: Action | undefined) =>
    x === a.preview && previewInCallout ? previewReasonId : x && !x.allowed && x.reason ? `${reasonBase}-${reasons.indexOf(x.reason)}` : undefined;

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
            {closed && d.decommissionedAt
              ? `Decommissioned ${formatDateTime(d.decommissionedAt)}: no cloud resources remain. The record and its history stay in the catalog.`
              : LIFECYCLE[d.status]}
          </p>
        </div>
        <ExportLink datastore={d} />
      </div>

      {ops.isPending ? (
        <Loading label="Loading operations…" />
      ) : ops.isError ? (
        <ErrorState title="Could not load the operations." message={errorMessage(ops.error)} onRetry={() => void ops.refetch()} />
      ) : (
        <>
          {latest === null && a.preview ? <NothingQueued preview={a.preview} me={me} reasonId={previewReasonId} /> : null}
          {latest?.status === "queued" && provisioner.data && !provisioner.data.inProcessWorker ? (
            <p className="callout callout--warning">
              This portal process runs no worker: operations wait until one runs (<code>npm run worker</code>).
            </p>
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
          {yours.length > 0 ? (
            <>
              <ActionButton
                action={mine(a.preview)}
                busy={action.busy !== null}
                describedBy={describe(a.preview)}
                onClick={() => void queue("preview", { kind: "preview" }, "A preview is queued: its diff appears here when it finishes.")}
              >
                {action.busy === "preview" ? "Queueing…" : latest ? "Preview again" : "Run a preview"}
              </ActionButton>
              <ActionButton
                action={mine(a.cleanup)}
                className="button button--danger"
                busy={action.busy !== null}
                describedBy={describe(a.cleanup)}
                onClick={() => setDialog("cleanup")}
              >
                Destroy partial resources
              </ActionButton>
              <ActionButton
                action={mine(a.refresh)}
                busy={action.busy !== null}
                describedBy={describe(a.refresh)}
                onClick={() => void queue("refresh", { kind: "refresh" }, "A drift check is queued.")}
              >
                {action.busy === "refresh" ? "Queueing…" : "Check for drift"}
              </ActionButton>
              {a.change?.allowed ? (
                <Link className="button" href={`/catalog/${d.id}/change`}>
                  Change workload
                </Link>
              ) : (
                <ActionButton action={mine(a.change)} describedBy={describe(a.change)} onClick={() => undefined}>
                  Change workload
                </ActionButton>
              )}
              <ActionButton
                action={mine(a.decommission)}
                className="button button--danger"
                busy={action.busy !== null}
                describedBy={describe(a.decommission)}
                onClick={() => setDialog("decommission")}
              >
                Decommission
              </ActionButton>
            </>
          ) : null}
          {reasons.map((reason, i) => (
            <p key={reason} id={`${reasonBase}-${i}`} className="action-reason action-reason--line" data-testid="action-reason">
              {reason}
            </p>
          ))}
          {othersReasons.map((reason) => (
            <span key={reason} className="muted small">
              {reason}
            </span>
          ))}
        </div>
      ) : null}
      {busy && offered.length > 0 ? <p className="muted small">Other actions wait until the operation above finishes.</p> : null}

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
          {d.decommissionTerms.destroysResources ? (
            <p>Every cloud resource of this datastore is destroyed: its server groups, launch templates, security groups and alarms. Its data is lost.</p>
          ) : (
            <p>It has no cloud resources, so there is nothing to destroy: the record is retired and stays in the catalog as decommissioned.</p>
          )}
          {d.decommissionTerms.needsApproval ? (
            <p>
              <strong>Tier {d.tier}:</strong> the decommission waits for a reviewer&apos;s approval before anything is destroyed.
            </p>
          ) : (
            <p>The record stays in the catalog as decommissioned, with its history.</p>
          )}
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

/** The Pulumi project download: a link while the server offers it, disabled with its reason when it cannot be built. */
function ExportLink({ datastore: d }: { datastore: DatastoreDetailDto }) {
  const reasonId = useId();
  const exp = d.actions.export;
  if (!exp) return null;
  if (exp.allowed) {
    return (
      <a className="button button--small" href={pulumiProjectUrl(d.id)} download={`${d.name}-pulumi.tar.gz`} data-testid="export-pulumi">
        Export Pulumi project
      </a>
    );
  }
  return (
    <span className="action-denied action-denied--end">
      <button type="button" className="button button--small" disabled aria-describedby={reasonId} title={exp.reason} data-testid="export-pulumi">
        Export Pulumi project
      </button>
      <span className="action-reason" id={reasonId}>
        {exp.reason}
      </span>
    </span>
  );
}
