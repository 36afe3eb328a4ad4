// The pure part of following an operation's events: the pages of GET /api/v1/operations/{id}/events as the query
// cache holds them (each validated by OperationEventListSchema when it arrives), read as one log; what a stream
// message announces; and when the log is complete. useOperationEvents wires these to react-query and EventSource.
import {
  isTerminal,
  OperationEventDtoSchema,
  OperationStreamClosedSchema,
  type OperationEventDto,
  type OperationEventList,
  type OperationStreamClosed,
} from "@/lib/schemas/operation";

/** The cache's shape for the events of one operation: pages of events after a seq, in the order fetched. */
export interface EventPages {
  pages: readonly OperationEventList[];
  pageParams: readonly unknown[];
}

/** Every event of the pages once, in seq order (a refetch or a reconnect may deliver an event twice). */
export function eventsOf(data: EventPages | undefined): OperationEventDto[] {
  if (!data) return [];
  const bySeq = new Map<number, OperationEventDto>();
  for (const page of data.pages) for (const e of page.items) bySeq.set(e.seq, e);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

/** The last seq the cache holds: the next page is read after it. */
export function lastSeqOf(data: EventPages | undefined): number {
  return data?.pages.reduce((max, p) => Math.max(max, p.lastSeq), 0) ?? 0;
}

/**
 * The pages without the empty ones a poll appended (nothing new happened), so that following an operation for an
 * hour does not grow the cache by a page a second. The last page stays, empty or not: it carries the operation's
 * latest status. Nothing is lost: an empty page ends at the seq it started after, which is where the next one starts.
 */
export function compactPages<T extends EventPages>(data: T): T {
  const keep = data.pages.map((p, i) => p.items.length > 0 || i === data.pages.length - 1);
  if (keep.every(Boolean)) return data;
  return { ...data, pages: data.pages.filter((_, i) => keep[i]), pageParams: data.pageParams.filter((_, i) => keep[i]) };
}

/**
 * Whether the log of an operation is complete: the last page read says the operation is finished and held fewer
 * events than a page can (the server would have filled it otherwise).
 */
export function isComplete(data: EventPages | undefined, pageSize: number): boolean {
  const last = data?.pages.at(-1);
  return !!last && isTerminal(last.status) && last.items.length < pageSize;
}

/** The seq a stream's `operation-event` message announces (its data is an OperationEvent), or null if it is not one. */
export function announcedSeq(data: string): number | null {
  try {
    const parsed = OperationEventDtoSchema.safeParse(JSON.parse(data));
    return parsed.success ? parsed.data.seq : null;
  } catch {
    return null;
  }
}

export type StreamClosedReason = OperationStreamClosed["reason"];

/** Why the server closed the stream (its `closed` event); a message that does not say reads as a lost session. */
export function closedReasonOf(data: string): StreamClosedReason {
  try {
    const parsed = OperationStreamClosedSchema.safeParse(JSON.parse(data));
    return parsed.success ? parsed.data.reason : "unauthenticated";
  } catch {
    return "unauthenticated";
  }
}

/** What the log says once the server stopped answering for this person. */
export function closedMessage(reason: StreamClosedReason): string {
  return reason === "not_found"
    ? "You can no longer see this operation, so its events stopped. Reload the page to see what you may still see."
    : "Your session has ended, so this operation's events stopped. Sign in again to follow it.";
}
