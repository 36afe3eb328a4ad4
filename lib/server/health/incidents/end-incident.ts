// Ends an injected incident now (administrators, simulated metrics only): the series return to the plan from this
// minute; what a disk filling wrote stays. Ending one that has already ended is a 409. Audited.
import "server-only";
import { AppError } from "@/lib/errors";
import type { IncidentDto } from "@/lib/schemas/sla-health";
import type { Actor } from "../../auth/actor";
import { audit } from "../../audit";
import { db } from "../../db/client";
import { findVisibleDatastore } from "../../datastores/get-datastore";
import { forgetAtRisk } from "../at-risk-cache";
import { requireSimulatedAdmin, toIncidentDto } from "./incident-dto";

export async function endIncident({
  actor,
  datastoreId,
  incidentId,
  now = new Date(),
}: {
  actor: Actor;
  datastoreId: string;
  incidentId: string;
  now?: Date;
}): Promise<IncidentDto> {
  const row = await findVisibleDatastore(db(), actor, datastoreId);
  requireSimulatedAdmin(actor);
  const ended = await db().$transaction(async (tx) => {
    const incident = await tx.healthIncident.findFirst({ where: { id: incidentId, datastoreId } });
    if (!incident) throw new AppError("not_found", `No incident ${JSON.stringify(incidentId.slice(0, 100))} on this datastore.`);
    if (incident.endsAt !== null && incident.endsAt <= now) throw new AppError("conflict", `The incident ended at ${incident.endsAt.toISOString()}.`);
    // Conditional on the end it was read with: two concurrent ends, one wins.
    const { count } = await tx.healthIncident.updateMany({ where: { id: incidentId, endsAt: incident.endsAt }, data: { endsAt: now } });
    if (count !== 1) throw new AppError("conflict", "The incident changed while it was being ended; read it again.");
    await audit(tx, actor, {
      action: "datastore.health-incident.ended",
      subjectType: "datastore",
      subjectId: datastoreId,
      teamId: row.teamId,
      detail: { incidentId, kind: incident.kind, endedAt: now.toISOString(), simulated: true },
    });
    return tx.healthIncident.findUniqueOrThrow({ where: { id: incidentId } });
  });
  forgetAtRisk(datastoreId);
  return toIncidentDto(ended, now);
}
