// The review queue as a table: what kind of decision each item asks for (a new request, a workload change, a
// decommission), what it is, what it costs, who asked and how long it has waited. A request opens its review page; a
// change or decommission opens its datastore's changes, where reviewers decide.
import Link from "next/link";
import { FAMILY_TITLES } from "@/lib/schemas";
import type { ReviewItem, ReviewKind } from "@/lib/query/types";
import { formatDateTime } from "@/components/ui/dates";
import { formatUsd } from "@/components/ui/format";

const KIND_LABELS: Record<ReviewKind, string> = { request: "Request", change: "Change", decommission: "Decommission" };

export function reviewHref(item: ReviewItem): string {
  return item.kind === "request" || item.datastoreId === null ? `/reviews/${item.id}` : `/catalog/${item.datastoreId}#changes-title`;
}

/** "3 d", "5 h", "12 min": how long an item has waited, as of `now`. */
export function waitedFor(since: string, now: number): string {
  const minutes = Math.max(0, Math.floor((now - new Date(since).getTime()) / 60_000));
  if (minutes >= 2 * 24 * 60) return `${Math.floor(minutes / (24 * 60))} d`;
  if (minutes >= 120) return `${Math.floor(minutes / 60)} h`;
  return `${minutes} min`;
}

function Cost({ item }: { item: ReviewItem }) {
  if (item.annualCost === null) return <span className="muted">—</span>;
  if (item.annualCostBefore === null) return <>{formatUsd(item.annualCost)}</>;
  return (
    <>
      {formatUsd(item.annualCost)}
      <div className="muted small">was {formatUsd(item.annualCostBefore)}</div>
    </>
  );
}

/** `now`: when the queue was read (react-query's dataUpdatedAt), so the server's render and the browser's agree. */
export function ReviewTable({ items, now }: { items: readonly ReviewItem[]; now: number }) {
  return (
    <div className="table-wrap">
      <table className="table review-table" data-testid="review-table">
        <thead>
          <tr>
            <th scope="col" className="wide-only">
              Kind
            </th>
            <th scope="col">Name</th>
            <th scope="col" className="wide-only">
              Team
            </th>
            <th scope="col" className="wide-only">
              Family
            </th>
            <th scope="col" className="num">
              Annual cost
            </th>
            <th scope="col" className="wide-only">
              Asked by
            </th>
            <th scope="col">Waiting</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={`${item.kind}:${item.id}`} data-testid="review-row" data-kind={item.kind} data-id={item.id}>
              <td className="wide-only">
                <span className={`review-kind review-kind--${item.kind}`} data-testid="review-kind">
                  {KIND_LABELS[item.kind]}
                </span>
              </td>
              <td>
                {/* On a phone the kind column folds into the name. */}
                <span className={`review-kind review-kind--${item.kind} narrow-only`}>{KIND_LABELS[item.kind]}</span>
                <Link className="row-link" href={reviewHref(item)}>
                  {item.name}
                </Link>
                {item.actions.decide.allowed ? null : <div className="muted small">{item.actions.decide.reason}</div>}
                {item.approvalReasons.length > 0 ? <div className="muted small wide-only">{item.approvalReasons.join("; ")}</div> : null}
              </td>
              <td className="wide-only">{item.team.name}</td>
              <td className="wide-only">{item.family ? FAMILY_TITLES[item.family] : <span className="muted">recommended</span>}</td>
              <td className="num">
                <Cost item={item} />
              </td>
              <td className="small wide-only">{item.requestedBy}</td>
              <td className="small nowrap">
                {waitedFor(item.waitingSince, now)}
                <div className="muted wide-only">{formatDateTime(item.waitingSince)}</div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
