// Reads one operation: 404 unless the actor may see its datastore's team (never a 403 that confirms it exists).
import "server-only";
import { AppError } from "@/lib/errors";
import type { OperationDto } from "@/lib/schemas/operation";
import type { Actor } from "../auth/actor";
import { canViewTeam } from "../auth/policy";
import { db, type Tx } from "../db/client";
import { DATASTORE_INCLUDE, type DatastoreWithRelations } from "../datastores/datastore-dto";
import { loadActionContext, operationActions } from "./operation-actions";
import { toOperationDto, type OperationRow } from "./operation-rows";

export function operationNotFound(id: string): AppError {
  return new AppError("not_found", `No operation ${JSON.stringify(id.slice(0, 100))} that you can see.`);
}

/** The operation and its datastore, if the actor may see the datastore; shared by the operation use-cases. */
export async function findVisibleOperation(client: Tx, actor: Actor, id: string): Promise<{ op: OperationRow; datastore: DatastoreWithRelations }> {
  const op = await client.operation.findUnique({ where: { id } });
  if (!op) throw operationNotFound(id);
  const datastore = await client.datastore.findUnique({ where: { id: op.datastoreId }, include: DATASTORE_INCLUDE });
  if (!datastore || !canViewTeam(actor, datastore.teamId)) throw operationNotFound(id);
  return { op, datastore };
}

/** The DTO of an operation with what the actor may do with it now. */
export async function operationDtoFor(client: Tx, actor: Actor, op: OperationRow, datastore: DatastoreWithRelations): Promise<OperationDto> {
  return toOperationDto(op, operationActions(actor, await loadActionContext(client, datastore), op));
}

export async function getOperation({ actor, id }: { actor: Actor; id: string }): Promise<OperationDto> {
  const { op, datastore } = await findVisibleOperation(db(), actor, id);
  return operationDtoFor(db(), actor, op, datastore);
}
