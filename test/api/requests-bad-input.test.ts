// Malformed and hostile input on every route of the requests API: a 4xx naming the field, never a 500, and the
// database unchanged (row counts of every table the API writes, before and after).
import { beforeAll, describe, expect, it } from "vitest";
import { POST as createRoute } from "@/app/api/v1/requests/route";
import { MAX_JSON_BODY_BYTES } from "@/lib/server/http/json-body";
import type { RequestDetailDto } from "@/lib/schemas";
import { expectProblem } from "./support";
import { api, counts, draft, makeWorld, submitted, workload } from "../support/requests";

let w: Awaited<ReturnType<typeof makeWorld>>;
let d: RequestDetailDto;
let s: RequestDetailDto;
beforeAll(async () => {
  w = await makeWorld();
  d = await draft(w.member, w.team.id, "vh-bad-draft");
  s = await submitted(w.member, w.team.id, "vh-bad-sub");
});

const INJECTIONS = [
  "'; DROP TABLE requests;--",
  "<script>alert(1)</script>",
  "{{7*7}}",
  "../../etc/passwd",
  "$(rm -rf /)",
  "a\u0000b",
  "Robert'); DELETE FROM users;--",
];

interface Case {
  name: string;
  call: () => Promise<Response>;
  status: 400 | 403 | 413 | 415 | 422 | 428;
  field?: string;
}

/** Bodies are built when the case runs: the fixtures do not exist while the table is collected. */
const create = (body: () => unknown) => () => api.create(w.member, body());
const valid = () => ({ teamId: w.team.id, workload: workload("vh-bad-new") });

