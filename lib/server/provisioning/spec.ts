// The provisioning spec of a datastore row (infra/schemas.ts DatastoreSpec) and its hash. An operation stores the
// spec it runs with; an up may only confirm a preview whose spec hashes the same.
import "server-only";
import { createHash } from "node:crypto";
import { datastoreSpecFrom, DatastoreSpecSchema, type DatastoreSpec } from "@/infra/schemas";
import { toDatastoreDto, type DatastoreWithRelations } from "../datastores/datastore-dto";

/** The spec of the datastore as the catalog holds it now. */
export function specOfDatastore(row: DatastoreWithRelations): DatastoreSpec {
  return datastoreSpecFrom(toDatastoreDto(row));
}

/** A stored spec (an operation's or a change's snapshot), validated on the way out of the database. */
export function parseStoredSpec(value: unknown): DatastoreSpec {
  return DatastoreSpecSchema.parse(value);
}

/** JSON with object keys sorted, so the same spec always hashes the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

export function specHash(spec: DatastoreSpec): string {
  return createHash("sha256").update(canonical(spec)).digest("hex");
}
