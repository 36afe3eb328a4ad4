// Injects a health incident into a simulated datastore (administrators, simulated metrics only): a latency spike, a
// traffic growth or a disk filling up, in one region and role or all of them, from now (or up to 30 days back) until
// ended or for a duration. Audited; the at-risk list forgets what it cached of the datastore.
import "server-only";
import { AppError, type FieldError } from "@/lib/errors";
import type { IncidentCreate, IncidentDto } from "@/lib/schemas/sla-health";
import type { Actor } from "../../auth/actor";
import { audit } from "../../audit";
import { db } from "../../db/client";
import { findVisibleDatastore } from "../../datastores/get-datastore";
import { toDatastoreDto } from "../../datastores/datastore-dto";
import { forgetAtRisk } from "../at-risk-cache";
import { requireSimulatedAdmin, toIncidentDto } from "./incident-dto";

const BACKDATE_LIMIT_MS = 30 * 86_400_000;

export interface CreateIncidentOptions {
  actor: Actor;
  datastoreId: string;
  incident: IncidentCreate;
  now?: Date;
}

export async function createIncident({ actor, datastoreId, incident, now = new Date() }: CreateIncidentOptions): Promise<IncidentDto> {
  const row = await findVisibleDatastore(db(), actor, datastoreId);
  requireSimulatedAdmin(actor);
  const dto = toDatastoreDto(row);
  if (dto.status !== "active") throw new AppError("conflict", `${dto.name} is ${dto.status}: incidents are injected into active datastores only.`);

  const errors: FieldError[] = [];
  if (incident.region && !dto.regions.includes(incident.region))
    errors.push({ field: "region", message: `is not a region of ${dto.name}; its regions are: ${dto.regions.join(", ")}` });
  const roles = [...new Set(dto.topology.map((c) => c.role))];
  if (incident.role && !roles.includes(incident.role))
    errors.push({ field: "role", message: `is not a role of ${dto.name}; its roles are: ${roles.join(", ")}` });
  const startsAt = incident.startsAt ? new Date(incident.startsAt) : now;
  if (startsAt.getTime() < now.getTime() - BACKDATE_LIMIT_MS) errors.push({ field: "startsAt", message: "must be at most 30 days ago" });
  if (startsAt.getTime() > now.getTime() + BACKDATE_LIMIT_MS) errors.push({ field: "startsAt", message: "must be at most 30 days ahead" });
  if (errors.length > 0) {
    throw new AppError(
      "invalid_input",
      `The incident has ${errors.length === 1 ? "1 invalid field" : `${errors.length} invalid fields`}: ${errors.map((e) => e.field).join(", ")}.`,
      {
        fieldErrors: errors,
      },
    );
  }
  const endsAt = incident.durationMinutes === undefined ? null : new Date(startsAt.getTime() + incident.durationMinutes * 60_000);

  const created = await db().$transaction(async (tx) => {
    const r = await tx.healthIncident.create({
      data: {
        datastoreId,
        kind: incident.kind,
        region: incident.region ?? null,
        role: incident.role ?? null,
        magnitude: incident.magnitude,
        startsAt,
        endsAt,
        createdBy: actor.label,
      },
    });
    await audit(tx, actor, {
      action: "datastore.health-incident.created",
      subjectType: "datastore",
      subjectId: datastoreId,
      teamId: row.teamId,
      detail: { incidentId: r.id, kind: r.kind, region: r.region, role: r.role, magnitude: r.magnitude, startsAt: r.startsAt.toISOString(), simulated: true },
    });
    return r;
  });
  forgetAtRisk(datastoreId);
  return toIncidentDto(created, now);
}
