import { describe, expect, it } from "vitest";
import { POST as postPlan } from "@/app/api/v1/plans/route";
import { POST as postRecommendation } from "@/app/api/v1/recommendations/route";
import { MAX_JSON_BODY_BYTES } from "@/lib/server/http/json-body";
import { callerHeaders } from "../support/actors";
import { BASE, expectProblem, viewingHistory } from "./support";

type Handler = (request: Request) => Promise<Response>;

interface BadCase {
  name: string;
  /** A value to JSON-encode, or the raw body (string / bytes / stream). */
  body: unknown;
  raw?: boolean;
  headers?: Record<string, string>;
  status: 400 | 413 | 415 | 422;
  /** For 422: a field every such request must name. */
  field?: string;
  /** For 400/413/415: what the detail must say. */
  detail?: RegExp;
}

const plan = (workload: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ workload: { ...viewingHistory, ...workload }, ...extra });
const JSON_CT = { "content-type": "application/json" };

function streamOf(bytes: number): ReadableStream<Uint8Array> {
  const chunk = new TextEncoder().encode(" ".repeat(16 * 1024));
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= bytes) return controller.close();
      controller.enqueue(chunk);
      sent += chunk.byteLength;
    },
  });
}

const INJECTIONS = ["'; DROP TABLE plans;--", "<script>alert(1)</script>", "{{7*7}}", "../../etc/passwd", "$(rm -rf /)", "a\u0000b", "x".repeat(5000)];

