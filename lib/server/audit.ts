// The append-only audit log. Every state change writes one event in the same transaction as the change.
import "server-only";
import type { Actor } from "./auth/actor";
import type { Tx } from "./db/client";

export interface AuditInput {
  action: string;
  subjectType: "request" | "datastore" | "token" | "user" | "team" | "session" | "settings" | "webhook";
  subjectId: string;
  teamId?: string | null;
  detail?: Record<string, unknown>;
}

export async function audit(tx: Tx, actor: Actor | null, event: AuditInput): Promise<void> {
  await tx.auditEvent.create({
    data: {
      actorId: actor?.userId ?? null,
      actor: actor?.label ?? "system",
      action: event.action,
      subjectType: event.subjectType,
      subjectId: event.subjectId,
      teamId: event.teamId ?? null,
      ...(event.detail ? { detail: JSON.parse(JSON.stringify(event.detail)) } : {}),
    },
  });
}
