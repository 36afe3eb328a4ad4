"use client";
// An operation's log: every event with its time, the step (create, update, status…), the resource it concerns and
// what happened. Failures stand out; the newest line is at the bottom, like a terminal, and stays in view while
// the log grows unless someone scrolled up to read.
import { useLayoutEffect, useRef } from "react";
import type { OperationEventDto } from "@/lib/query/operations";
import { formatDateTime } from "@/components/ui/dates";
import { describeEvent } from "./operation-labels";

const time = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", second: "2-digit", timeZone: "UTC" });

/** `prunedAt`: when retention removed the engine's per-resource events (the log keeps the status lines). */
export function OperationLog({
  events,
  loading,
  error,
  prunedAt = null,
}: {
  events: readonly OperationEventDto[];
  loading: boolean;
  error: string | null;
  prunedAt?: string | null;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const following = useRef(true);
  useLayoutEffect(() => {
    const el = scroller.current;
    if (el && following.current) el.scrollTop = el.scrollHeight;
  }, [events.length]);
  return (
    <div className="op-log" data-testid="operation-log">
      {prunedAt ? (
        <p className="muted small" data-testid="log-pruned">
          The engine&apos;s step-by-step events were removed on {formatDateTime(prunedAt)} by the portal&apos;s retention: its status lines, summary and changes
          stay.
        </p>
      ) : null}
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      {events.length === 0 ? (
        <p className="muted small">{loading ? "Loading the log…" : "No events yet."}</p>
      ) : (
        <div
          className="table-wrap op-log-scroll"
          ref={scroller}
          tabIndex={0}
          aria-label="Operation log"
          role="region"
          onScroll={(e) => {
            const el = e.currentTarget;
            following.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
          }}
        >
          <table className="table op-log-table">
            <caption className="visually-hidden">Operation log</caption>
            <thead>
              <tr>
                <th scope="col">Time (UTC)</th>
                <th scope="col">Step</th>
                <th scope="col">Resource</th>
                <th scope="col">Message</th>
              </tr>
            </thead>
            <tbody>
              {events.map((e) => {
                const line = describeEvent(e.data);
                return (
                  <tr key={e.seq} className={`op-log-row op-log-row--${line.severity}`} data-testid="log-row" data-type={e.data.type}>
                    <td className="nowrap">
                      <time dateTime={e.at}>{time.format(new Date(e.at))}</time>
                    </td>
                    <td className="nowrap">{line.op}</td>
                    <td>{line.resource ? <code>{line.resource}</code> : null}</td>
                    <td>{line.message}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
