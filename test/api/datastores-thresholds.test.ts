// Editing a datastore's SLA thresholds through the real handler: who may, If-Match, validation, audit, atomicity.
import { beforeEach, describe, expect, it } from "vitest";
import { GET as getRoute } from "@/app/api/v1/datastores/[id]/route";
import { PUT as putRoute } from "@/app/api/v1/datastores/[id]/thresholds/route";
import { DatastoreDetailSchema } from "@/lib/schemas/datastore";
import type { Threshold } from "@/lib/schemas/plan";
import { db } from "@/lib/server/db/client";
import { jsonRequest, makePerson, makeTeam, type TestPerson } from "../support/actors";
import { CASSANDRA_THRESHOLDS, makeDatastore } from "../support/datastores";
import { expectJson, expectProblem } from "./support";

const put = (person: TestPerson | null, id: string, body: unknown, headers: Record<string, string> = {}) =>
  putRoute(jsonRequest("PUT", `/api/v1/datastores/${id}/thresholds`, person, body, headers), { params: Promise.resolve({ id }) });
const get = (person: TestPerson, id: string) => getRoute(jsonRequest("GET", `/api/v1/datastores/${id}`, person), { params: Promise.resolve({ id }) });

const NEW_THRESHOLDS: Threshold[] = [
  {
    metric: "read-latency-p99",
    role: "data",
    family: "cassandra",
    comparison: "above",
    warning: 6,
    critical: 9,
    unit: "ms",
    forMinutes: 5,
    description: "Tighter read SLO.",
  },
  {
    metric: "cpu-utilisation",
    role: "data",
    family: "cassandra",
    comparison: "above",
    critical: 85,
    unit: "percent",
    forMinutes: 15,
    description: "Sustained CPU.",
  },
];

let teamId: string;
let owner: TestPerson;
let datastoreId: string;

beforeEach(async () => {
  const team = await makeTeam();
  teamId = team.id;
  owner = await makePerson(teamId, "member");
  datastoreId = (await makeDatastore({ teamId })).id;
});

async function snapshot(id: string) {
  const row = await db().datastore.findUniqueOrThrow({ where: { id }, include: { thresholds: { orderBy: [{ role: "asc" }, { metric: "asc" }] } } });
  const audits = await db().auditEvent.count({ where: { subjectType: "datastore", subjectId: id } });
  return { version: row.version, thresholds: row.thresholds.map(({ id: _id, ...t }) => t), audits };
}

