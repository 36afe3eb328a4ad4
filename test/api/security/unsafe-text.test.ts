// Text no database column can hold — an unpaired UTF-16 surrogate (JSON's "\ud800"), a NUL (PostgreSQL refuses it) —
// and free text beyond its bound get a 4xx naming the field, never a 500, and nothing is written. Run on SQLite and,
// with `npm run test:pg`, on PostgreSQL.
import { beforeAll, describe, expect, it } from "vitest";
import { GET as listDatastores } from "@/app/api/v1/datastores/route";
import { PUT as putThresholds } from "@/app/api/v1/datastores/[id]/thresholds/route";
import { POST as createChange } from "@/app/api/v1/datastores/[id]/changes/route";
import { POST as createToken } from "@/app/api/v1/tokens/route";
import { db } from "@/lib/server/db/client";
import { makePerson, makeTeam, type TestPerson } from "../../support/actors";
import { CASSANDRA_THRESHOLDS, makeDatastore } from "../../support/datastores";
import { api, draft, submitted } from "../../support/requests";
import { expectProblem } from "../support";

/** A request whose body is `json` as written: escapes like \ud800 reach the server's JSON parser untouched. */
function raw(method: string, path: string, who: TestPerson, json: string, extra: Record<string, string> = {}): Request {
  return new Request(`http://localhost${path}`, { method, headers: { ...who.headers, "content-type": "application/json", ...extra }, body: json });
}
const ctx = <P extends Record<string, string>>(params: P) => ({ params: Promise.resolve(params) });

let team: { id: string };
let member: TestPerson;
let reviewer: TestPerson;
let datastoreId = "";
beforeAll(async () => {
  team = await makeTeam();
  member = await makePerson(team.id, "member");
  reviewer = await makePerson(team.id, "reviewer");
  datastoreId = (await makeDatastore({ teamId: team.id })).id;
});

const LONE_HIGH = "\\ud800";
const LONE_LOW = "\\udc00";
const NUL = "\\u0000";

describe("text no database can store", () => {
  /** What is sent where: the field the 422 must name, and a set-up that returns the sender. */
  type Send = (bad: string) => Promise<Response>;
  const cases: [string, string, () => Promise<Send>][] = [
    [
      "a comment",
      "body",
      async () => {
        const d = await draft(member, team.id);
        const { POST } = await import("@/app/api/v1/requests/[id]/comments/route");
        return (bad) => POST(raw("POST", `/api/v1/requests/${d.id}/comments`, member, `{"body":"note ${bad} here"}`), ctx({ id: d.id }));
      },
    ],
    [
      "a review comment",
      "comment",
      async () => {
        const s = await submitted(member, team.id);
        const { POST } = await import("@/app/api/v1/requests/[id]/decisions/route");
        return (bad) => POST(raw("POST", `/api/v1/requests/${s.id}/decisions`, reviewer, `{"decision":"rejected","comment":"no ${bad}"}`), ctx({ id: s.id }));
      },
    ],
    [
      "a threshold description",
      "thresholds.0.description",
      async () => (bad) => {
        const body = JSON.stringify({ thresholds: CASSANDRA_THRESHOLDS }).replace("Coordinator p99", `Coordinator ${bad} p99`);
        return putThresholds(raw("PUT", `/api/v1/datastores/${datastoreId}/thresholds`, member, body, { "if-match": "*" }), ctx({ id: datastoreId }));
      },
    ],
    [
      "a change's reason",
      "reason",
      async () => (bad) =>
        createChange(
          raw("POST", `/api/v1/datastores/${datastoreId}/changes`, member, `{"kind":"decommission","confirmName":"x","reason":"why ${bad}"}`),
          ctx({ id: datastoreId }),
        ),
    ],
    [
      "a token name",
      "name",
      async () => (bad) => createToken(raw("POST", "/api/v1/tokens", member, `{"name":"ci ${bad}","teamId":"${team.id}","role":"member"}`), ctx({})),
    ],
    ["an object key", "k{bad}", async () => (bad) => createToken(raw("POST", "/api/v1/tokens", member, `{"k${bad}":1}`), ctx({}))],
  ];

  for (const [what, field, prepare] of cases) {
    it.each([
      ["an unpaired high surrogate", LONE_HIGH],
      ["an unpaired low surrogate", LONE_LOW],
      ["a NUL", NUL],
    ])(`${what} with %s: 422 naming the field, nothing stored`, async (_kind, bad) => {
      const send = await prepare();
      const before = await db().auditEvent.count();
      const problem = await expectProblem(await send(bad), 422);
      expect(problem.errors?.[0]?.field).toBe(field.replace("{bad}", JSON.parse(`"${bad}"`) as string));
      expect(problem.errors?.[0]?.message).toMatch(bad === NUL ? /NUL/ : /surrogate/);
      expect(await db().auditEvent.count()).toBe(before);
    });
  }

  it("keeps well-formed pairs (an emoji) as they are", async () => {
    const d = await draft(member, team.id);
    const { POST } = await import("@/app/api/v1/requests/[id]/comments/route");
    const res = await POST(raw("POST", `/api/v1/requests/${d.id}/comments`, member, `{"body":"ship it \\ud83d\\ude80"}`), ctx({ id: d.id }));
    expect(res.status).toBe(201);
    expect(((await res.json()) as { body: string }).body).toBe("ship it \u{1f680}");
  });

  it("in a query parameter: 422 naming it", async () => {
    const problem = await expectProblem(
      await listDatastores(new Request("http://localhost/api/v1/datastores?q=a%00b", { headers: member.headers }), ctx({})),
      422,
    );
    expect(problem.errors).toEqual([{ field: "q", message: expect.stringMatching(/NUL/) }]);
  });

  it("in a path segment: 404, no lookup", async () => {
    for (const id of ["\u0000", "abc\u0000", "\ud800"]) await expectProblem(await api.get(member, id), 404);
  });
});

describe("free text beyond its bound", () => {
  it("refuses a 100,000-character threshold description with a 422 and keeps the old thresholds", async () => {
    const long = CASSANDRA_THRESHOLDS.map((t, i) => (i === 1 ? { ...t, description: "x".repeat(100_000) } : t));
    const problem = await expectProblem(
      await putThresholds(
        raw("PUT", `/api/v1/datastores/${datastoreId}/thresholds`, member, JSON.stringify({ thresholds: long }), { "if-match": "*" }),
        ctx({ id: datastoreId }),
      ),
      422,
    );
    expect(problem.errors).toEqual([{ field: "thresholds.1.description", message: "must be at most 1000 characters" }]);
    expect(Math.max(...(await db().threshold.findMany({ where: { datastoreId } })).map((t) => t.description.length))).toBeLessThan(1000);
  });
});
