// An administrator (or a browser test) schedules an event on an instance of the simulated cloud — a retirement, a
// reboot, an impaired status check — to see the portal answer it. Only with the simulated cloud (a 409 otherwise:
// nobody schedules AWS's events), audited, and followed at once by a refresh of the datastore's inventory so that
// the fleet page and the datastore's nodes tab show it without waiting for the schedule.
import "server-only";
import { AppError } from "@/lib/errors";
import { FLEET_EVENT_LABELS, type SimulatedEventBody, type SimulatedEventResult } from "@/lib/schemas/fleet";
import type { Actor } from "../auth/actor";
import { audit } from "../audit";
import { db } from "../db/client";
import { simulatedFleetCloud } from "./fleet-cloud-factory";
import { refreshDatastoreInventory } from "./refresh-inventory";

const WEEK_MS = 7 * 86_400_000;

export async function injectSimulatedEvent({ actor, body }: { actor: Actor; body: SimulatedEventBody }): Promise<SimulatedEventResult> {
  if (!actor.isAdmin) throw new AppError("forbidden", "Only portal administrators inject events into the simulated cloud.");
  const cloud = simulatedFleetCloud();
  if (!cloud) throw new AppError("conflict", "Events can be injected only into the simulated cloud (PROVISIONER=simulated); this portal reads AWS.");
  const instance = await db().simCloudInstance.findUnique({ where: { instanceId: body.instanceId }, select: { datastoreId: true, terminatedAt: true } });
  if (!instance || instance.terminatedAt !== null)
    throw new AppError("invalid_input", "The request body has 1 invalid field: instanceId.", {
      fieldErrors: [{ field: "instanceId", message: "is not a running instance of the simulated cloud" }],
    });
  const impaired = body.code === "status-impaired";
  const notBefore = impaired ? null : body.notBefore ? new Date(body.notBefore) : new Date(Date.now() + WEEK_MS);
  const notAfter = impaired || !body.notAfter ? null : new Date(body.notAfter);
  const description = body.description || `${FLEET_EVENT_LABELS[body.code]} (simulated, injected by ${actor.label})`;
  const injected = await cloud.inject({ instanceId: body.instanceId, code: body.code, description, notBefore, notAfter, injectedBy: actor.label });
  if (!injected) throw new AppError("conflict", `Instance ${body.instanceId} was terminated meanwhile.`);
  const ds = await db().datastore.findUniqueOrThrow({ where: { id: instance.datastoreId }, select: { teamId: true } });
  await db().$transaction((tx) =>
    audit(tx, actor, {
      action: "fleet.simulated_event_injected",
      subjectType: "datastore",
      subjectId: instance.datastoreId,
      teamId: ds.teamId,
      detail: {
        instanceId: body.instanceId,
        code: body.code,
        eventId: injected.eventId,
        notBefore: notBefore?.toISOString() ?? null,
        notAfter: notAfter?.toISOString() ?? null,
      },
    }),
  );
  await refreshDatastoreInventory(instance.datastoreId, { cloud });
  return { eventId: injected.eventId, instanceId: body.instanceId, datastoreId: instance.datastoreId, code: body.code, refreshed: true };
}
