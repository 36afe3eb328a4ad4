"use client";
// The fleet-wide "at risk" list: the active datastores that need someone, critical first, each finding one sentence
// with a link to where to act. Refreshed every minute (the server computes each datastore at most once a minute).
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { errorMessage } from "@/lib/query/api";
import { atRiskQuery } from "@/lib/query/health";
import { EmptyState, ErrorState, Loading } from "@/components/ui/query-state";
import { formatDateTime } from "@/components/ui/dates";
import { TableScroll } from "@/components/ui/table-scroll";

const KIND_LABEL: Record<string, string> = {
  alarming: "Alarming",
  "near-threshold": "Near a threshold",
  "running-out-of-room": "Running out of room",
  "load-departs-from-plan": "Load departs from plan",
};

export function AtRiskPage() {
  const list = useQuery(atRiskQuery());
  if (list.isPending) return <Loading label="Checking the fleet…" />;
  if (list.isError)
    return <ErrorState title="Could not check the fleet." message={errorMessage(list.error)} error={list.error} onRetry={() => void list.refetch()} />;
  const l = list.data;
  return (
    <div className="stack" data-testid="at-risk">
      <p className="muted">
        {l.checked} active datastore{l.checked === 1 ? "" : "s"} checked at {formatDateTime(l.checkedAt)}
        {l.source === "simulated" ? (
          <>
            {" "}
            · <span className="status status--info">simulated</span> metrics
          </>
        ) : null}{" "}
        · <Link href="/runbooks">Runbooks</Link>
      </p>
      {l.errors.length > 0 ? (
        <div className="callout callout--danger" role="alert">
          {l.errors.length} check{l.errors.length === 1 ? "" : "s"} could not read the cloud; the list may be incomplete. First: {l.errors[0]?.message}
        </div>
      ) : null}
      {l.items.length === 0 ? (
        <EmptyState title="Nothing at risk.">No alarm is firing and no metric is near its threshold.</EmptyState>
      ) : (
        <TableScroll label="Datastores at risk">
          <table className="table at-risk-table">
            <thead>
              <tr>
                <th scope="col">Datastore</th>
                <th scope="col">Team</th>
                <th scope="col">Tier</th>
                <th scope="col">Findings</th>
              </tr>
            </thead>
            <tbody>
              {l.items.map((item) => (
                <tr key={item.datastore.id} data-testid="at-risk-row" data-datastore={item.datastore.id} data-severity={item.severity}>
                  <td>
                    <Link href={`/catalog/${item.datastore.id}?tab=health`}>{item.datastore.name}</Link>
                    <div className="muted small">{item.datastore.family}</div>
                  </td>
                  <td>{item.datastore.team.slug}</td>
                  <td className="num">{item.datastore.tier}</td>
                  <td>
                    <ul className="at-risk-findings">
                      {item.findings.map((f, i) => (
                        <li key={`${f.kind}-${f.region ?? ""}-${f.role ?? ""}-${f.metric ?? ""}-${i}`} data-kind={f.kind}>
                          <span className={`status status--${f.severity === "critical" ? "danger" : "warn"}`}>{KIND_LABEL[f.kind] ?? f.kind}</span>{" "}
                          <Link href={f.href}>{f.summary}</Link>
                        </li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </div>
  );
}
