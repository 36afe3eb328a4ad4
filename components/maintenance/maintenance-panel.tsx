"use client";
// The datastore's maintenance tab: its weekly windows (edited by its owners), the cloud's pending events with their
// deadlines, and the replacements scheduled for them — waiting for their window or a reviewer, then node by node.
import { useState } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { describeWindow } from "@/lib/maintenance/maintenance-windows";
import { WEEKDAYS, type MaintenanceReplacement, type MaintenanceWindow } from "@/lib/schemas/maintenance";
import { errorMessage, isApiProblem } from "@/lib/query/api";
import { maintenanceKeys, maintenanceQuery, putMaintenanceWindows } from "@/lib/query/maintenance";
import { approveOperation } from "@/lib/query/operations";
import type { DatastoreDetailDto } from "@/lib/query/types";
import { formatDateTime } from "@/components/ui/dates";
import { ErrorState, Loading } from "@/components/ui/query-state";
import { TableScroll } from "@/components/ui/table-scroll";

const EVENT_LABELS: Record<string, string> = {
  "instance-retirement": "Retirement",
  "instance-stop": "Stop",
  "instance-reboot": "Instance reboot",
  "system-reboot": "System reboot",
  "system-maintenance": "System maintenance",
  "status-impaired": "Impaired status check",
};

