// Reads one datastore with what the actor may do with it: 404 unless the actor may see its team (never a 403 that
// confirms it exists).
import "server-only";
import { AppError } from "@/lib/errors";
import type { DatastoreDetailDto } from "@/lib/schemas/datastore";
import type { Actor } from "../auth/actor";
import { canViewTeam } from "../auth/policy";
import { db, type Tx } from "../db/client";
import { toDatastoreDetail } from "./datastore-actions";
import { DATASTORE_INCLUDE, type DatastoreWithRelations } from "./datastore-dto";

export function datastoreNotFound(id: string): AppError {
  return new AppError("not_found", `No datastore ${JSON.stringify(id.slice(0, 100))} that you can see.`);
}

/** The row with its team and thresholds, if the actor may see it; shared by the datastore use-cases. */
export async function findVisibleDatastore(client: Tx, actor: Actor, id: string): Promise<DatastoreWithRelations> {
  const row = await client.datastore.findUnique({ where: { id }, include: DATASTORE_INCLUDE });
  if (!row || !canViewTeam(actor, row.teamId)) throw datastoreNotFound(id);
  return row;
}

export async function getDatastore({ actor, id }: { actor: Actor; id: string }): Promise<DatastoreDetailDto> {
  return toDatastoreDetail(db(), actor, await findVisibleDatastore(db(), actor, id));
}
