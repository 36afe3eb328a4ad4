"use client";
// An operation's events in the browser, kept in the query cache: pages of GET /events?after=<last seq>
// (operationEventsQuery, each page validated by the API's schema). While the operation is queued or running, the
// live stream (Server-Sent Events) only says when to read the next page: it opens after the last seq already read,
// and the browser's EventSource reconnects by itself, resuming after the last id it saw (Last-Event-ID). If the stream
// cannot be opened or keeps failing, a poll reads the next page every second instead. The stream's `end` reads the
// rest; its `closed` (the session ended, or the person may no longer see the operation) stops following and says
// why. A finished operation's log is read page by page when someone opens it.
import { useEffect, useMemo, useRef, useState } from "react";
import { useInfiniteQuery, useQueryClient, type InfiniteData, type QueryClient } from "@tanstack/react-query";
import { isTerminal, type OperationEventList, type OperationStatus } from "@/lib/schemas/operation";
import { errorMessage, isApiProblem } from "@/lib/query/api";
import { EVENTS_PAGE, operationEventsQuery, operationKeys, operationStreamUrl, type OperationEventDto } from "@/lib/query/operations";
import { announcedSeq, closedMessage, closedReasonOf, compactPages, eventsOf, isComplete, lastSeqOf, type StreamClosedReason } from "./operation-events";

export type EventsMode = "idle" | "stream" | "polling" | "loading" | "loaded" | "closed";

export interface OperationEvents {
  events: OperationEventDto[];
  mode: EventsMode;
  error: string | null;
}

interface Options {
  /** Whether the events are needed at all when the operation is finished (its log is open). */
  wanted: boolean;
  /** Every new event while following (the caller refreshes the operation's progress). */
  onEvent?: (event: OperationEventDto) => void;
  /** The operation reached a terminal status and its log is complete. */
  onEnd?: () => void;
}

const POLL_MS = 1000;
/** Errors in a row (without an event in between) before the stream is given up for polling. */
const STREAM_ATTEMPTS = 3;
/** A bound on the pages read after the end: a log longer than this many pages is read when its log is opened. */
const MAX_PAGES_AT_END = 100;

type Pages = InfiniteData<OperationEventList, number>;
/** What became of following one operation: the stream gave way to polling, it ended, or the server closed it. */
type Following = { id: string; mode: "polling" } | { id: string; mode: "ended" } | { id: string; mode: "closed"; reason: StreamClosedReason };

/** The problem that ends following for this person (401: signed out; 404: no longer theirs to see), if it is one. */
function lostAccess(error: unknown): StreamClosedReason | null {
  if (!isApiProblem(error)) return null;
  return error.status === 401 ? "unauthenticated" : error.status === 404 ? "not_found" : null;
}

/** Reads the next page into the cache and drops the empty pages polls leave behind; the fetch's error, if any. */
async function readNextPage(client: QueryClient, id: string, fetchNextPage: (o: { cancelRefetch: boolean }) => Promise<{ error: unknown }>): Promise<unknown> {
  const { error } = await fetchNextPage({ cancelRefetch: false });
  client.setQueryData<Pages>(operationKeys.events(id), (d) => (d ? compactPages(d) : d));
  return error ?? null;
}

