// A datastore's regions as rows of datastore_regions (the catalog's ?region= filter reads them in SQL), written in
// the same nested write as the datastore's regions column: creating a datastore, and a change that moves its regions.
import "server-only";

const rowsOf = (regions: readonly string[]) => [...new Set(regions)].map((region) => ({ region }));

/** `regionRows` of a datastore.create. */
export function regionRowsCreate(regions: readonly string[]) {
  return { create: rowsOf(regions) };
}

/** `regionRows` of a datastore.update that sets new regions. */
export function regionRowsReplace(regions: readonly string[]) {
  return { deleteMany: {}, create: rowsOf(regions) };
}
