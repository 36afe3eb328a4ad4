"use client";
// A datastore's topology: one row per server group (region, role, instance, nodes per zone × zones, drive).
import type { DatastoreDto } from "@/lib/query/types";
import { formatGib } from "@/components/ui/format";
import { TableScroll } from "@/components/ui/table-scroll";

export function DatastoreTopology({ datastore: d }: { datastore: DatastoreDto }) {
  const regions = [...new Set(d.topology.map((c) => c.region))];
  return (
    <section className="card" aria-labelledby="topology-title" data-testid="topology">
      <div className="card-head">
        <h2 id="topology-title">Topology</h2>
        <p className="muted">One server group per zone, per role, per region.</p>
      </div>
      <TableScroll label={"Topology"}>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Region</th>
              <th scope="col">Role</th>
              <th scope="col">Instance</th>
              <th scope="col">Nodes per zone × zones</th>
              <th scope="col">Drive</th>
              <th scope="col" className="num">
                Nodes
              </th>
            </tr>
          </thead>
          <tbody>
            {regions.flatMap((region) =>
              d.topology
                .filter((c) => c.region === region)
                .map((c, i) => (
                  <tr key={`${region}-${c.role}-${c.family}`}>
                    <td>{i === 0 ? <code>{region}</code> : null}</td>
                    <td>
                      <span className="badge">{c.role}</span>
                    </td>
                    <td>
                      <code>{c.instanceType}</code>
                    </td>
                    <td>
                      {c.nodesPerZone} × {c.zones}
                    </td>
                    <td>{c.drive ? `${c.drive.kind === "ebs" ? c.drive.type : "local NVMe"} · ${formatGib(c.drive.sizeGib)}` : "—"}</td>
                    <td className="num">{c.nodes}</td>
                  </tr>
                )),
            )}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}
