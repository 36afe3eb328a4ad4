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
  // Not part of the catalog's DTO: the team's warning channel routes its warning alarms (infra/alarms.ts); the images
  // an upgrade campaign's rollout applied, per region (the stack's outputs say them), stay the stack's until another
  // release — for the regions the datastore still has. A stack upgraded before images were per region kept one image.
  const outputs = dto.outputs;
  const imageIds = Object.fromEntries(Object.entries(outputs?.imageIds ?? {}).filter(([region]) => (spec.regions as readonly string[]).includes(region)));
  const imageId = Object.keys(imageIds).length === 0 ? outputs?.imageId : undefined;
  const warningTopicArn = row.team.warningTopicArn ?? undefined;
  return warningTopicArn || imageId || Object.keys(imageIds).length > 0
    ? DatastoreSpecSchema.parse({
        ...spec,
        ...(warningTopicArn ? { warningTopicArn } : {}),
        ...(Object.keys(imageIds).length > 0 ? { imageIds } : {}),
        ...(imageId ? { imageId } : {}),
      })
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