const CASES: Case[] = [
  // POST /requests
  { name: "create: no body fields", call: create(() => ({})), status: 422, field: "teamId" },
  { name: "create: a JSON array", call: create(() => [valid()]), status: 422, field: "root" },
  { name: "create: teamId as a number", call: create(() => ({ ...valid(), teamId: 42 })), status: 422, field: "teamId" },
  { name: "create: teamId with SQL in it", call: create(() => ({ ...valid(), teamId: "x' OR '1'='1" })), status: 422, field: "teamId" },
  { name: "create: an unknown field", call: create(() => ({ ...valid(), status: "approved" })), status: 422, field: "status" },
  { name: "create: a forged createdById", call: create(() => ({ ...valid(), createdById: w.reviewer.userId })), status: 422, field: "createdById" },
  {
    name: "create: an unknown workload field",
    call: create(() => ({ ...valid(), workload: { ...workload(), colour: "blue" } })),
    status: 422,
    field: "workload.colour",
  },
  { name: "create: tier as a string", call: create(() => ({ ...valid(), workload: workload("vh-x", { tier: "1" }) })), status: 422, field: "workload.tier" },
  { name: "create: an unknown family", call: create(() => ({ ...valid(), family: "mongodb" })), status: 422, field: "family" },
  // A member naming a team that is not theirs (existing or not) is forbidden before the team is looked up.
  { name: "create: a team that does not exist", call: create(() => ({ ...valid(), teamId: "nosuchteam" })), status: 403 },
  { name: "create: a huge body", call: create(() => ({ ...valid(), name: "x".repeat(MAX_JSON_BODY_BYTES) })), status: 413 },
  {
    name: "create: malformed JSON",
    call: () =>
      createRoute(
        new Request("http://localhost/api/v1/requests", {
          method: "POST",
          headers: { ...w.member.headers, "content-type": "application/json" },
          body: '{"teamId": ',
        }),
      ),
    status: 400,
  },
  ...INJECTIONS.map((inj): Case => ({
    name: `create: injection in name (${inj.slice(0, 16)})`,
    call: create(() => ({ ...valid(), name: inj })),
    status: 422,
    field: "name",
  })),
  ...INJECTIONS.map((inj): Case => ({
    name: `create: injection in workload.name (${inj.slice(0, 16)})`,
    call: create(() => ({ ...valid(), workload: workload(inj) })),
    status: 422,
    field: "workload.name",
  })),
  // PATCH /requests/{id}
  { name: "patch: no If-Match", call: () => api.patch(w.member, d.id, { family: "cassandra" }), status: 428 },
  { name: "patch: an empty change", call: () => api.patch(w.member, d.id, {}, { "if-match": '"v1"' }), status: 422, field: "root" },
  { name: "patch: an unknown field", call: () => api.patch(w.member, d.id, { status: "approved" }, { "if-match": '"v1"' }), status: 422, field: "status" },
  { name: "patch: a forged version", call: () => api.patch(w.member, d.id, { version: 99 }, { "if-match": '"v1"' }), status: 422, field: "version" },
  { name: "patch: name as an object", call: () => api.patch(w.member, d.id, { name: { $ne: null } }, { "if-match": '"v1"' }), status: 422, field: "name" },
  ...INJECTIONS.map((inj): Case => ({
    name: `patch: injection in name (${inj.slice(0, 16)})`,
    call: () => api.patch(w.member, d.id, { name: inj }, { "if-match": '"v1"' }),
    status: 422,
    field: "name",
  })),
  // POST /requests/{id}/submit
  { name: "submit: a client plan", call: () => api.submit(w.member, d.id, { planResult: {} }), status: 422, field: "planResult" },
  { name: "submit: a text/plain body", call: () => api.submit(w.member, d.id, "{}", { "content-type": "text/plain" }), status: 415 },
  // POST /requests/{id}/decisions
  { name: "decide: no decision", call: () => api.decide(w.reviewer, s.id, {}), status: 422, field: "decision" },
  { name: "decide: an unknown decision", call: () => api.decide(w.reviewer, s.id, { decision: "maybe" }), status: 422, field: "decision" },
  { name: "decide: reject without a comment", call: () => api.decide(w.reviewer, s.id, { decision: "rejected" }), status: 422, field: "comment" },
  { name: "decide: a blank comment", call: () => api.decide(w.reviewer, s.id, { decision: "rejected", comment: "   " }), status: 422, field: "comment" },
  {
    name: "decide: chosenRank as a string",
    call: () => api.decide(w.reviewer, s.id, { decision: "approved", chosenRank: "2" }),
    status: 422,
    field: "chosenRank",
  },
  { name: "decide: chosenRank 0", call: () => api.decide(w.reviewer, s.id, { decision: "approved", chosenRank: 0 }), status: 422, field: "chosenRank" },
  {
    name: "decide: chosenRank with a rejection",
    call: () => api.decide(w.reviewer, s.id, { decision: "rejected", comment: "no", chosenRank: 2 }),
    status: 422,
    field: "chosenRank",
  },
  {
    name: "decide: thresholds not an array",
    call: () => api.decide(w.reviewer, s.id, { decision: "approved", thresholds: "none" }),
    status: 422,
    field: "thresholds",
  },
  {
    name: "decide: an empty thresholds list",
    call: () => api.decide(w.reviewer, s.id, { decision: "approved", thresholds: [] }),
    status: 422,
    field: "thresholds",
  },
  {
    name: "decide: a threshold with an unknown metric",
    call: () => api.decide(w.reviewer, s.id, { decision: "approved", thresholds: [{ ...s.thresholds![0]!, metric: "vibes" }] }),
    status: 422,
    field: "thresholds.0.metric",
  },
  {
    name: "decide: a negative critical",
    call: () => api.decide(w.reviewer, s.id, { decision: "approved", thresholds: [{ ...s.thresholds![0]!, critical: -1 }] }),
    status: 422,
    field: "thresholds.0.critical",
  },
  {
    name: "decide: a threshold with an extra field",
    call: () => api.decide(w.reviewer, s.id, { decision: "approved", thresholds: [{ ...s.thresholds![0]!, script: "x" }] }),
    status: 422,
    field: "thresholds.0.script",
  },
  {
    name: "decide: 101 thresholds",
    call: () => api.decide(w.reviewer, s.id, { decision: "approved", thresholds: Array.from({ length: 101 }, () => s.thresholds![0]!) }),
    status: 422,
    field: "thresholds",
  },
  {
    name: "decide: a forged reviewerId",
    call: () => api.decide(w.reviewer, s.id, { decision: "approved", reviewerId: w.otherReviewer.userId }),
    status: 422,
    field: "reviewerId",
  },
  {
    name: "decide: a 10001-character comment",
    call: () => api.decide(w.reviewer, s.id, { decision: "rejected", comment: "x".repeat(10_001) }),
    status: 422,
    field: "comment",
  },
  // POST /requests/{id}/comments
  { name: "comment: no body field", call: () => api.comment(w.member, d.id, {}), status: 422, field: "body" },
  { name: "comment: body as a number", call: () => api.comment(w.member, d.id, { body: 5 }), status: 422, field: "body" },
  { name: "comment: an empty body", call: () => api.comment(w.member, d.id, { body: "" }), status: 422, field: "body" },
  { name: "comment: a forged author", call: () => api.comment(w.member, d.id, { body: "hi", authorId: w.reviewer.userId }), status: 422, field: "authorId" },
  { name: "comment: a huge body", call: () => api.comment(w.member, d.id, { body: "x".repeat(MAX_JSON_BODY_BYTES) }), status: 413 },
  { name: "comment: 10001 characters", call: () => api.comment(w.member, d.id, { body: "x".repeat(10_001) }), status: 422, field: "body" },
  { name: "comment: a bad Idempotency-Key", call: () => api.comment(w.member, d.id, { body: "hi" }, { "idempotency-key": "x".repeat(201) }), status: 400 },
];

describe("bad input on the requests API", () => {
  it.each(CASES.map((c) => [c.name, c] as const))("%s", async (_name, live) => {
    const before = await counts();
    const res = await live.call();
    const problem = await expectProblem(res, live.status);
    if (live.field) {
      expect(
        problem.errors?.map((e) => e.field),
        problem.detail,
      ).toContain(live.field);
      expect(problem.detail).toContain(live.field);
    }
    expect(await counts()).toEqual(before);
  });

  it("stores injection strings in comments verbatim and returns them as data", async () => {
    for (const inj of INJECTIONS.filter((x) => !x.includes("\u0000"))) {
      const res = await api.comment(w.member, d.id, { body: inj });
      expect(res.status).toBe(201);
      expect(((await res.json()) as { body: string }).body).toBe(inj);
    }
  });
});