const PLAN_CASES: BadCase[] = [
  // Transport: media type, size, syntax.
  { name: "malformed JSON", body: '{"workload": {', raw: true, status: 400, detail: /not valid JSON/ },
  { name: "a trailing comma", body: '{"workload": {},}', raw: true, status: 400, detail: /not valid JSON/ },
  { name: "an empty body", body: "", raw: true, status: 400, detail: /empty/ },
  { name: "a whitespace-only body", body: "  \n ", raw: true, status: 400, detail: /empty/ },
  { name: "invalid UTF-8", body: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), raw: true, status: 400, detail: /UTF-8/ },
  { name: "JSON nested 100k deep", body: "[".repeat(100_000) + "]".repeat(100_000), raw: true, status: 422, field: "root" },
  { name: "a text/plain body", body: plan({}), headers: { "content-type": "text/plain" }, status: 415, detail: /application\/json/ },
  {
    name: "a form body",
    body: "workload=1",
    raw: true,
    headers: { "content-type": "application/x-www-form-urlencoded" },
    status: 415,
    detail: /application\/json/,
  },
  { name: "no content type", body: plan({}), headers: { "content-type": "" }, status: 415, detail: /no Content-Type/ },
  { name: "a non-UTF-8 charset", body: plan({}), headers: { "content-type": "application/json; charset=latin1" }, status: 415, detail: /UTF-8/ },
  { name: "a huge body", body: plan({ name: "x".repeat(MAX_JSON_BODY_BYTES) }), status: 413, detail: /larger than/ },
  { name: "a huge streamed body without Content-Length", body: streamOf(MAX_JSON_BODY_BYTES * 4), raw: true, status: 413, detail: /larger than/ },
  { name: "a lying Content-Length", body: plan({}), headers: { "content-length": String(MAX_JSON_BODY_BYTES * 10) }, status: 413, detail: /larger than/ },
  // Shape of the body.
  { name: "a JSON array", body: [plan({})], status: 422, field: "root" },
  { name: "JSON null", body: null, status: 422, field: "root" },
  { name: "a JSON string", body: "plan me", status: 422, field: "root" },
  { name: "no workload", body: { alternatives: 2 }, status: 422, field: "workload" },
  { name: "an unknown top-level field", body: plan({}, { priority: "high" }), status: 422, field: "priority" },
  { name: "an unknown workload field", body: plan({ colour: "blue" }), status: 422, field: "workload.colour" },
  { name: "an unknown advanced field", body: plan({ advanced: { turbo: true } }), status: 422, field: "workload.advanced.turbo" },
  { name: "an unknown range field", body: plan({ readsPerSecond: { low: 1, mid: 2, high: 3, p99: 4 } }), status: 422, field: "workload.readsPerSecond.p99" },
  {
    name: "a top-level __proto__ key",
    body: `{"__proto__": {"admin": true}, "workload": ${JSON.stringify(viewingHistory)}}`,
    raw: true,
    status: 422,
    field: "__proto__",
  },
  {
    name: "a workload __proto__ key",
    body: `{"workload": {"__proto__": {"tier": 0}, ${JSON.stringify(viewingHistory).slice(1)}}`,
    raw: true,
    status: 422,
    field: "workload.__proto__",
  },
  { name: "a constructor key", body: plan({ constructor: { prototype: { x: 1 } } }), status: 422, field: "workload.constructor" },
  // Types and ranges of fields.
  { name: "a missing name", body: { workload: { ...viewingHistory, name: undefined } }, status: 422, field: "workload.name" },
  { name: "a tier given as a string", body: plan({ tier: "1" }), status: 422, field: "workload.tier" },
  { name: "tier 7", body: plan({ tier: 7 }), status: 422, field: "workload.tier" },
  { name: "a rate given as a string", body: plan({ readsPerSecond: "lots" }), status: 422, field: "workload.readsPerSecond" },
  { name: "a negative write rate", body: plan({ writesPerSecond: -100 }), status: 422, field: "workload.writesPerSecond" },
  { name: "a negative range bound", body: plan({ readsPerSecond: { low: -1, mid: 2, high: 3 } }), status: 422, field: "workload.readsPerSecond.low" },
  {
    name: "a range with low > mid",
    body: plan({ readsPerSecond: { low: 30_000, mid: 20_000, high: 40_000 } }),
    status: 422,
    field: "workload.readsPerSecond.mid",
  },
  { name: "a range with mid > high", body: plan({ datasetGiB: { low: 1, mid: 9, high: 2 } }), status: 422, field: "workload.datasetGiB.high" },
  {
    name: "an infinite item size (1e400)",
    body: JSON.stringify(plan({})).replace('"readItemBytes":1024', '"readItemBytes":1e400'),
    raw: true,
    status: 422,
    field: "workload.readItemBytes",
  },
  { name: "a boolean given as a string", body: plan({ crossRegionReplication: "yes" }), status: 422, field: "workload.crossRegionReplication" },
  { name: "an unknown access pattern", body: plan({ accessPattern: "relational" }), status: 422, field: "workload.accessPattern" },
  { name: "a name that is not kebab-case", body: plan({ name: "Viewing_History" }), status: 422, field: "workload.name" },
  { name: "a too-short name", body: plan({ name: "vh" }), status: 422, field: "workload.name" },
  ...INJECTIONS.map((name): BadCase => ({
    name: `an injection string in name (${name.slice(0, 24)})`,
    body: plan({ name }),
    status: 422,
    field: "workload.name",
  })),
  { name: "empty regions", body: plan({ regions: [] }), status: 422, field: "workload.regions" },
  { name: "regions given as a string", body: plan({ regions: "us-east-1" }), status: 422, field: "workload.regions" },
  { name: "an unknown region", body: plan({ regions: ["moon-1"] }), status: 422, field: "workload.regions.0" },
  { name: "a well-formed but unknown second region", body: plan({ regions: ["us-east-1", "xx-north-9"] }), status: 422, field: "workload.regions.1" },
  { name: "duplicate regions", body: plan({ regions: ["us-east-1", "us-east-1"] }), status: 422, field: "workload.regions" },
  {
    name: "nine regions",
    body: plan({ regions: ["us-east-1", "us-east-2", "us-west-1", "us-west-2", "eu-west-1", "eu-west-2", "eu-west-3", "eu-central-1", "eu-north-1"] }),
    status: 422,
    field: "workload.regions",
  },
  { name: "an unknown feature", body: plan({ features: ["joins"] }), status: 422, field: "workload.features.0" },
  { name: "traversalDepth on a non-graph workload", body: plan({ traversalDepth: 3 }), status: 422, field: "workload.traversalDepth" },
  { name: "horizonMonths 0", body: plan({ horizonMonths: 0 }), status: 422, field: "workload.horizonMonths" },
  { name: "alternatives 0", body: plan({}, { alternatives: 0 }), status: 422, field: "alternatives" },
  { name: "alternatives 11", body: plan({}, { alternatives: 11 }), status: 422, field: "alternatives" },
  { name: "fractional alternatives", body: plan({}, { alternatives: 2.5 }), status: 422, field: "alternatives" },
  { name: "an unknown family", body: plan({}, { family: "mongodb" }), status: 422, field: "family" },
  { name: "a family in the wrong case", body: plan({}, { family: "Cassandra" }), status: 422, field: "family" },
];

