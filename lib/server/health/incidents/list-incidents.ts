// The incidents injected into a simulated datastore, newest first (administrators, simulated metrics only).
import "server-only";
import type { IncidentList } from "@/lib/schemas/sla-health";
import type { Actor } from "../../auth/actor";
import { db } from "../../db/client";
import { findVisibleDatastore } from "../../datastores/get-datastore";
import { requireSimulatedAdmin, toIncidentDto } from "./incident-dto";

export async function listIncidents({ actor, datastoreId }: { actor: Actor; datastoreId: string }): Promise<IncidentList> {
  await findVisibleDatastore(db(), actor, datastoreId);
  requireSimulatedAdmin(actor);
  const rows = await db().healthIncident.findMany({ where: { datastoreId }, orderBy: [{ startsAt: "desc" }, { id: "desc" }], take: 200 });
  const now = new Date();
  return { items: rows.map((r) => toIncidentDto(r, now)), simulated: true };
}
