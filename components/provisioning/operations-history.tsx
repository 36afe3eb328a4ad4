"use client";
// Every operation of a datastore, newest first: what it was for, how it ended, who asked and what it changed.
// "View" opens one in the provisioning panel (its diff, failure and log).
import { useQuery } from "@tanstack/react-query";
import { errorMessage } from "@/lib/query/api";
import { datastoreOperationsQuery } from "@/lib/query/operations";
import { formatDateTime } from "@/components/ui/dates";
import { actorLabel } from "@/components/ui/format";
import { ErrorState, Loading } from "@/components/ui/query-state";
import { operationTitle, summaryText, tenseOf } from "./operation-labels";
import { OperationStatusBadge } from "./operation-status-badge";
import { TableScroll } from "@/components/ui/table-scroll";

export function OperationsHistory({
  datastoreId,
  selectedId,
  onSelect,
}: {
  datastoreId: string;
  selectedId: string | null;
  onSelect: (id: string | null) => void;
}) {
  const q = useQuery(datastoreOperationsQuery(datastoreId));
  return (
    <section className="card" aria-labelledby="operations-title" data-testid="operations-history">
      <div className="card-head">
        <h2 id="operations-title">Operations</h2>
        <p className="muted">Previews, provisioning, drift checks and destroys, newest first.</p>
      </div>
      {q.isPending ? (
        <Loading />
      ) : q.isError ? (
        <ErrorState message={errorMessage(q.error)} onRetry={() => void q.refetch()} />
      ) : q.data.items.length === 0 ? (
        <p className="empty">No operations yet.</p>
      ) : (
        <TableScroll label={"Operations"}>
          {/* Four columns, the status under the operation's name: the table fits the side column with its buttons whole. */}
          <table className="table history-table">
            <thead>
              <tr>
                <th scope="col">Operation</th>
                <th scope="col">Who · when</th>
                <th scope="col">Summary</th>
                <th scope="col">
                  <span className="visually-hidden">Open</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {q.data.items.map((op, i) => {
                const current = selectedId ? selectedId === op.id : i === 0;
                return (
                  <tr
                    key={op.id}
                    data-testid="history-row"
                    data-kind={op.kind}
                    data-purpose={op.purpose}
                    data-status={op.status}
                    aria-current={current ? "true" : undefined}
                  >
                    <td>
                      {operationTitle(op)}
                      {op.attempt > 1 ? <span className="muted small"> (attempt {op.attempt})</span> : null}
                      <div>
                        <OperationStatusBadge status={op.status} />
                      </div>
                    </td>
                    <td className="small">
                      {actorLabel(op.requestedBy)}
                      <br />
                      <span className="muted">{formatDateTime(op.createdAt)}</span>
                    </td>
                    <td className="small history-summary">
                      {op.error ? (
                        <span className="field-error-text" title={op.error.message}>
                          {op.error.resourceName ? `${op.error.resourceName} failed` : shorten(op.error.message)}
                        </span>
                      ) : (
                        summaryText(op.summary, tenseOf(op)) || "—"
                      )}
                    </td>
                    <td className="history-open">
                      <button
                        type="button"
                        className="button button--small"
                        disabled={current}
                        onClick={() => onSelect(i === 0 ? null : op.id)}
                        aria-label={`View ${operationTitle(op).toLowerCase()} from ${formatDateTime(op.createdAt)}`}
                      >
                        View
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}

/** The history keeps a failure to a line or two; the panel shows it whole. */
const shorten = (text: string, max = 90) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
