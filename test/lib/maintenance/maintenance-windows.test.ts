// Window maths around deadlines: the chosen window ends before the deadline and no later window does; none fits → as
// soon as possible, saying why.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { describeWindow, nextOpening, occurrences, placeReplacement } from "@/lib/maintenance/maintenance-windows";
import { WEEKDAYS, type MaintenanceWindow } from "@/lib/schemas/maintenance";

const windowArb: fc.Arbitrary<MaintenanceWindow> = fc.record({
  weekday: fc.integer({ min: 0, max: 6 }),
  startMinute: fc.integer({ min: 0, max: 1439 }),
  durationMinutes: fc.integer({ min: 30, max: 720 }),
});
const NOW_MIN = Date.UTC(2026, 0, 1);
const nowArb = fc.integer({ min: NOW_MIN, max: NOW_MIN + 400 * 86_400_000 }).map((t) => new Date(t));
const HOUR = 3_600_000;

describe("placing a replacement", () => {
  it("chooses a window that ends by the deadline, has not ended yet, and is the last such", () => {
    fc.assert(
      fc.property(fc.array(windowArb, { minLength: 1, maxLength: 5 }), nowArb, fc.integer({ min: 0, max: 30 * 24 }), (windows, now, hours) => {
        const deadline = new Date(now.getTime() + hours * HOUR);
        const placed = placeReplacement(windows, now, deadline);
        // Brute force: every occurrence over a wide span, checked minute-exactly.
        const all = occurrences(windows, new Date(now.getTime() - 14 * 24 * HOUR), new Date(deadline.getTime() + 14 * 24 * HOUR));
        const fitting = all.filter((o) => o.end.getTime() <= deadline.getTime() && o.end.getTime() > now.getTime());
        if (placed.kind === "asap") {
          expect(placed.reason).toBe("no-window-fits");
          expect(fitting).toEqual([]);
          return;
        }
        expect(placed.window.end.getTime()).toBeLessThanOrEqual(deadline.getTime());
        expect(placed.window.end.getTime()).toBeGreaterThan(now.getTime());
        for (const o of fitting) expect(o.end.getTime()).toBeLessThanOrEqual(placed.window.end.getTime());
      }),
    );
  });

  it("every occurrence starts on the window's weekday and minute, in UTC", () => {
    fc.assert(
      fc.property(windowArb, nowArb, (w, now) => {
        for (const o of occurrences([w], now, new Date(now.getTime() + 21 * 24 * HOUR))) {
          expect(o.start.getUTCDay()).toBe(w.weekday);
          expect(o.start.getUTCHours() * 60 + o.start.getUTCMinutes()).toBe(w.startMinute);
          expect(o.end.getTime() - o.start.getTime()).toBe(w.durationMinutes * 60_000);
        }
      }),
    );
  });

  it("takes Tuesday 02:00 over the Sunday before when a Wednesday deadline allows both", () => {
    const windows = [
      { weekday: 0, startMinute: 120, durationMinutes: 120 },
      { weekday: 2, startMinute: 120, durationMinutes: 120 },
    ];
    // Thursday 2026-01-01 12:00 → deadline Tuesday 2026-01-13 03:00: that Tuesday's window ends 04:00 (too late),
    // Sunday 11th 02:00–04:00 fits; with the deadline on Wednesday the 14th, Tuesday the 13th does.
    const placed = placeReplacement(windows, new Date("2026-01-01T12:00:00Z"), new Date("2026-01-13T03:00:00Z"));
    expect(placed).toEqual({ kind: "window", window: { start: new Date("2026-01-11T02:00:00Z"), end: new Date("2026-01-11T04:00:00Z") } });
    const later = placeReplacement(windows, new Date("2026-01-01T12:00:00Z"), new Date("2026-01-14T00:00:00Z"));
    expect(later).toMatchObject({ kind: "window", window: { start: new Date("2026-01-13T02:00:00Z") } });
  });

  it("chooses a window open now when it is the only one that ends before the deadline", () => {
    const windows = [{ weekday: 4, startMinute: 11 * 60, durationMinutes: 120 }];
    const placed = placeReplacement(windows, new Date("2026-01-01T12:00:00Z"), new Date("2026-01-02T00:00:00Z"));
    expect(placed).toEqual({ kind: "window", window: { start: new Date("2026-01-01T11:00:00Z"), end: new Date("2026-01-01T13:00:00Z") } });
  });

  it("says why it runs as soon as possible: no windows, no deadline, or none that ends before the deadline", () => {
    const now = new Date("2026-01-01T12:00:00Z");
    const windows = [{ weekday: 1, startMinute: 0, durationMinutes: 60 }];
    expect(placeReplacement([], now, new Date("2026-02-01T00:00:00Z"))).toEqual({ kind: "asap", reason: "no-windows" });
    expect(placeReplacement(windows, now, null)).toEqual({ kind: "asap", reason: "no-deadline" });
    expect(placeReplacement(windows, now, new Date("2026-01-05T00:30:00Z"))).toEqual({ kind: "asap", reason: "no-window-fits" });
  });

  it("handles a Saturday window that runs into Sunday, and names windows for people", () => {
    const w = { weekday: 6, startMinute: 23 * 60, durationMinutes: 120 };
    expect(nextOpening([w], new Date("2026-01-04T00:30:00Z"))).toEqual({ start: new Date("2026-01-03T23:00:00Z"), end: new Date("2026-01-04T01:00:00Z") });
    expect(describeWindow(w, WEEKDAYS)).toBe("Saturday 23:00–01:00 UTC");
  });
});
