// Replaces a datastore's SLA thresholds: owners (team members) and reviewers, until it is decommissioned, with
// If-Match on the version the editor saw, in one transaction with its audit event (before and after).
import "server-only";
import { toThresholdRow } from "./threshold-rows";
import { AppError, type FieldError } from "@/lib/errors";
import type { Threshold } from "@/lib/schemas/plan";
import type { DatastoreDetailDto, DatastoreDto } from "@/lib/schemas/datastore";
import type { Actor } from "../auth/actor";
import { requireAllowed, requireNotForbidden } from "../auth/verdict";
import { audit } from "../audit";
import { emitDatastoreEvent } from "../webhooks/events";
import { db } from "../db/client";
import { checkIfMatch, etagOf, type IfMatch } from "../http/etag";
import { editThresholdsVerdict, toDatastoreDetail } from "./datastore-actions";
import { DATASTORE_INCLUDE, toDatastoreDto, toThreshold } from "./datastore-dto";
import { findVisibleDatastore } from "./get-datastore";

export interface UpdateThresholdsOptions {
  actor: Actor;
  id: string;
  /** The request's If-Match (lib/server/http/etag.ts readIfMatch); undefined when absent, which is a 428. */
  ifMatch: IfMatch | undefined;
  thresholds: readonly Threshold[];
}

/** Each threshold must watch a role the datastore runs, with that role's store family. */
function topologyErrors(dto: DatastoreDto, thresholds: readonly Threshold[]): FieldError[] {
  const familyOfRole = new Map(dto.topology.map((c) => [c.role, c.family]));
  const roles = [...familyOfRole.keys()].sort().join(", ");
  const errors: FieldError[] = [];
  thresholds.forEach((t, i) => {
    const family = familyOfRole.get(t.role);
    if (family === undefined) errors.push({ field: `thresholds.${i}.role`, message: `is not a role of ${dto.name}; its roles are: ${roles}` });
    else if (family !== t.family) errors.push({ field: `thresholds.${i}.family`, message: `must be ${family}, the family of role ${t.role}` });
  });
  return errors;
}

export async function updateThresholds({ actor, id, ifMatch, thresholds }: UpdateThresholdsOptions): Promise<DatastoreDetailDto> {
  const current = await findVisibleDatastore(db(), actor, id);
  const verdict = editThresholdsVerdict(actor, current);
  requireNotForbidden(verdict);
  // Checked after visibility, so a 428 never tells a stranger that the datastore exists.
  if (ifMatch === undefined) {
    throw new AppError(
      "precondition_required",
      `Send If-Match with the datastore's ETag (currently ${etagOf(current.version)}) so that concurrent edits cannot overwrite each other.`,
    );
  }
  checkIfMatch(ifMatch, current.version, "datastore");
  requireAllowed(verdict);

  const fieldErrors = topologyErrors(toDatastoreDto(current), thresholds);
  if (fieldErrors.length > 0) {
    const fields = [...new Set(fieldErrors.map((e) => e.field))];
    throw new AppError(
      "invalid_input",
      `The thresholds have ${fields.length === 1 ? "1 invalid field" : `${fields.length} invalid fields`}: ${fields.join(", ")}.`,
      { fieldErrors },
    );
  }

  const updated = await db().$transaction(async (tx) => {
    // The conditional update is the real check: a concurrent edit between the read above and here loses with 412.
    const { count } = await tx.datastore.updateMany({ where: { id, version: current.version }, data: { version: { increment: 1 } } });
    if (count !== 1) throw new AppError("precondition_failed", "The datastore changed while your edit was applied; read it again and reapply your change.");
    await tx.threshold.deleteMany({ where: { datastoreId: id } });
    await tx.threshold.createMany({
      data: thresholds.map((t) => ({ datastoreId: id, ...toThresholdRow(t) })),
    });
    const after = await tx.datastore.findUniqueOrThrow({ where: { id }, include: DATASTORE_INCLUDE });
    await audit(tx, actor, {
      action: "datastore.thresholds.updated",
      subjectType: "datastore",
      subjectId: id,
      teamId: current.teamId,
      detail: { fromVersion: current.version, toVersion: after.version, before: current.thresholds.map(toThreshold), after: after.thresholds.map(toThreshold) },
    });
    await emitDatastoreEvent(tx, "threshold.changed", id, { thresholds: after.thresholds.map(toThreshold), version: after.version });
    return after;
  });
  return toDatastoreDetail(db(), actor, updated);
}