describe("PUT /api/v1/datastores/{id}/thresholds", () => {
  it("lets an owner replace the set, bumps the version and ETag, and audits before and after", async () => {
    const res = await put(owner, datastoreId, { thresholds: NEW_THRESHOLDS }, { "if-match": '"v1"' });
    const body = DatastoreDetailSchema.parse(await expectJson(res));
    expect(res.headers.get("etag")).toBe('"v2"');
    expect(body.version).toBe(2);
    expect(body.thresholds.map((t) => t.metric).sort()).toEqual(["cpu-utilisation", "read-latency-p99"]);
    expect(body.thresholds.find((t) => t.metric === "cpu-utilisation")).not.toHaveProperty("warning");
    expect((await snapshot(datastoreId)).thresholds).toHaveLength(2);

    const events = await db().auditEvent.findMany({ where: { subjectType: "datastore", subjectId: datastoreId } });
    expect(events).toHaveLength(1);
    const event = events[0];
    expect(event).toMatchObject({ action: "datastore.thresholds.updated", actorId: owner.userId, teamId });
    const detail = event?.detail as { before: Threshold[]; after: Threshold[]; fromVersion: number; toVersion: number };
    expect(detail.fromVersion).toBe(1);
    expect(detail.toVersion).toBe(2);
    expect(detail.before.map((t) => `${t.role}:${t.metric}`).sort()).toEqual(CASSANDRA_THRESHOLDS.map((t) => `${t.role}:${t.metric}`).sort());
    expect(detail.after.map((t) => `${t.role}:${t.metric}`).sort()).toEqual(["data:cpu-utilisation", "data:read-latency-p99"]);
  });

  it("lets a platform reviewer of another team edit, with the ETag the GET returned", async () => {
    const reviewer = await makePerson((await makeTeam()).id, "reviewer", "platform-reviewer", { platformReviewer: true, tokenPlatformReviewer: true });
    const etag = (await get(reviewer, datastoreId)).headers.get("etag") ?? "";
    await expectJson(await put(reviewer, datastoreId, { thresholds: NEW_THRESHOLDS }, { "if-match": etag }));
  });

  it("answers 404 to a member of another team and changes nothing", async () => {
    const stranger = await makePerson((await makeTeam()).id, "member");
    const before = await snapshot(datastoreId);
    await expectProblem(await put(stranger, datastoreId, { thresholds: NEW_THRESHOLDS }, { "if-match": '"v1"' }), 404);
    // Without If-Match too: a 428 would tell a stranger that the datastore exists.
    await expectProblem(await put(stranger, datastoreId, { thresholds: NEW_THRESHOLDS }), 404);
    expect(await snapshot(datastoreId)).toEqual(before);
  });

  it("answers 412 to a stale If-Match and changes nothing", async () => {
    await expectJson(await put(owner, datastoreId, { thresholds: NEW_THRESHOLDS }, { "if-match": '"v1"' }));
    const before = await snapshot(datastoreId);
    const problem = await expectProblem(await put(owner, datastoreId, { thresholds: CASSANDRA_THRESHOLDS }, { "if-match": '"v1"' }), 412);
    expect(problem.detail).toContain('"v2"');
    expect(await snapshot(datastoreId)).toEqual(before);
  });

  it.each([['W/"v1"'], ['"1"'], ["v1"], ['"v0"'], ["garbage"]])("answers 412 to an If-Match that names no current version (%s)", async (ifMatch) => {
    const before = await snapshot(datastoreId);
    await expectProblem(await put(owner, datastoreId, { thresholds: NEW_THRESHOLDS }, { "if-match": ifMatch }), 412);
    expect(await snapshot(datastoreId)).toEqual(before);
  });

  it("answers 428 without If-Match and changes nothing", async () => {
    const before = await snapshot(datastoreId);
    const problem = await expectProblem(await put(owner, datastoreId, { thresholds: NEW_THRESHOLDS }), 428);
    expect(problem.detail).toContain("If-Match");
    expect(await snapshot(datastoreId)).toEqual(before);
  });

  it("lets exactly one of two concurrent edits with the same If-Match win", async () => {
    const results = await Promise.all([
      put(owner, datastoreId, { thresholds: NEW_THRESHOLDS }, { "if-match": '"v1"' }),
      put(owner, datastoreId, { thresholds: CASSANDRA_THRESHOLDS }, { "if-match": '"v1"' }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 412]);
    const after = await snapshot(datastoreId);
    expect(after.version).toBe(2);
    expect(after.audits).toBe(1);
  });

  // Deliberately loose: the table feeds wrong types on purpose.
  const t = (over: Record<string, unknown>) => ({ ...NEW_THRESHOLDS[0], ...over });
  it.each<[string, unknown, string]>([
    ["critical not above warning (above)", { thresholds: [t({ warning: 9, critical: 9 })] }, "thresholds.0.critical"],
    ["critical not below warning (below)", { thresholds: [t({ comparison: "below", warning: 5, critical: 9 })] }, "thresholds.0.critical"],
    ["a percentage over 100", { thresholds: [t({ unit: "percent", metric: "disk-used", warning: 50, critical: 101 })] }, "thresholds.0.critical"],
    ["a warning percentage over 100", { thresholds: [t({ unit: "percent", metric: "disk-used", warning: 150, critical: 200 })] }, "thresholds.0.warning"],
    ["a negative critical", { thresholds: [t({ critical: -1 })] }, "thresholds.0.critical"],
    ["a critical given as a string", { thresholds: [t({ critical: "10" })] }, "thresholds.0.critical"],
    ["an unknown metric", { thresholds: [t({ metric: "happiness" })] }, "thresholds.0.metric"],
    ["an unknown comparison", { thresholds: [t({ comparison: "equals" })] }, "thresholds.0.comparison"],
    ["forMinutes zero", { thresholds: [t({ forMinutes: 0 })] }, "thresholds.0.forMinutes"],
    ["an unknown threshold field", { thresholds: [t({ severity: "high" })] }, "thresholds.0.severity"],
    ["an empty set", { thresholds: [] }, "thresholds"],
    ["no thresholds field", {}, "thresholds"],
    ["a duplicate metric and role", { thresholds: [NEW_THRESHOLDS[0], NEW_THRESHOLDS[1], NEW_THRESHOLDS[0]] }, "thresholds.2.metric"],
    ["an unknown top-level field", { thresholds: NEW_THRESHOLDS, version: 7 }, "version"],
    ["a role the datastore does not run", { thresholds: [t({ role: "search" })] }, "thresholds.0.role"],
    ["a family that is not the role's", { thresholds: [t({ role: "cache", family: "cassandra" })] }, "thresholds.0.family"],
    ["an injection string as the role", { thresholds: [t({ role: "'; DROP TABLE thresholds;--" })] }, "thresholds.0.role"],
    ["a JSON array body", [NEW_THRESHOLDS[0]], "root"],
    ["a __proto__ key", JSON.parse('{"__proto__": {"admin": true}, "thresholds": []}'), "__proto__"],
  ])("refuses %s with a 422 naming the field, and changes nothing", async (_what, body, field) => {
    const before = await snapshot(datastoreId);
    const problem = await expectProblem(await put(owner, datastoreId, body, { "if-match": '"v1"' }), 422);
    expect(problem.errors?.map((e) => e.field)).toContain(field);
    expect(await snapshot(datastoreId)).toEqual(before);
  });

  it.each([
    ["malformed JSON", '{"thresholds": [', 400, { "content-type": "application/json" }],
    ["a text/plain body", "thresholds", 415, { "content-type": "text/plain" }],
  ] as const)("refuses %s (%i) and changes nothing", async (_what, raw, status, headers) => {
    const before = await snapshot(datastoreId);
    const req = new Request(`http://localhost/api/v1/datastores/${datastoreId}/thresholds`, {
      method: "PUT",
      headers: { ...owner.headers, ...headers, "if-match": '"v1"' },
      body: raw,
    });
    await expectProblem(await putRoute(req, { params: Promise.resolve({ id: datastoreId }) }), status);
    expect(await snapshot(datastoreId)).toEqual(before);
  });

  it("refuses a huge body with 413", async () => {
    const huge = { thresholds: [t({ description: "x".repeat(300 * 1024) })] };
    await expectProblem(await put(owner, datastoreId, huge, { "if-match": '"v1"' }), 413);
  });

  it("answers 409 for a decommissioned datastore: its alarms are gone, and nothing would ever apply new values", async () => {
    const gone = await makeDatastore({ teamId, status: "decommissioned" });
    const before = await snapshot(gone.id);
    const p = await expectProblem(await put(owner, gone.id, { thresholds: NEW_THRESHOLDS }, { "if-match": '"v1"' }), 409);
    expect(p.detail).toMatch(/decommissioned/);
    expect(await snapshot(gone.id)).toEqual(before);
  });

  it("accepts If-Match: * (any current version), as RFC 9110 defines it", async () => {
    await expectJson(await put(owner, datastoreId, { thresholds: NEW_THRESHOLDS }, { "if-match": "*" }));
  });
});
