// Window maths: weekly UTC windows, their occurrences, and where a replacement goes — the start of the LAST window
// that ends before the deadline, so the team's routine runs as late as is safe (and the event may still be
// withdrawn by the cloud), or as soon as possible when no window fits. Pure; property-tested.
import type { MaintenanceWindow } from "../schemas/maintenance";

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const WEEK = 7 * DAY;

export interface Occurrence {
  start: Date;
  end: Date;
}

/** The start of the UTC week (Sunday 00:00) containing `at`. */
function weekStart(at: Date): number {
  const day = Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate());
  return day - at.getUTCDay() * DAY;
}

/** Every occurrence of the windows that ends after `from` and starts before `until`, by start. */
export function occurrences(windows: readonly MaintenanceWindow[], from: Date, until: Date): Occurrence[] {
  const out: Occurrence[] = [];
  // A window may run past the end of its week (Saturday 23:00 for 2 h): begin a week early.
  for (let week = weekStart(from) - WEEK; week < until.getTime(); week += WEEK) {
    for (const w of windows) {
      const start = week + w.weekday * DAY + w.startMinute * MINUTE;
      const end = start + w.durationMinutes * MINUTE;
      if (end > from.getTime() && start < until.getTime()) out.push({ start: new Date(start), end: new Date(end) });
    }
  }
  return out.sort((a, b) => a.start.getTime() - b.start.getTime() || a.end.getTime() - b.end.getTime());
}

/** The next time a window opens at or after `now` (or the open one's start), or null without windows. */
export function nextOpening(windows: readonly MaintenanceWindow[], now: Date): Occurrence | null {
  return occurrences(windows, now, new Date(now.getTime() + 2 * WEEK))[0] ?? null;
}

export type Placement = { kind: "window"; window: Occurrence } | { kind: "asap"; reason: "no-windows" | "no-deadline" | "no-window-fits" };

/**
 * Where to place a replacement for events with this earliest deadline: the last window occurrence that ends at or
 * before the deadline (and has not ended yet). None (no windows, no deadline, or none fits) → as soon as possible.
 */
export function placeReplacement(windows: readonly MaintenanceWindow[], now: Date, deadline: Date | null): Placement {
  if (windows.length === 0) return { kind: "asap", reason: "no-windows" };
  if (deadline === null) return { kind: "asap", reason: "no-deadline" };
  const fitting = occurrences(windows, now, deadline).filter((o) => o.end.getTime() <= deadline.getTime());
  let last: Occurrence | undefined;
  for (const o of fitting) if (!last || o.end.getTime() > last.end.getTime() || (o.end.getTime() === last.end.getTime() && o.start > last.start)) last = o;
  return last ? { kind: "window", window: last } : { kind: "asap", reason: "no-window-fits" };
}

const pad = (n: number) => String(n).padStart(2, "0");

/** "Tuesday 02:00–04:00 UTC" for a window. */
export function describeWindow(w: MaintenanceWindow, weekdays: readonly string[]): string {
  const end = (w.startMinute + w.durationMinutes) % (24 * 60);
  return `${weekdays[w.weekday] ?? "?"} ${pad(Math.floor(w.startMinute / 60))}:${pad(w.startMinute % 60)}–${pad(Math.floor(end / 60))}:${pad(end % 60)} UTC`;
}
