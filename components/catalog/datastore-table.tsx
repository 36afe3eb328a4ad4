// Datastores as a table: the catalog's rows and the dashboard's.
import Link from "next/link";
import { FAMILY_TITLES } from "@/lib/schemas";
import type { DatastoreDto } from "@/lib/query/types";
import { formatUsd } from "@/components/ui/format";
import { StatusBadge } from "@/components/ui/status-badge";

export function DatastoreTable({ datastores }: { datastores: readonly DatastoreDto[] }) {
  return (
    <div className="table-wrap">
      <table className="table" data-testid="datastore-table">
        <thead>
          <tr>
            <th scope="col">Datastore</th>
            <th scope="col">Team</th>
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
              <td>{d.team.name}</td>
              <td>{FAMILY_TITLES[d.family]}</td>
              <td>{d.tier}</td>
              <td className="small">{d.regions.join(", ")}</td>
              <td className="num">{d.topology.reduce((n, c) => n + c.nodes, 0)}</td>
              <td className="num">{formatUsd(d.annualCost)}</td>
              <td>
                <StatusBadge status={d.status} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
