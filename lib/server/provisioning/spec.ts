// The provisioning spec of a datastore row (lib/schemas/datastore-spec.ts) and its hash. An operation stores the
// spec it runs with; an up may only confirm a preview whose spec hashes the same.
import "server-only";
import { createHash } from "node:crypto";
import { datastoreSpecFrom, DatastoreSpecSchema, type DatastoreSpec } from "@/lib/schemas/datastore-spec";
import { canonicalJson } from "../canonical-json";
import { toDatastoreDto, type DatastoreWithRelations } from "../datastores/datastore-dto";

/** The spec of the datastore as the catalog holds it now. */
export function specOfDatastore(row: DatastoreWithRelations): DatastoreSpec {
  const dto = toDatastoreDto(row);
  const spec = datastoreSpecFrom(dto);
  // Not part of the catalog's DTO: the team's warning channel routes its warning alarms (infra/alarms.ts); the image
  // an upgrade campaign's rollout applied (the stack's outputs say it) stays the stack's until another release.
  const imageId = dto.outputs?.imageId;
  const warningTopicArn = row.team.warningTopicArn ?? undefined;
  return warningTopicArn || imageId
    ? DatastoreSpecSchema.parse({ ...spec, ...(warningTopicArn ? { warningTopicArn } : {}), ...(imageId ? { imageId } : {}) })
    : spec;
}

/** A stored spec (an operation's or a change's snapshot), validated on the way out of the database. */
export function parseStoredSpec(value: unknown): DatastoreSpec {
  return DatastoreSpecSchema.parse(value);
}

/** Hashed in canonical JSON, so the same spec always hashes the same whatever order its keys came in. */
export function specHash(spec: DatastoreSpec): string {
  return createHash("sha256").update(canonicalJson(spec)).digest("hex");
}
