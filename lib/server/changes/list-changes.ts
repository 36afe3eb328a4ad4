// A datastore's day-2 changes and decommissions, newest first, with the operations that preview and apply them.
import "server-only";
import type { DatastoreChangeList } from "@/lib/schemas/change";
import type { Actor } from "../auth/actor";
import { db } from "../db/client";
import { findVisibleDatastore } from "../datastores/get-datastore";
import { changeActions, decidersOf, operationsOfChanges, toChangeDto } from "./change-dto";

export async function listChanges({ actor, id }: { actor: Actor; id: string }): Promise<DatastoreChangeList> {
  const datastore = await findVisibleDatastore(db(), actor, id);
  const rows = await db().datastoreChange.findMany({ where: { datastoreId: datastore.id }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
  const [ops, deciders] = await Promise.all([
    operationsOfChanges(
      db(),
      rows.map((r) => r.id),
    ),
    decidersOf(db(), rows),
  ]);
  return {
    items: rows.map((row) => {
      const o = ops.get(row.id) ?? { previewId: null, applyOperationId: null, applying: false };
      return toChangeDto(row, o, changeActions(actor, datastore, row, o), deciders);
    }),
  };
}
