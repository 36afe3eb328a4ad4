// A datastore's history: its own audit events and those of the request it came from, newest first, paginated.
import "server-only";
import { z } from "zod";
import type { AuditEventList, PageQuery } from "@/lib/schemas/datastore";
import type { Actor } from "../auth/actor";
import { db } from "../db/client";
import { findVisibleDatastore } from "./get-datastore";
import { afterKey, decodeCursor, pageOf } from "./page-cursor";

export interface ListAuditEventsOptions {
  actor: Actor;
  id: string;
  query: PageQuery;
}

const DetailSchema = z.record(z.string(), z.unknown());

export async function listAuditEvents({ actor, id, query }: ListAuditEventsOptions): Promise<AuditEventList> {
  const datastore = await findVisibleDatastore(db(), actor, id);
  const after = query.cursor === undefined ? null : decodeCursor(query.cursor);
  const subjects = {
    OR: [
      { subjectType: "datastore", subjectId: datastore.id },
      { subjectType: "request", subjectId: datastore.requestId },
    ],
  };
  const rows = await db().auditEvent.findMany({
    where: after ? { AND: [subjects, afterKey("at", after)] } : subjects,
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take: query.limit + 1,
  });
  const { page, nextCursor } = pageOf(rows, query.limit, (e) => ({ at: e.at, id: e.id }));
  return {
    items: page.map((e) => {
      const detail = DetailSchema.safeParse(e.detail);
      return {
        id: e.id,
        at: e.at.toISOString(),
        actor: e.actor,
        action: e.action,
        subjectType: e.subjectType,
        subjectId: e.subjectId,
        detail: detail.success ? detail.data : null,
      };
    }),
    nextCursor,
  };
}
