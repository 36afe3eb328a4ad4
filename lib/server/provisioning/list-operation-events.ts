// An operation's events after a seq, oldest first: the polling fallback of the live stream.
import "server-only";
import type { OperationEventList, OperationEventsQuery, OperationStatus } from "@/lib/schemas/operation";
import type { Actor } from "../auth/actor";
import { db } from "../db/client";
import { findVisibleOperation } from "./get-operation";
import { toOperationEventDto } from "./operation-rows";

export interface ListOperationEventsOptions {
  actor: Actor;
  id: string;
  query: OperationEventsQuery;
}

export async function listOperationEvents({ actor, id, query }: ListOperationEventsOptions): Promise<OperationEventList> {
  // The status is read before the events: the final status event commits with the terminal status, so "terminal and
  // no items" always means every event has been delivered.
  const { op } = await findVisibleOperation(db(), actor, id);
  const rows = await db().operationEvent.findMany({
    where: { operationId: op.id, seq: { gt: query.after } },
    orderBy: { seq: "asc" },
    take: query.limit,
  });
  const items = rows.map(toOperationEventDto);
  return { items, status: op.status as OperationStatus, lastSeq: items.at(-1)?.seq ?? query.after };
}