const RECOMMENDATION_CASES: BadCase[] = [
  { name: "malformed JSON", body: "{name:", raw: true, status: 400, detail: /not valid JSON/ },
  { name: "a plan request instead of a workload", body: { workload: viewingHistory }, status: 422, field: "workload" },
  { name: "an unknown field", body: { ...viewingHistory, owner: "me" }, status: 422, field: "owner" },
  { name: "a range with low > mid", body: { ...viewingHistory, writesPerSecond: { low: 5, mid: 4, high: 6 } }, status: 422, field: "writesPerSecond.mid" },
  { name: "an unknown region", body: { ...viewingHistory, regions: ["us-east-1", "moon-1"] }, status: 422, field: "regions.1" },
  { name: "a __proto__ key", body: `{"__proto__": {}, ${JSON.stringify(viewingHistory).slice(1)}`, raw: true, status: 422, field: "__proto__" },
];

async function requestFor(path: string, c: BadCase): Promise<Request> {
  const headers = new Headers({ ...JSON_CT, ...(await callerHeaders()) });
  for (const [k, v] of Object.entries(c.headers ?? {})) {
    if (v === "") headers.delete(k);
    else headers.set(k, v);
  }
  const body = c.raw ? (c.body as BodyInit) : JSON.stringify(c.body);
  // A Request built from a string or a Blob sets Content-Type text/plain when the header is missing: use bytes.
  const bytes = typeof body === "string" ? new TextEncoder().encode(body) : body;
  return new Request(`${BASE}${path}`, { method: "POST", headers, body: bytes, duplex: "half" } as RequestInit);
}

async function expectBadInput(handler: Handler, path: string, c: BadCase) {
  const problem = await expectProblem(await handler(await requestFor(path, c)), c.status);
  expect(problem.instance).toBe(path);
  if (c.field !== undefined) {
    expect(problem.code).toBe("invalid_input");
    expect(problem.errors?.map((e) => e.field)).toContain(c.field);
    for (const e of problem.errors ?? []) expect(e.message.length).toBeGreaterThan(0);
  }
  if (c.detail) expect(problem.detail).toMatch(c.detail);
  return problem;
}

describe("POST /api/v1/plans rejects bad input with a 4xx problem naming the field", () => {
  it.each(PLAN_CASES.map((c) => [c.name, c] as const))("%s", async (_name, c) => {
    await expectBadInput(postPlan, "/api/v1/plans", c);
  });
});

describe("POST /api/v1/recommendations rejects bad input with a 4xx problem naming the field", () => {
  it.each(RECOMMENDATION_CASES.map((c) => [c.name, c] as const))("%s", async (_name, c) => {
    await expectBadInput(postRecommendation, "/api/v1/recommendations", c);
  });
});

describe("field errors", () => {
  it("lists every invalid field of a request at once, not just the first", async () => {
    const body = plan({ tier: 9, name: "Bad Name", regions: ["moon-1"], advanced: { turbo: 1 } }, { alternatives: 0, family: "mongo" });
    const problem = await expectBadInput(postPlan, "/api/v1/plans", { name: "many", body, status: 422 });
    expect(problem.errors?.map((e) => e.field)).toEqual(
      expect.arrayContaining(["workload.tier", "workload.name", "workload.regions.0", "workload.advanced.turbo", "alternatives", "family"]),
    );
  });

  it("never echoes the submitted values back (injection strings stay out of the problem)", async () => {
    for (const name of INJECTIONS) {
      const problem = await expectBadInput(postPlan, "/api/v1/plans", { name, body: plan({ name }), status: 422 });
      expect(JSON.stringify(problem)).not.toContain(JSON.stringify(name).slice(1, -1));
    }
  });

  it("does not let a __proto__ key change any object's prototype", async () => {
    const body = `{"__proto__": {"admin": true}, "workload": ${JSON.stringify(viewingHistory)}}`;
    await expectBadInput(postPlan, "/api/v1/plans", { name: "proto", body, raw: true, status: 422, field: "__proto__" });
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });
});
