// Nodes as a table: the fleet page's rows and a datastore's nodes tab. Previous-generation shapes carry a pill, each
// node its open events with their deadlines; an administrator of the simulated cloud may pick a node to inject into.
import Link from "next/link";
import { FLEET_EVENT_LABELS } from "@/lib/schemas/fleet";
import type { FleetEventDto, FleetNodeDto } from "@/lib/schemas/fleet";
import { formatDateTime } from "@/components/ui/dates";
import { TableScroll } from "@/components/ui/table-scroll";

export function deadlineText(e: Pick<FleetEventDto, "deadline" | "code">): string {
  return e.deadline ? `by ${formatDateTime(e.deadline)}` : "act now";
}

export function EventLine({ event }: { event: FleetEventDto }) {
  return (
    <span className="fleet-event" data-testid="fleet-event" data-code={event.code}>
      <span className={`status ${event.deadline ? "status--warn" : "status--danger"}`}>{FLEET_EVENT_LABELS[event.code]}</span>{" "}
      <span className="small" data-testid="fleet-event-deadline">
        {deadlineText(event)}
      </span>
    </span>
  );
}

export function NodeTable({
  nodes,
  showDatastore = true,
  onInject,
}: {
  nodes: readonly FleetNodeDto[];
  showDatastore?: boolean;
  /** Administrators of the simulated cloud: pick this node for the inject form. */
  onInject?: (instanceId: string) => void;
}) {
  return (
    <TableScroll label="Nodes">
      <table className="table" data-testid="node-table">
        <thead>
          <tr>
            <th scope="col">Instance</th>
            {showDatastore ? <th scope="col">Datastore</th> : null}
            <th scope="col">Role</th>
            <th scope="col">Zone</th>
            <th scope="col">Type</th>
            <th scope="col">Image · engine</th>
            <th scope="col">State</th>
            <th scope="col">Pending events</th>
            {onInject ? <th scope="col">Simulate</th> : null}
          </tr>
        </thead>
        <tbody>
          {nodes.map((n) => (
            <tr key={n.id} data-testid="node-row" data-instance={n.instanceId} data-events={n.events.length}>
              <td className="mono small">{n.instanceId}</td>
              {showDatastore ? (
                <td>
                  <Link className="row-link" href={`/catalog/${n.datastore.id}?tab=nodes`}>
                    {n.datastore.name}
                  </Link>
                  <div className="muted small">{n.team.name}</div>
                </td>
              ) : null}
              <td>{n.role}</td>
              <td className="small">{n.zone}</td>
              <td>
                <span className="mono small">{n.instanceType}</span>
                {n.generation === "previous" ? (
                  <>
                    {" "}
                    <span className="status status--warn" data-testid="previous-generation" title="A previous-generation family: modernise it">
                      previous gen
                    </span>
                  </>
                ) : null}
              </td>
              <td className="small">
                <span className="mono">{n.imageId}</span> · {n.engineVersion}
              </td>
              <td className="small">
                <span
                  className={`status ${n.healthy && n.statusCheck !== "impaired" ? "status--ok" : n.lifecycle === "pending" ? "status--info" : "status--danger"}`}
                >
                  {n.lifecycle}
                </span>{" "}
                {n.statusCheck !== "ok" ? <span className="muted">{n.statusCheck}</span> : null}
              </td>
              <td>
                {n.events.length === 0 ? (
                  <span className="muted small">none</span>
                ) : (
                  <div className="fleet-events">
                    {n.events.map((e) => (
                      <EventLine key={e.id} event={e} />
                    ))}
                  </div>
                )}
              </td>
              {onInject ? (
                <td>
                  <button type="button" className="link-button small" onClick={() => onInject(n.instanceId)} aria-label={`Inject an event on ${n.instanceId}`}>
                    Inject…
                  </button>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
