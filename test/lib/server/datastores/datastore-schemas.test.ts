import { describe, expect, it } from "vitest";
import { DatastoreListQuerySchema, ThresholdsUpdateSchema } from "@/lib/schemas/datastore";
import type { Threshold } from "@/lib/schemas/plan";
import { decodeCursor, encodeCursor } from "@/lib/server/datastores/page-cursor";
import { AppError } from "@/lib/errors";

const base: Threshold = {
  metric: "cpu-utilisation",
  role: "data",
  family: "cassandra",
  comparison: "above",
  warning: 60,
  critical: 80,
  unit: "percent",
  forMinutes: 15,
  description: "CPU",
};
const issues = (thresholds: unknown[]) => ThresholdsUpdateSchema.safeParse({ thresholds }).error?.issues.map((i) => i.path.join(".")) ?? [];

describe("the thresholds table", () => {
  it("accepts a consistent set, and a threshold without a warning level", () => {
    expect(issues([base, { ...base, metric: "disk-used", warning: undefined, critical: 55 }, { ...base, role: "cache" }])).toEqual([]);
  });
  it("wants warning before critical in the comparison's direction", () => {
    expect(issues([{ ...base, warning: 80 }])).toEqual(["thresholds.0.critical"]);
    expect(issues([{ ...base, comparison: "below", unit: "count", warning: 10, critical: 5 }])).toEqual([]);
    expect(issues([{ ...base, comparison: "below", unit: "count", warning: 5, critical: 10 }])).toEqual(["thresholds.0.critical"]);
  });
  it("caps percentages at 100 but not other units", () => {
    expect(issues([{ ...base, warning: 90, critical: 120 }])).toEqual(["thresholds.0.critical"]);
    expect(issues([{ ...base, unit: "ms", warning: 900, critical: 1200 }])).toEqual([]);
  });
  it("allows one threshold per metric and role", () => {
    expect(issues([base, { ...base, critical: 90 }])).toEqual(["thresholds.1.metric"]);
  });
  it("is never empty", () => {
    expect(issues([])).toEqual(["thresholds"]);
  });
});

describe("the list query", () => {
  it("defaults the page size to 25 and turns tier into a number", () => {
    expect(DatastoreListQuerySchema.parse({ tier: "2" })).toEqual({ tier: 2, limit: 25 });
    expect(DatastoreListQuerySchema.parse({ limit: "100", q: "  view  " })).toEqual({ limit: 100, q: "view" });
  });
});

describe("page cursors", () => {
  it("round-trip the key of the last item", () => {
    const key = { at: new Date("2026-01-01T00:00:00.123Z"), id: "cabc123" };
    expect(decodeCursor(encodeCursor(key))).toEqual(key);
  });
  it.each([["???"], ["bm9wZQ"], [Buffer.from('{"t":"2026-01-01T00:00:00Z"}').toString("base64url")], [Buffer.from("[1,2]").toString("base64url")]])(
    "refuse %s with a 422 naming cursor",
    (cursor) => {
      let error: unknown;
      try {
        decodeCursor(cursor);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).status).toBe(422);
      expect((error as AppError).fieldErrors.map((e) => e.field)).toEqual(["cursor"]);
    },
  );
});
