// Health incident rows → the API's allow-list, and the guards every incident use-case starts with: an administrator,
// on a portal whose metrics are simulated (injecting into CloudWatch is not a thing), on a datastore they can see.
import "server-only";
import { AppError } from "@/lib/errors";
import { IncidentSchema, type IncidentDto } from "@/lib/schemas/sla-health";
import type { Actor } from "../../auth/actor";
import { canAdminister } from "../../auth/policy";
import type { Db } from "../../db/client";
import { metricsAreSimulated } from "../metrics-source-factory";

type IncidentRow = Awaited<ReturnType<Db["healthIncident"]["findFirstOrThrow"]>>;

export function toIncidentDto(row: IncidentRow, now: Date = new Date()): IncidentDto {
  return IncidentSchema.parse({
    id: row.id,
    datastoreId: row.datastoreId,
    kind: row.kind,
    region: row.region,
    role: row.role,
    magnitude: row.magnitude,
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt?.toISOString() ?? null,
    active: row.startsAt <= now && (row.endsAt === null || row.endsAt > now),
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
  });
}

/** Administrators only, and only where the metrics are simulated (409 otherwise, saying why). */
export function requireSimulatedAdmin(actor: Actor): void {
  if (!canAdminister(actor)) throw new AppError("forbidden", "Only a portal administrator (signed in, not a token) injects simulated health incidents.");
  if (!metricsAreSimulated())
    throw new AppError(
      "conflict",
      "Health incidents can be injected only when the portal's metrics are simulated (PROVISIONER=simulated); these metrics come from CloudWatch.",
    );
}
