import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ERROR_STATUS, fieldErrorsFromZod, fieldPath, invalidInput } from "@/lib/errors";

describe("the error catalogue", () => {
  it("gives every code a 4xx or 5xx status", () => {
    for (const status of Object.values(ERROR_STATUS)) expect(status >= 400 && status < 600).toBe(true);
  });
});

describe("field errors from zod", () => {
  const Schema = z.strictObject({ a: z.strictObject({ b: z.array(z.number()) }), n: z.union([z.number(), z.strictObject({ x: z.number() })]) });

  it("names fields by dotted path, the root as 'root'", () => {
    expect(fieldPath(["workload", "regions", 0])).toBe("workload.regions.0");
    expect(fieldPath([])).toBe("root");
    expect(fieldPath(["mid"], ["workload", "readsPerSecond"])).toBe("workload.readsPerSecond.mid");
  });

  it("reports each unknown key on the key itself, and a failed union by what it accepts", () => {
    const r = Schema.safeParse({ a: { b: [1, "2"], c: 1, d: 2 }, n: "x" });
    if (r.success) throw new Error("expected a failure");
    expect(fieldErrorsFromZod(r.error)).toEqual([
      { field: "a.b.1", message: expect.any(String) },
      { field: "a.c", message: "is not a known field" },
      { field: "a.d", message: "is not a known field" },
      { field: "n", message: "must be a number or an object" },
    ]);
  });

  it("summarises the invalid fields in the detail, each once", () => {
    const r = z.strictObject({ s: z.string().min(3).regex(/^a/) }).safeParse({ s: "b" });
    if (r.success) throw new Error("expected a failure");
    const e = invalidInput(r.error, "workload");
    expect(e.fieldErrors).toHaveLength(2);
    expect(e.message).toBe("The workload has 1 invalid field: s.");
    expect(e.status).toBe(422);
  });
});
