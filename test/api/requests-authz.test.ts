// Authorization matrix of the requests API: member / reviewer / admin × own team / other team, the platform-reviewer
// grant (signed in, and tokens with and without it), and no credentials. A request the caller may not see is a 404
// (its existence is not leaked); visible but not allowed is a 403.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db/client";
import { signedInPerson, type TestPerson } from "../support/actors";
import { api, draft, makeWorld, submitted } from "../support/requests";

type World = Awaited<ReturnType<typeof makeWorld>>;
let w: World;
let platformReviewer: TestPerson;
beforeAll(async () => {
  w = await makeWorld();
  platformReviewer = await signedInPerson(w.other.id, "member", "platform-reviewer", { platformReviewer: true });
});

type Who =
  | "member"
  | "member2"
  | "reviewer"
  | "admin"
  | "otherMember"
  | "otherReviewer"
  | "otherAdmin"
  | "platformReviewer"
  | "platformToken"
  | "platformPlainToken"
  | "anonymous";
const person = (who: Who): TestPerson | null => (who === "anonymous" ? null : who === "platformReviewer" ? platformReviewer : w[who]);

/** Each action on a fresh request created by `member` of `team`, answering the status it gives. */
const ACTIONS: Record<string, (p: TestPerson | null) => Promise<Response>> = {
  "GET /requests/{id}": async (p) => api.get(p, (await draft(w.member, w.team.id)).id),
  "PATCH /requests/{id}": async (p) => api.patch(p, (await draft(w.member, w.team.id)).id, { family: "cassandra" }, { "if-match": '"v1"' }),
  "POST /requests/{id}/submit": async (p) => api.submit(p, (await draft(w.member, w.team.id)).id),
  "POST /requests/{id}/cancel": async (p) => api.cancel(p, (await draft(w.member, w.team.id)).id),
  "POST /requests/{id}/decisions": async (p) => api.decide(p, (await submitted(w.member, w.team.id)).id, { decision: "approved" }),
  "GET /requests/{id}/comments": async (p) => api.comments(p, (await draft(w.member, w.team.id)).id),
  "POST /requests/{id}/comments": async (p) => api.comment(p, (await draft(w.member, w.team.id)).id, { body: "hello" }),
  "POST /requests (own team id)": async (p) => api.create(p, { teamId: w.team.id, workload: { ...(await import("./support")).viewingHistory } }),
  "GET /requests?teamId=": async (p) => api.list(p, `?teamId=${w.team.id}`),
};

// Rows: who. Columns: the actions above, in order, lined up (hence prettier-ignore). The request belongs to `member` of `team`.
//                      get  patch submit cancel decide gComm pComm create listTeam
// prettier-ignore
const MATRIX: Record<Who, number[]> = {
  member:        [200, 200, 200, 200, 403, 200, 201, 201, 200], // the requester: may not approve their own
  member2:       [200, 200, 200, 200, 403, 200, 201, 201, 200], // a team-mate: same rights, still no review
  reviewer:      [200, 200, 200, 200, 200, 200, 201, 201, 200], // own team's reviewer: edits and reviews others' requests
  admin:         [200, 200, 200, 200, 200, 200, 201, 201, 200], // team admin (tokens act as reviewer)
  otherMember:   [404, 404, 404, 404, 404, 404, 404, 403, 403], // cannot see the team at all
  otherReviewer: [404, 404, 404, 404, 404, 404, 404, 403, 403], // a team role reviews that team only
  otherAdmin:    [404, 404, 404, 404, 404, 404, 404, 403, 403],
  // The platform-reviewer grant (signed in, a member elsewhere): sees and reviews every team, requests only for its own.
  platformReviewer:   [200, 403, 403, 403, 200, 200, 201, 403, 200],
  platformToken:      [200, 403, 403, 403, 200, 200, 201, 403, 200], // a token created with the grant
  platformPlainToken: [404, 404, 404, 404, 404, 404, 404, 403, 403], // the grant holder's ordinary team token
  anonymous:     [401, 401, 401, 401, 401, 401, 401, 401, 401],
};

describe("authorization matrix of the requests API", () => {
  const names = Object.keys(ACTIONS);
  const cases = (Object.keys(MATRIX) as Who[]).flatMap((who) => names.map((action, i) => [who, action, MATRIX[who][i]!] as const));
  it.each(cases)("%s × %s → %i", async (who, action, status) => {
    const res = await ACTIONS[action]!(person(who));
    expect(res.status, await res.clone().text()).toBe(status);
    if (status >= 400) expect(res.headers.get("content-type")).toBe("application/problem+json");
  });

  it("a reviewer never decides on their own request, even in their own team", async () => {
    const own = await submitted(w.reviewer, w.team.id);
    const res = await api.decide(w.reviewer, own.id, { decision: "approved" });
    expect(res.status).toBe(403);
    expect(await res.text()).toMatch(/you created yourself/);
    expect((await api.decide(platformReviewer, own.id, { decision: "approved" })).status).toBe(200);
  });

  it("a token carries the platform-reviewer grant only while its creator holds it", async () => {
    const s = await submitted(w.member, w.team.id);
    await db().user.update({ where: { id: w.platformToken.userId }, data: { platformReviewer: false } });
    try {
      expect((await api.get(w.platformToken, s.id)).status).toBe(404);
      expect((await api.decide(w.platformToken, s.id, { decision: "approved" })).status).toBe(404);
    } finally {
      await db().user.update({ where: { id: w.platformToken.userId }, data: { platformReviewer: true } });
    }
    expect((await api.decide(w.platformToken, s.id, { decision: "approved" })).status).toBe(200);
  });

  it("lists every team's submitted requests to a platform reviewer, and only the own team's to a team reviewer", async () => {
    const s = await submitted(w.member, w.team.id);
    const ids = async (p: TestPerson) =>
      ((await (await api.list(p, "?status=submitted&limit=100")).json()) as { items: { id: string }[] }).items.map((r) => r.id);
    expect(await ids(platformReviewer)).toContain(s.id);
    expect(await ids(w.reviewer)).toContain(s.id);
    expect(await ids(w.otherReviewer)).not.toContain(s.id);
    expect(await ids(w.platformPlainToken)).not.toContain(s.id);
  });

  it("a bad bearer token is 401 on every route", async () => {
    const bogus: TestPerson = { userId: "x", email: "x", tokenId: "x", headers: { authorization: "Bearer dsp_bogus" } };
    const d = await draft(w.member, w.team.id);
    for (const res of [await api.list(bogus), await api.get(bogus, d.id), await api.create(bogus, {}), await api.comment(bogus, d.id, { body: "x" })])
      expect(res.status).toBe(401);
  });

  it("404 for a request that does not exist, the same as for one the caller may not see", async () => {
    const d = await draft(w.member, w.team.id);
    const missing = await api.get(w.otherMember, "does-not-exist");
    const hidden = await api.get(w.otherMember, d.id);
    expect([missing.status, hidden.status]).toEqual([404, 404]);
  });
});
