// The pure part of following an operation's events: pages of /events as the query cache holds them, read as one log;
// the empty pages polls leave compacted away without losing anything; completeness; what a stream message announces.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import type { OperationEventDto, OperationEventList, OperationStatus } from "@/lib/schemas/operation";
import {
  announcedSeq,
  closedMessage,
  closedReasonOf,
  compactPages,
  eventsOf,
  isComplete,
  lastSeqOf,
  type EventPages,
} from "@/components/provisioning/operation-events";

const event = (seq: number): OperationEventDto => ({
  seq,
  at: new Date(Date.UTC(2026, 0, 1, 0, 0, seq)).toISOString(),
  data: { type: "diagnostic", severity: "info", message: `step ${seq}` },
});

/** Pages as a follower reads them: seqs 1..n split into runs, with empty polls anywhere, each page after the last seq. */
function pagesOf(runs: readonly number[], status: OperationStatus = "running"): EventPages {
  const pages: OperationEventList[] = [];
  const pageParams: number[] = [];
  let after = 0;
  for (const size of runs) {
    pageParams.push(after);
    const items = Array.from({ length: size }, (_, i) => event(after + i + 1));
    after += size;
    pages.push({ items, status, lastSeq: after });
  }
  return { pages, pageParams };
}

const runsArb = fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 30 });

describe("the events of an operation's pages", () => {
  it("are every seq once, in order, however the pages were cut and whatever empty polls came between", () => {
    fc.assert(
      fc.property(runsArb, (runs) => {
        const total = runs.reduce((n, r) => n + r, 0);
        const data = pagesOf(runs);
        expect(eventsOf(data).map((e) => e.seq)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
        expect(lastSeqOf(data)).toBe(total);
      }),
    );
  });

  it("count an event delivered twice (a refetch, a reconnect) once", () => {
    const data = pagesOf([3, 2]);
    const again: EventPages = { pages: [...data.pages, { items: [event(4), event(5)], status: "running", lastSeq: 5 }], pageParams: [...data.pageParams, 3] };
    expect(eventsOf(again).map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
  });

  it("compact away the empty pages but the last, losing no event and keeping where the next page starts", () => {
    fc.assert(
      fc.property(runsArb, (runs) => {
        const data = pagesOf(runs);
        const compact = compactPages(data);
        expect(eventsOf(compact)).toEqual(eventsOf(data));
        expect(lastSeqOf(compact)).toBe(lastSeqOf(data));
        expect(compact.pages.at(-1)).toBe(data.pages.at(-1));
        expect(compact.pages.slice(0, -1).every((p) => p.items.length > 0)).toBe(true);
        expect(compact.pageParams).toHaveLength(compact.pages.length);
        // Each page still starts after the seq the one before it ended at.
        compact.pages.forEach((p, i) => expect(compact.pageParams[i]).toBe(p.lastSeq - p.items.length));
        // A cache compacted after every poll stays small: its pages are the non-empty ones and one more at most.
        expect(compact.pages.length).toBeLessThanOrEqual(runs.filter((r) => r > 0).length + 1);
      }),
    );
  });

  it("returns the same object when there is nothing to compact (no needless cache update)", () => {
    const polled = pagesOf([2, 0, 0, 3]);
    expect(compactPages(polled).pages).toHaveLength(2);
    for (const tight of [pagesOf([2, 3]), pagesOf([2, 3, 0]), pagesOf([0])]) expect(compactPages(tight)).toBe(tight);
  });
});

describe("a log is complete", () => {
  it("when its last page says the operation is finished and was not full", () => {
    expect(isComplete(undefined, 10)).toBe(false);
    expect(isComplete(pagesOf([3], "running"), 10)).toBe(false);
    expect(isComplete(pagesOf([3], "succeeded"), 10)).toBe(true);
    expect(isComplete(pagesOf([3, 0], "failed"), 10)).toBe(true);
    // A full page may have a next one, finished or not.
    expect(isComplete(pagesOf([10], "succeeded"), 10)).toBe(false);
    expect(isComplete(pagesOf([10, 0], "succeeded"), 10)).toBe(true);
  });
});

describe("a stream message", () => {
  it("announces the seq of a valid operation event and nothing for anything else", () => {
    expect(announcedSeq(JSON.stringify(event(42)))).toBe(42);
    expect(announcedSeq("not json")).toBeNull();
    expect(announcedSeq(JSON.stringify({ seq: 3 }))).toBeNull();
    expect(announcedSeq(JSON.stringify({ ...event(3), seq: -1 }))).toBeNull();
    expect(announcedSeq(JSON.stringify({ ...event(3), data: { type: "launched" } }))).toBeNull();
  });

  it("`closed` says why, and a message that does not say reads as a lost session", () => {
    expect(closedReasonOf(JSON.stringify({ reason: "not_found" }))).toBe("not_found");
    expect(closedReasonOf(JSON.stringify({ reason: "unauthenticated" }))).toBe("unauthenticated");
    expect(closedReasonOf("{}")).toBe("unauthenticated");
    expect(closedReasonOf("garbage")).toBe("unauthenticated");
    expect(closedMessage("unauthenticated")).toMatch(/session has ended.*Sign in again/);
    expect(closedMessage("not_found")).toMatch(/no longer see this operation/);
  });
});
