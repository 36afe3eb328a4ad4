// A datastore's operations, newest first, one keyset page at a time (the datastore's visibility decides: 404).
import "server-only";
import type { PageQuery } from "@/lib/schemas/datastore";
import type { OperationList } from "@/lib/schemas/operation";
import type { Actor } from "../auth/actor";
import { db } from "../db/client";
import { findVisibleDatastore } from "../datastores/get-datastore";
import { afterKey, decodeCursor, pageOf } from "../datastores/page-cursor";
import { loadActionContext, operationActions } from "./operation-actions";
import { toOperationDto } from "./operation-rows";

export interface ListOperationsOptions {
  actor: Actor;
  /** The datastore's id. */
  id: string;
  query: PageQuery;
}

export async function listOperations({ actor, id, query }: ListOperationsOptions): Promise<OperationList> {
  const datastore = await findVisibleDatastore(db(), actor, id);
  const after = query.cursor === undefined ? null : decodeCursor(query.cursor);
  const where = { datastoreId: datastore.id };
  // One more than a page tells whether another page follows.
  const rows = await db().operation.findMany({
    where: after ? { AND: [where, afterKey("createdAt", after)] } : where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
  });
  const { page, nextCursor } = pageOf(rows, query.limit, (op) => ({ at: op.createdAt, id: op.id }));
  const ctx = await loadActionContext(db(), datastore);
  return { items: page.map((op) => toOperationDto(op, operationActions(actor, ctx, op))), nextCursor };
}
