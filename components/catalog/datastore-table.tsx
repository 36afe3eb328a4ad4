// Datastores as a table: the catalog's rows and the dashboard's.
import Link from "next/link";
import { FAMILY_TITLES } from "@/lib/schemas";
import type { DatastoreSummary } from "@/lib/query/types";
import { formatUsd, formatUsdShort } from "@/components/ui/format";
import { StatusBadge } from "@/components/ui/status-badge";
import { TableScroll } from "@/components/ui/table-scroll";

/** `showTeam={false}` where the team is already said (a team's section of the dashboard), leaving room for the rest. */
export function DatastoreTable({ datastores, showTeam = true }: { datastores: readonly DatastoreSummary[]; showTeam?: boolean }) {
  return (
    <TableScroll label={"Datastores"}>
      <table className="table" data-testid="datastore-table">
        <thead>
          <tr>
            <th scope="col">Datastore</th>
            {showTeam ? <th scope="col">Team</th> : null}
            <th scope="col">Family</th>
            <th scope="col">Tier</th>
            <th scope="col">Regions</th>
            <th scope="col" className="num">
              Nodes
            </th>
            <th scope="col" className="num">
              Annual cost
            </th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {datastores.map((d) => (
            <tr key={d.id} data-testid="datastore-row" data-name={d.name}>
              <td>
                <Link className="row-link" href={`/catalog/${d.id}`}>
                  {d.name}
                </Link>
              </td>
              {showTeam ? <td>{d.team.name}</td> : null}
              <td>{FAMILY_TITLES[d.family]}</td>
              <td>{d.tier}</td>
              <td className="small">{d.regions.join(", ")}</td>
              {d.status === "decommissioned" ? (
                <>
                  <td className="num" title={`was ${d.nodes} nodes`}>
                    —
                  </td>
                  <td className="num">
                    $0 <span className="muted small">(was {formatUsdShort(d.annualCost)})</span>
                  </td>
                </>
              ) : (
                <>
                  <td className="num">{d.nodes}</td>
                  <td className="num">{formatUsd(d.annualCost)}</td>
                </>
              )}
              <td>
                <StatusBadge status={d.status} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
