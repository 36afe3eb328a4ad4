// The client's URL of every registry operation is the operation's path with each parameter filled: whatever a
// parameter holds (spaces, slashes, `?`, `#`, `%`, any Unicode), it stays one path segment and decodes back to itself.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createApiClient, fillPath, type OperationId } from "@/lib/client";
import { API_OPERATIONS } from "@/lib/openapi/operations";

const OPERATION_IDS = Object.keys(API_OPERATIONS) as OperationId[];
const paramNames = (path: string) => [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] as string);

/** The operation's path as a pattern: each `{name}` one segment (no `/`, `?` or `#`), captured. */
function pathPattern(path: string): RegExp {
  const source = path
    .split(/(\{[^}]+\})/)
    .map((part) => (part.startsWith("{") ? "([^/?#]+)" : part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
    .join("");
  return new RegExp(`^${source}$`);
}

const awkward = fc.constantFrom(
  " ",
  "a b",
  "a/b",
  "/",
  "//",
  "a?b=c",
  "#x",
  "%",
  "%2F",
  "100%",
  "ü",
  "日本語",
  "🙂",
  "a+b",
  "x;y",
  "...",
  ".a",
  "a.",
  "%2e",
  "%2E%2e",
  ".%2E",
);
const paramValue = fc.oneof(fc.string({ unit: "grapheme", minLength: 1, maxLength: 12 }), awkward).filter((v) => v !== "." && v !== "..");

describe("client.url()", () => {
  const client = createApiClient();
  const remote = createApiClient({ baseUrl: "https://portal.example.com/" });

  it.each(OPERATION_IDS)("fills %s's path with any parameter values, one segment each, decoding back to them", (id) => {
    const op = API_OPERATIONS[id];
    const names = paramNames(op.path);
    const pattern = pathPattern(op.path);
    fc.assert(
      fc.property(fc.tuple(...names.map(() => paramValue)), (values) => {
        const params = Object.fromEntries(names.map((n, i) => [n, values[i]]));
        const url = (client.url as (id: OperationId, input?: object) => string)(id, names.length > 0 ? { params } : undefined);
        const match = pattern.exec(url);
        expect(match, url).not.toBeNull();
        expect(match!.slice(1).map(decodeURIComponent)).toEqual(values);
        // What a browser or fetch makes of it: the same path, no segment resolved away or split.
        expect(new URL(url, "http://localhost").pathname).toBe(url);
        expect((remote.url as (id: OperationId, input?: object) => string)(id, names.length > 0 ? { params } : undefined)).toBe(
          `https://portal.example.com${url}`,
        );
      }),
      { numRuns: 50 },
    );
  });

  it("refuses a parameter that URL resolution would remove ('.' and '..') instead of calling another resource", () => {
    // new URL("/api/v1/requests/..", base) is /api/v1/ — a GET of a request would read something else entirely.
    for (const value of [".", ".."]) {
      expect(() => fillPath("/api/v1/requests/{id}", { id: value }), value).toThrow(/"id"/);
    }
  });

  it("adds the query's values after the filled path", () => {
    fc.assert(
      fc.property(paramValue, fc.integer({ min: 0, max: 999_999_999 }), (id, after) => {
        const url = client.url("streamOperationEvents", { params: { id }, query: { lastEventId: after } });
        const parsed = new URL(url, "http://localhost");
        expect(decodeURIComponent(parsed.pathname.split("/")[4] ?? "")).toBe(id);
        expect(parsed.searchParams.get("lastEventId")).toBe(String(after));
      }),
    );
  });
});