export function useOperationEvents(operation: { id: string; status: OperationStatus } | null, { wanted, onEvent, onEnd }: Options): OperationEvents {
  const id = operation?.id ?? null;
  const live = !!operation && !isTerminal(operation.status);
  const client = useQueryClient();
  const [follow, setFollow] = useState<Following | null>(null);
  const mine = follow?.id === id ? follow : null;
  // Whether the operation was queued or running when this hook first saw it. Once following, keep following until the
  // stream's `end` (or the last poll): the operation's own query may read its terminal status a moment before the
  // final events arrive, and those must not be lost.
  const [seen] = useState(() => ({ id, live }));
  const wasLive = seen.id === id ? seen.live || live : live;
  const closed = mine?.mode === "closed";
  const following = !!id && wasLive && mine?.mode !== "ended" && !closed;

  const query = useInfiniteQuery({ ...operationEventsQuery(id ?? ""), enabled: !!id && !closed && (following || wanted) });
  const { data, fetchNextPage } = query;
  const events = useMemo(() => eventsOf(data), [data]);
  const complete = isComplete(data, EVENTS_PAGE);
  // The first read has answered (or failed): the stream opens after what it read.
  const started = !query.isPending;

  const callbacks = useRef({ onEvent, onEnd });
  useEffect(() => {
    callbacks.current = { onEvent, onEnd };
  });

  // Following: the stream (or the poll) says when to read the next page.
  useEffect(() => {
    if (!id || !following || !started) return;
    const key = operationKeys.events(id);
    const cached = () => client.getQueryData<Pages>(key);
    let stopped = false;
    let source: EventSource | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    /** The highest seq the stream announced. */
    let announced = 0;
    let pumping = false;

    const close = (reason: StreamClosedReason) => {
      if (stopped) return;
      stopped = true;
      source?.close();
      setFollow({ id, mode: "closed", reason });
    };
    const next = async (): Promise<boolean> => {
      const error = await readNextPage(client, id, fetchNextPage);
      const lost = error ? lostAccess(error) : null;
      if (lost) close(lost);
      return !error;
    };
    // Reads pages until the cache holds what the stream announced.
    const pump = async () => {
      if (pumping) return;
      pumping = true;
      try {
        while (!stopped && announced > lastSeqOf(cached())) {
          const before = lastSeqOf(cached());
          if (!(await next()) || lastSeqOf(cached()) <= before) break;
        }
      } finally {
        pumping = false;
      }
    };
    // The operation is finished: read what is left of its log, then stop.
    const end = async () => {
      if (stopped) return;
      source?.close();
      for (let i = 0; i < MAX_PAGES_AT_END && !stopped && !isComplete(cached(), EVENTS_PAGE); i++) if (!(await next())) break;
      if (stopped) return;
      stopped = true;
      setFollow({ id, mode: "ended" });
      callbacks.current.onEnd?.();
    };
    const poll = async () => {
      if (stopped) return;
      await next();
      if (isComplete(cached(), EVENTS_PAGE)) return void end();
      if (!stopped) timer = setTimeout(() => void poll(), POLL_MS);
    };
    const fallBack = () => {
      source?.close();
      source = null;
      if (stopped) return;
      setFollow({ id, mode: "polling" });
      void poll();
    };

    if (typeof EventSource === "undefined") timer = setTimeout(fallBack, 0);
    else {
      let failures = 0;
      source = new EventSource(operationStreamUrl(id, lastSeqOf(cached())));
      source.addEventListener("operation-event", (message) => {
        failures = 0;
        const seq = announcedSeq((message as MessageEvent<string>).data);
        // A malformed message is skipped: the next one, or the end, reads the pages after the last seq anyway.
        if (seq === null) return;
        announced = Math.max(announced, seq);
        void pump();
      });
      source.addEventListener("end", () => void end());
      source.addEventListener("closed", (message) => close(closedReasonOf((message as MessageEvent<string>).data)));
      source.onerror = () => {
        if (stopped || !source) return;
        failures += 1;
        // CLOSED: the server refused the stream (an error status or not an event stream): EventSource gives up.
        if (source.readyState === EventSource.CLOSED || failures >= STREAM_ATTEMPTS) fallBack();
      };
    }
    return () => {
      stopped = true;
      source?.close();
      if (timer) clearTimeout(timer);
    };
  }, [id, following, started, client, fetchNextPage]);

  // Each new event while following, once (the card re-reads the operation's progress).
  const notified = useRef<{ id: string | null; seq: number }>({ id: null, seq: 0 });
  useEffect(() => {
    if (!following) return;
    if (notified.current.id !== id) notified.current = { id, seq: 0 };
    const fresh = events.filter((e) => e.seq > notified.current.seq);
    if (fresh.length === 0) return;
    notified.current.seq = fresh.at(-1)?.seq ?? notified.current.seq;
    for (const e of fresh) callbacks.current.onEvent?.(e);
  }, [events, following, id]);

  // A finished operation's log, opened: its pages until the last one, which is not full.
  const readingLog = !!id && !following && !closed && wanted && query.isSuccess && !complete;
  useEffect(() => {
    if (!id || !readingLog || query.isFetchingNextPage || query.isFetchNextPageError) return;
    void readNextPage(client, id, fetchNextPage);
  }, [id, readingLog, query.isFetchingNextPage, query.isFetchNextPageError, client, fetchNextPage]);

  if (!id) return { events: [], mode: "idle", error: null };
  if (mine?.mode === "closed") return { events, mode: "closed", error: closedMessage(mine.reason) };
  const mode: EventsMode = following
    ? mine?.mode === "polling"
      ? "polling"
      : "stream"
    : complete
      ? "loaded"
      : wanted && (query.isFetching || query.isPending)
        ? "loading"
        : "idle";
  const error = query.error
    ? following
      ? `Could not read the operation's events: ${errorMessage(query.error)} Retrying…`
      : `Could not read the log: ${errorMessage(query.error)}`
    : null;
  return { events, mode, error };
}
