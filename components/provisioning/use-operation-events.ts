"use client";
// An operation's events in the browser. While it is queued or running: the live stream (Server-Sent Events; the
// browser's EventSource reconnects by itself and resumes after the last id it saw, via Last-Event-ID); if the
// stream cannot be opened or keeps failing, polling /events?after=<last seq> instead. Once it is finished: every
// event, read once, when someone opens its log.
import { useEffect, useRef, useState } from "react";
import { isTerminal, type OperationStatus } from "@/lib/schemas/operation";
import { errorMessage } from "@/lib/query/api";
import { fetchAllOperationEvents, fetchOperationEvents, operationStreamUrl, type OperationEventDto } from "@/lib/query/operations";

export type EventsMode = "idle" | "stream" | "polling" | "loading" | "loaded";

export interface OperationEvents {
  events: OperationEventDto[];
  mode: EventsMode;
  error: string | null;
}

interface Options {
  /** Whether the events are needed at all when the operation is finished (its log is open). */
  wanted: boolean;
  /** Every new event (the caller refreshes the operation's progress). */
  onEvent?: (event: OperationEventDto) => void;
  /** The operation reached a terminal status. */
  onEnd?: () => void;
}

const POLL_MS = 1000;
/** Errors in a row (without an event in between) before the stream is given up for polling. */
const STREAM_ATTEMPTS = 3;

function isEventDto(value: unknown): value is OperationEventDto {
  if (typeof value !== "object" || value === null) return false;
  const o = value as Record<string, unknown>;
  return typeof o.seq === "number" && typeof o.at === "string" && typeof o.data === "object" && o.data !== null;
}

export function useOperationEvents(operation: { id: string; status: OperationStatus } | null, { wanted, onEvent, onEnd }: Options): OperationEvents {
  const id = operation?.id ?? null;
  const live = !!operation && !isTerminal(operation.status);
  const [state, setState] = useState<OperationEvents & { for: string | null; complete: boolean }>({ events: [], mode: "idle", error: null, for: null, complete: false });
  const callbacks = useRef({ onEvent, onEnd });
  useEffect(() => {
    callbacks.current = { onEvent, onEnd };
  });
  const lastSeq = useRef(0);

  // A different operation starts from nothing.
  if (state.for !== id) {
    setState({ events: [], mode: "idle", error: null, for: id, complete: false });
  }
  const complete = state.for === id && state.complete;
  // Once following, keep following until the stream's `end` (or the last poll): the operation's own query may read
  // its terminal status a moment before the final events arrive, and those must not be lost.
  const following = state.for === id && (state.mode === "stream" || state.mode === "polling");
  const streaming = !!id && !complete && (live || following);

  useEffect(() => {
    if (!id) return;
    lastSeq.current = 0;
  }, [id]);

  useEffect(() => {
    if (!id || !streaming) return;
    let stopped = false;
    let source: EventSource | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const controller = new AbortController();

    const add = (incoming: OperationEventDto[]) => {
      const fresh = incoming.filter((e) => e.seq > lastSeq.current).sort((a, b) => a.seq - b.seq);
      if (fresh.length === 0) return;
      lastSeq.current = fresh.at(-1)?.seq ?? lastSeq.current;
      setState((s) => (s.for === id ? { ...s, events: [...s.events, ...fresh], error: null } : s));
      for (const e of fresh) callbacks.current.onEvent?.(e);
    };
    const end = () => {
      if (stopped) return;
      stopped = true;
      source?.close();
      setState((s) => (s.for === id ? { ...s, mode: "loaded", complete: true } : s));
      callbacks.current.onEnd?.();
    };

    const poll = async () => {
      if (stopped) return;
      try {
        const page = await fetchOperationEvents(id, lastSeq.current, controller.signal);
        add(page.items);
        if (isTerminal(page.status) && page.items.length === 0) return end();
      } catch (error) {
        if (stopped) return;
        setState((s) => (s.for === id ? { ...s, error: `Could not read the operation's events: ${errorMessage(error)} Retrying…` } : s));
      }
      if (!stopped) timer = setTimeout(() => void poll(), POLL_MS);
    };
    const fallBack = () => {
      source?.close();
      source = null;
      setState((s) => (s.for === id ? { ...s, mode: "polling" } : s));
      void poll();
    };

    if (typeof EventSource === "undefined") fallBack();
    else {
      let failures = 0;
      source = new EventSource(operationStreamUrl(id));
      setState((s) => (s.for === id ? { ...s, mode: "stream" } : s));
      source.addEventListener("operation-event", (message) => {
        failures = 0;
        try {
          const parsed: unknown = JSON.parse((message as MessageEvent<string>).data);
          if (isEventDto(parsed)) add([parsed]);
        } catch {
          // A malformed line is skipped; the next poll or reconnect fills any gap by seq.
        }
      });
      source.addEventListener("end", end);
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
      controller.abort();
      if (timer) clearTimeout(timer);
    };
  }, [id, streaming]);

  // A finished operation whose events were not followed live: read them all when its log is opened.
  useEffect(() => {
    if (!id || streaming || !wanted || complete) return;
    const controller = new AbortController();
    setState((s) => (s.for === id ? { ...s, mode: "loading", error: null } : s));
    fetchAllOperationEvents(id, controller.signal).then(
      (events) => {
        lastSeq.current = events.at(-1)?.seq ?? 0;
        setState((s) => (s.for === id ? { ...s, events, mode: "loaded", complete: true } : s));
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState((s) => (s.for === id ? { ...s, mode: "idle", error: `Could not read the log: ${errorMessage(error)}` } : s));
      },
    );
    return () => controller.abort();
  }, [id, streaming, wanted, complete]);

  return { events: state.for === id ? state.events : [], mode: state.for === id ? state.mode : "idle", error: state.for === id ? state.error : null };
}
