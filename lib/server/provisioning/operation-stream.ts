// An operation's events as Server-Sent Events: every stored event after Last-Event-ID, then new ones as the worker
// stores them, heartbeats while nothing happens, and an `end` event once the operation is terminal and every event
// was sent. It polls the database rather than listening in-process: the worker may be another process (or host).
// A stream can stay open for hours, so on every heartbeat it checks its credential again (`reauthenticate`): once
// the token is revoked, the session has ended or the person may no longer see the operation, it sends a `closed`
// event saying why and ends; the browser's reconnect then meets a 401.
import "server-only";
import { AppError } from "@/lib/errors";
import { isTerminal, type OperationStatus, type OperationStreamClosed } from "@/lib/schemas/operation";
import type { Actor } from "../auth/actor";
import { db } from "../db/client";
import { errorFields, log } from "../log";
import { findVisibleOperation } from "./get-operation";
import { toOperationEventDto } from "./operation-rows";

/** How long a browser waits before reconnecting after the stream drops. */
export const SSE_RETRY_MS = 2000;
const PAGE = 500;

export interface OperationEventStreamOptions {
  actor: Actor;
  id: string;
  /** The last seq the client has (Last-Event-ID): only later events are sent. */
  lastEventId?: number;
  heartbeatMs?: number;
  pollMs?: number;
  /** The client's disconnect (the request's signal): the stream stops polling and closes. */
  signal?: AbortSignal;
  /**
   * The request's credential resolved again (the route passes authenticate(request)), on every heartbeat: null or a
   * throw ends the stream, as does an actor who may no longer see the operation.
   */
  reauthenticate?: () => Promise<Actor | null>;
}

export type StreamClosedReason = OperationStreamClosed["reason"];

/** Whether the credential behind the stream still works and may still see the operation; why not otherwise. */
async function stillAllowed(reauthenticate: () => Promise<Actor | null>, id: string): Promise<StreamClosedReason | null> {
  let actor: Actor | null;
  try {
    actor = await reauthenticate();
  } catch (error) {
    if (error instanceof AppError && (error.code === "unauthenticated" || error.code === "rate_limited")) return "unauthenticated";
    throw error;
  }
  if (!actor) return "unauthenticated";
  try {
    await findVisibleOperation(db(), actor, id);
    return null;
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") return "not_found";
    throw error;
  }
}

/** Last-Event-ID (the header EventSource sends on reconnect) or ?lastEventId= (for clients that cannot set headers). */
export function parseLastEventId(header: string | null, query: string | null): number | undefined {
  const field = header !== null ? "Last-Event-ID" : "lastEventId";
  const raw = header ?? query;
  if (raw === null || raw.trim() === "") return undefined;
  if (!/^\d{1,9}$/.test(raw.trim())) {
    throw new AppError("invalid_input", `${field} must be the seq of the last event received.`, {
      fieldErrors: [{ field, message: "must be a whole number (the last event's id)" }],
    });
  }
  return Number(raw.trim());
}

function frame(fields: { id?: number; event?: string; data: unknown }): string {
  return `${fields.id !== undefined ? `id: ${fields.id}\n` : ""}${fields.event ? `event: ${fields.event}\n` : ""}data: ${JSON.stringify(fields.data)}\n\n`;
}

/** The stream of a visible operation (404 before any byte is sent otherwise). */
export async function operationEventStream(opts: OperationEventStreamOptions): Promise<ReadableStream<Uint8Array>> {
  const { actor, id, heartbeatMs = 15_000, pollMs = 300, signal, reauthenticate } = opts;
  const { op } = await findVisibleOperation(db(), actor, id);
  const encoder = new TextEncoder();
  let last = opts.lastEventId ?? 0;
  let closed = false;
  let pollTimer: ReturnType<typeof setTimeout> | undefined;
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  let close = () => {};

  return new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (text: string) => {
        if (!closed) controller.enqueue(encoder.encode(text));
      };
      const onAbort = () => close();
      close = () => {
        if (closed) return;
        closed = true;
        clearTimeout(pollTimer);
        clearInterval(heartbeat);
        signal?.removeEventListener("abort", onAbort);
        try {
          controller.close();
        } catch {
          // Already closed by the reader's cancel.
        }
      };

      const tick = async () => {
        try {
          // Status first: the terminal status commits with its final event, so once terminal, reading up to
          // eventCount delivers everything.
          const row = await db().operation.findUnique({ where: { id: op.id }, select: { status: true, eventCount: true } });
          if (!row) return close();
          for (;;) {
            if (closed) return;
            const events = await db().operationEvent.findMany({ where: { operationId: op.id, seq: { gt: last } }, orderBy: { seq: "asc" }, take: PAGE });
            for (const e of events) {
              send(frame({ id: e.seq, event: "operation-event", data: toOperationEventDto(e) }));
              last = e.seq;
            }
            if (events.length < PAGE) break;
          }
          if (isTerminal(row.status as OperationStatus) && last >= row.eventCount) {
            send(frame({ event: "end", data: { status: row.status } }));
            return close();
          }
        } catch (error) {
          // A database hiccup ends this connection; the browser reconnects with Last-Event-ID and loses nothing.
          log.warn("operation stream failed", { operationId: op.id, error: errorFields(error) });
          return close();
        }
        if (!closed) pollTimer = setTimeout(() => void tick(), pollMs);
      };

      if (signal?.aborted) return close();
      signal?.addEventListener("abort", onAbort);
      send(`retry: ${SSE_RETRY_MS}\n\n`);
      let checking = false;
      const beat = async () => {
        send(": heartbeat\n\n");
        if (!reauthenticate || checking || closed) return;
        checking = true;
        try {
          const reason = await stillAllowed(reauthenticate, op.id);
          if (reason) {
            send(frame({ event: "closed", data: { reason } satisfies OperationStreamClosed }));
            close();
          }
        } catch (error) {
          // The check itself failed (a database hiccup): end this connection; the browser reconnects and is checked anew.
          log.warn("operation stream could not check its credential", { operationId: op.id, error: errorFields(error) });
          close();
        } finally {
          checking = false;
        }
      };
      heartbeat = setInterval(() => void beat(), heartbeatMs);
      void tick();
    },
    cancel() {
      close();
    },
  });
}
