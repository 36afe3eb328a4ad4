// Requests as a table: name, team, family, status, who asked and when. Each row opens the request (or, for
// reviewers in the queue, the review page).
import Link from "next/link";
import { FAMILY_TITLES } from "@/lib/schemas";
import type { RequestSummary } from "@/lib/query/types";
import { formatUsd } from "@/components/ui/format";
import { formatDateTime } from "@/components/ui/dates";
import { StatusBadge } from "@/components/ui/status-badge";
import { TableScroll } from "@/components/ui/table-scroll";

export function RequestTable({
  requests,
  hrefFor = (r) => `/requests/${r.id}`,
  showTeam = true,
}: {
  requests: readonly RequestSummary[];
  hrefFor?: (r: RequestSummary) => string;
  showTeam?: boolean;
}) {
  return (
    <TableScroll label={"Requests"}>
      <table className="table" data-testid="request-table">
        <thead>
          <tr>
            <th scope="col">Request</th>
            {showTeam ? <th scope="col">Team</th> : null}
            <th scope="col">Family</th>
            <th scope="col" className="num">
              Annual cost
            </th>
            <th scope="col">Status</th>
            <th scope="col">Requested</th>
          </tr>
        </thead>
        <tbody>
          {requests.map((r) => {
            const family = r.chosen?.family ?? r.family;
            const plan = r.chosen;
            return (
              <tr key={r.id} data-testid="request-row" data-request-id={r.id}>
                <td>
                  <Link className="row-link" href={hrefFor(r)}>
                    {r.name}
                  </Link>
                </td>
                {showTeam ? <td>{r.team.name}</td> : null}
                <td>{family ? FAMILY_TITLES[family] : <span className="muted">recommended</span>}</td>
                <td className="num">{plan ? formatUsd(plan.annualCost) : <span className="muted">—</span>}</td>
                <td>
                  <StatusBadge status={r.status} />
                </td>
                <td className="small">
                  {r.createdBy.name}
                  <div className="muted">{formatDateTime(r.submittedAt ?? r.createdAt)}</div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableScroll>
  );
}