const pad = (n: number) => String(n).padStart(2, "0");
const toTime = (minute: number) => `${pad(Math.floor(minute / 60))}:${pad(minute % 60)}`;
const fromTime = (value: string) => {
  const [h, m] = value.split(":").map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

export function MaintenancePanel({ datastore }: { datastore: DatastoreDetailDto }) {
  const q = useQuery(maintenanceQuery(datastore.id));
  if (q.isPending) return <Loading label="Loading maintenance…" />;
  if (q.isError) return <ErrorState message={errorMessage(q.error)} onRetry={() => void q.refetch()} error={q.error} />;
  const m = q.data;
  return (
    <div className="stack" data-testid="maintenance-panel">
      <WindowsCard datastoreId={datastore.id} windows={m.windows} nextOpensAt={m.nextOpensAt} canEdit={m.canEdit} />
      <section className="card" aria-labelledby="events-title" data-testid="maintenance-events">
        <h2 id="events-title">Pending cloud events</h2>
        {m.events.length === 0 ? (
          <p className="muted">No scheduled events: the cloud has nothing planned for this datastore&apos;s nodes.</p>
        ) : (
          <TableScroll label="Pending cloud events">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Node</th>
                  <th scope="col">Zone</th>
                  <th scope="col">Event</th>
                  <th scope="col">Deadline</th>
                  <th scope="col">Answered by</th>
                </tr>
              </thead>
              <tbody>
                {m.events.map((e) => (
                  <tr key={e.id} data-testid="maintenance-event" data-instance-id={e.instanceId}>
                    <td>
                      <code>{e.instanceId}</code> <span className="muted small">{e.role}</span>
                    </td>
                    <td>{e.zone}</td>
                    <td title={e.description}>{EVENT_LABELS[e.code] ?? e.code}</td>
                    <td>{e.deadline ? formatDateTime(e.deadline) : "now (no deadline)"}</td>
                    <td>{e.operationId ? "a scheduled replacement" : <span className="muted">not scheduled yet</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </section>
      <section className="card" aria-labelledby="replacements-title" data-testid="maintenance-replacements">
        <h2 id="replacements-title">Replacements</h2>
        {m.replacements.length === 0 ? (
          <p className="muted">No replacements yet. The portal schedules one in your window when the cloud announces an event.</p>
        ) : (
          m.replacements.map((r) => <ReplacementCard key={r.operationId} datastoreId={datastore.id} replacement={r} canApprove={m.canApprove} />)
        )}
      </section>
    </div>
  );
}

function ReplacementCard({ datastoreId, replacement: r, canApprove }: { datastoreId: string; replacement: MaintenanceReplacement; canApprove: boolean }) {
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const done = r.steps.filter((s) => s.status === "done").length;
  const approve = async () => {
    setBusy(true);
    setNote(null);
    try {
      await approveOperation(r.operationId);
      await queryClient.invalidateQueries({ queryKey: maintenanceKeys.of(datastoreId) });
      setNote("Approved.");
    } catch (error) {
      setNote(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <article className="maintenance-replacement" data-testid="replacement" data-operation-id={r.operationId} data-status={r.status}>
      <h3>
        Replacing {r.steps.length} node{r.steps.length === 1 ? "" : "s"} <span className="muted small">({r.status})</span>
      </h3>
      <p data-testid="replacement-state" aria-live="polite">
        {r.waiting
          ? `Queued: ${r.waiting}.`
          : r.status === "running"
            ? `Running: ${done} of ${r.steps.length} replaced.`
            : r.status === "queued"
              ? `Queued${r.notBefore ? ` for its window (${formatDateTime(r.notBefore)})` : ""}: starts shortly.`
              : `${r.status[0]?.toUpperCase()}${r.status.slice(1)}: ${done} of ${r.steps.length} replaced.`}
        {r.approvedBy ? ` Approved by ${r.approvedBy}.` : ""}
      </p>
      <progress max={r.steps.length} value={done} aria-label={`Replacement progress: ${done} of ${r.steps.length}`} />
      {canApprove && r.approvalRequired && !r.approvedAt && r.status === "queued" ? (
        <p>
          <button type="button" className="button button--primary" onClick={() => void approve()} disabled={busy}>
            {busy ? "Approving…" : "Approve replacement"}
          </button>
        </p>
      ) : null}
      {note ? (
        <p className="muted small" role="status">
          {note}
        </p>
      ) : null}
      <TableScroll label="Replacement steps">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">Node</th>
              <th scope="col">Zone</th>
              <th scope="col">Step</th>
              <th scope="col">Replacement</th>
            </tr>
          </thead>
          <tbody>
            {r.steps.map((s) => (
              <tr key={s.seq} data-testid="replacement-step" data-status={s.status} data-instance-id={s.instanceId}>
                <td>{s.batch + 1}</td>
                <td>
                  <code>{s.instanceId}</code> <span className="muted small">{s.role}</span>
                </td>
                <td>{s.zone}</td>
                <td>{s.status}</td>
                <td>{s.replacementInstanceId ? <code>{s.replacementInstanceId}</code> : <span className="muted">—</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <p className="muted small">
        <a href={`/catalog/${datastoreId}#op-${r.operationId}-title`}>The operation&apos;s log</a> is on the overview with the datastore&apos;s other
        operations.
      </p>
    </article>
  );
}

function WindowsCard({
  datastoreId,
  windows,
  nextOpensAt,
  canEdit,
}: {
  datastoreId: string;
  windows: MaintenanceWindow[];
  nextOpensAt: string | null;
  canEdit: boolean;
}) {
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<MaintenanceWindow[] | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const editing = draft !== null;
  const list = draft ?? windows;
  const set = (i: number, patch: Partial<MaintenanceWindow>) => setDraft(list.map((w, j) => (j === i ? { ...w, ...patch } : w)));

  const save = async () => {
    if (!draft) return;
    setSaving(true);
    setFailure(null);
    setErrors({});
    try {
      await putMaintenanceWindows(datastoreId, draft);
      await queryClient.invalidateQueries({ queryKey: maintenanceKeys.of(datastoreId) });
      setDraft(null);
    } catch (error) {
      if (isApiProblem(error) && error.fieldErrors.length > 0) setErrors(Object.fromEntries(error.fieldErrors.map((e) => [e.field, e.message])));
      setFailure(errorMessage(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <section className="card" aria-labelledby="windows-title" data-testid="maintenance-windows">
      <div className="card-head card-head--row">
        <div>
          <h2 id="windows-title">Maintenance windows</h2>
          <p className="muted">
            Weekly, in UTC. A replacement goes in the last window that ends before the cloud&apos;s deadline; without one that fits, as soon as possible.
          </p>
        </div>
        {canEdit && !editing ? (
          <button type="button" className="button" onClick={() => setDraft(windows)}>
            Edit windows
          </button>
        ) : null}
      </div>
      {!editing ? (
        windows.length === 0 ? (
          <p className="muted" data-testid="no-windows">
            No windows: replacements run as soon as they are scheduled.
          </p>
        ) : (
          <>
            <ul data-testid="window-list">
              {windows.map((w, i) => (
                <li key={i}>{describeWindow(w, WEEKDAYS)}</li>
              ))}
            </ul>
            {nextOpensAt ? <p className="muted small">Next opens {formatDateTime(nextOpensAt)}.</p> : null}
          </>
        )
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
          aria-label="Maintenance windows"
        >
          {list.map((w, i) => {
            const err = (f: string) => errors[`windows.${i}.${f}`];
            return (
              <fieldset key={i} className="window-row" data-testid="window-row">
                <legend>Window {i + 1}</legend>
                <label>
                  Day
                  <select value={w.weekday} onChange={(e) => set(i, { weekday: Number(e.target.value) })} aria-invalid={err("weekday") ? true : undefined}>
                    {WEEKDAYS.map((d, n) => (
                      <option key={d} value={n}>
                        {d}
                      </option>
                    ))}
                  </select>
                </label>
                <label>
                  Starts (UTC)
                  <input type="time" value={toTime(w.startMinute)} onChange={(e) => set(i, { startMinute: fromTime(e.target.value) })} required />
                </label>
                <label>
                  Minutes
                  <input
                    type="number"
                    min={30}
                    max={720}
                    step={15}
                    value={w.durationMinutes}
                    onChange={(e) => set(i, { durationMinutes: Number(e.target.value) })}
                    aria-invalid={err("durationMinutes") ? true : undefined}
                  />
                </label>
                <button
                  type="button"
                  className="button button--small"
                  onClick={() => setDraft(list.filter((_, j) => j !== i))}
                  aria-label={`Remove window ${i + 1}`}
                >
                  Remove
                </button>
                {[err("weekday"), err("startMinute"), err("durationMinutes"), errors[`windows.${i}`]].filter(Boolean).map((m) => (
                  <p key={m} className="field-error" role="alert">
                    {m}
                  </p>
                ))}
              </fieldset>
            );
          })}
          <div className="actions">
            <button
              type="button"
              className="button"
              onClick={() => setDraft([...list, { weekday: 2, startMinute: 120, durationMinutes: 120 }])}
              disabled={list.length >= 14}
            >
              Add a window
            </button>
            <button type="submit" className="button button--primary" disabled={saving}>
              {saving ? "Saving…" : "Save windows"}
            </button>
            <button type="button" className="button" onClick={() => (setDraft(null), setErrors({}), setFailure(null))}>
              Cancel
            </button>
          </div>
          {failure ? (
            <p className="callout callout--danger" role="alert" data-testid="windows-error">
              {failure}
            </p>
          ) : null}
        </form>
      )}
    </section>
  );
}
