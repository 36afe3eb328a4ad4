// The inventory's webhook events, emitted in the refresh's transaction when it opens an event: fleet.event_scheduled
// for a scheduled event (retirement, reboot, maintenance, stop) with its deadline, fleet.node_impaired for an
// impaired status check. The datastore's summary (team, links) comes with each, like every datastore event.
import "server-only";
import type { Tx } from "../db/client";
import { emitDatastoreEvent } from "../webhooks/events";

export interface OpenedFleetEvent {
  eventId: string;
  code: string;
  description: string;
  notBefore: Date | null;
  notAfter: Date | null;
  deadline: Date | null;
}

export async function emitFleetEvent(tx: Tx, datastoreId: string, instanceId: string, event: OpenedFleetEvent): Promise<void> {
  const node = await tx.fleetNode.findUniqueOrThrow({
    where: { instanceId },
    select: { instanceId: true, region: true, zone: true, role: true, instanceType: true, groupName: true },
  });
  const type = event.code === "status-impaired" ? "fleet.node_impaired" : "fleet.event_scheduled";
  await emitDatastoreEvent(tx, type, datastoreId, {
    node,
    event: {
      eventId: event.eventId,
      code: event.code,
      description: event.description,
      notBefore: event.notBefore?.toISOString() ?? null,
      notAfter: event.notAfter?.toISOString() ?? null,
      deadline: event.deadline?.toISOString() ?? null,
    },
  });
}
