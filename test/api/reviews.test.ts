// The review queue through the real handler: every submitted request, change and decommission that needs a reviewer,
// longest waiting first, a page at a time — with more waiting than a page, the oldest come first and every one is
// reachable by following the cursor.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as reviewsRoute } from "@/app/api/v1/reviews/route";
import { db } from "@/lib/server/db/client";
import { setEngineForTests } from "@/lib/server/provisioning/engine";
import { authenticate } from "@/lib/server/auth/authenticate";
import { canReview, canReviewTeam } from "@/lib/server/auth/policy";
import { ReviewQueueSchema, type ReviewItem, type ReviewQueue } from "@/lib/schemas/review";
import { jsonRequest, makePerson, type TestPerson } from "../support/actors";
import { makeDatastore } from "../support/datastores";
import { storeOrgSettings } from "../support/provisioning";
import { api, json, makeWorld, submitted, workload } from "../support/requests";
import { prov, useSimulatedEngine } from "./provisioning-support";
import { expectJson, expectProblem } from "./support";

const queue = async (p: TestPerson, query = ""): Promise<ReviewQueue> =>
  ReviewQueueSchema.parse(await expectJson(await reviewsRoute(jsonRequest("GET", `/api/v1/reviews${query}`, p))));

/** Every page of the queue, following nextCursor. */
async function walk(p: TestPerson, limit?: number): Promise<ReviewItem[]> {
  const items: ReviewItem[] = [];
  let cursor: string | null = null;
  do {
    const params = new URLSearchParams();
    if (limit) params.set("limit", String(limit));
    if (cursor) params.set("cursor", cursor);
    const page: ReviewQueue = await queue(p, `?${params.toString()}`);
    if (limit) expect(page.items.length).toBeLessThanOrEqual(limit);
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

const isOrdered = (items: readonly ReviewItem[]) => items.every((it, i) => i === 0 || (items[i - 1]?.waitingSince ?? "") <= it.waitingSince);

let w: Awaited<ReturnType<typeof makeWorld>>;
/** Submitted requests, oldest first: 30, more than the default page of 25. */
const waiting: string[] = [];
beforeAll(async () => {
  w = await makeWorld();
  await storeOrgSettings();
  for (let i = 0; i < 30; i++) {
    const s = await submitted(w.member, w.team.id, `vh-queue-${i}`);
    // A day apart, as a queue that has waited: the first submitted has waited longest.
    await db().request.update({ where: { id: s.id }, data: { submittedAt: new Date(Date.UTC(2026, 0, 1 + i)) } });
    waiting.push(s.id);
  }
  // Drafts and decided requests are not waiting.
  await json(await api.create(w.member, { teamId: w.team.id, workload: workload("vh-not-submitted") }), 201);
  const decided = await submitted(w.member, w.team.id, "vh-decided");
  await json(await api.decide(w.reviewer, decided.id, { decision: "rejected", comment: "Not needed." }), 200);
});
afterAll(() => setEngineForTests(null));

describe("GET /api/v1/reviews", () => {
  it("with more waiting than a page, starts with the longest waiting and reaches every one through the cursor", async () => {
    const first = await queue(w.reviewer);
    expect(first.items).toHaveLength(25);
    expect(first.items.map((i) => i.id)).toEqual(waiting.slice(0, 25));
    expect(first.nextCursor).not.toBeNull();
    expect(first.waiting).toEqual({ total: 30, forYou: 30 });
    const all = await walk(w.reviewer);
    expect(all.map((i) => i.id)).toEqual(waiting);
    expect(isOrdered(all)).toBe(true);
    // Small pages reach the same list in the same order.
    expect((await walk(w.reviewer, 7)).map((i) => i.id)).toEqual(waiting);
  });

  it("describes each request as the queue shows it: kind, team, family, the chosen plan's cost and nodes, who asked", async () => {
    const [item] = (await queue(w.reviewer, "?limit=1")).items;
    const detail = await json(await api.get(w.reviewer, waiting[0] ?? ""), 200);
    const chosen = detail.planResult?.plans.find((p) => p.rank === detail.chosenRank);
    expect(item).toEqual({
      kind: "request",
      id: detail.id,
      datastoreId: null,
      name: "vh-queue-0",
      team: detail.team,
      family: "cassandra",
      requestedBy: "member",
      requestedById: w.member.userId,
      waitingSince: "2026-01-01T00:00:00.000Z",
      annualCost: chosen?.annualCost,
      annualCostBefore: null,
      nodes: chosen?.clusters.reduce((n, c) => n + c.nodes, 0),
      approvalReasons: [],
      actions: { decide: { allowed: true } },
    });
  });

  it("lists changes and decommissions that need a reviewer with their kind, in waiting order among the requests", async () => {
    await useSimulatedEngine();
    // A tier-1 decommission always needs a reviewer; a growing workload change does too.
    const store = await makeDatastore({ teamId: w.team.id, tier: 1, createdById: w.member.userId });
    const decommission = (await expectJson(await prov.createChange(w.member, store.id, { kind: "decommission", confirmName: store.name }), 201)) as {
      id: string;
      status: string;
    };
    expect(decommission.status).toBe("pending-approval");
    const s = await submitted(w.member, w.team.id, "vh-queue-grow");
    await json(await api.decide(w.reviewer, s.id, { decision: "approved" }), 200);
    const grown = await db().datastore.findUniqueOrThrow({ where: { requestId: s.id } });
    await db().datastore.update({ where: { id: grown.id }, data: { status: "active" } });
    const update = (await expectJson(
      await prov.createChange(w.member, grown.id, { kind: "update", workload: workload(grown.name, { writesPerSecond: 400_000 }) }),
      201,
    )) as { id: string; status: string };
    expect(update.status).toBe("pending-approval");
    // Waiting since between the 3rd and 4th request, and after all of them.
    await db().datastoreChange.update({ where: { id: decommission.id }, data: { createdAt: new Date(Date.UTC(2026, 0, 3, 12)) } });

    const all = await walk(w.reviewer, 10);
    expect(isOrdered(all)).toBe(true);
    expect(all.map((i) => i.id)).toEqual([...waiting.slice(0, 3), decommission.id, ...waiting.slice(3), update.id]);
    const d = all.find((i) => i.id === decommission.id);
    expect(d).toMatchObject({
      kind: "decommission",
      datastoreId: store.id,
      name: store.name,
      team: { id: w.team.id },
      family: "cassandra",
      annualCost: 0,
      annualCostBefore: store.annualCost,
      nodes: 0,
      actions: { decide: { allowed: true } },
    });
    expect(d?.approvalReasons.join(" ")).toMatch(/tier 1/);
    const u = all.find((i) => i.id === update.id);
    expect(u).toMatchObject({
      kind: "change",
      datastoreId: grown.id,
      name: grown.name,
      annualCostBefore: grown.annualCost,
      actions: { decide: { allowed: true } },
    });
    expect(u?.annualCost).toBeGreaterThan(grown.annualCost);
    expect(u?.approvalReasons.length).toBeGreaterThan(0);
    expect((await queue(w.reviewer)).waiting).toEqual({ total: 32, forYou: 32 });

    // Decided, they leave the queue.
    await expectJson(await prov.decideChange(w.reviewer, store.id, decommission.id, { decision: "rejected", comment: "Still read by billing." }));
    expect((await walk(w.reviewer)).map((i) => i.id)).not.toContain(decommission.id);
  });

  it("marks what the reviewer asked for themselves: listed, not decidable, not counted for them", async () => {
    const own = await submitted(w.reviewer, w.team.id, "vh-queue-own");
    // Another reviewer of the same team (a reviewer of another team no longer reviews it: the platform-reviewer grant does).
    const other = await makePerson(w.team.id, "reviewer", "second-reviewer");
    const mine = (await walk(w.reviewer)).find((i) => i.id === own.id);
    expect(mine?.actions.decide).toMatchObject({ allowed: false, code: "forbidden" });
    const theirs = (await walk(other)).find((i) => i.id === own.id);
    expect(theirs?.actions.decide).toEqual({ allowed: true });
    const forMe = (await queue(w.reviewer)).waiting;
    const forThem = (await queue(other)).waiting;
    expect(forMe.total).toBe(forThem.total);
    expect(forMe.forYou).toBe(forThem.forYou - 1);
  });

  it("holds exactly the waiting work of the teams the policy lets the caller review, and counts it", async () => {
    // Work waits in both teams. Whatever the policy says of a reviewer of one team (every team's, or only theirs),
    // the queue follows it: every waiting item of a team canReviewTeam allows, none of another, decide as canReview.
    await submitted(w.otherMember, w.other.id, "vh-queue-other-team");
    for (const p of [w.reviewer, w.otherReviewer, w.admin]) {
      const actor = await authenticate(jsonRequest("GET", "/api/v1/reviews", p));
      if (!actor) throw new Error("not authenticated");
      const waitingRequests = await db().request.findMany({ where: { status: "submitted" }, select: { id: true, teamId: true, createdById: true } });
      const waitingChanges = await db().datastoreChange.findMany({
        where: { status: "pending-approval" },
        select: { id: true, requestedById: true, datastore: { select: { teamId: true } } },
      });
      const expected = [
        ...waitingRequests.filter((r) => canReviewTeam(actor, r.teamId)).map((r) => ({ id: r.id, decide: canReview(actor, r) })),
        ...waitingChanges
          .filter((c) => canReviewTeam(actor, c.datastore.teamId))
          .map((c) => ({ id: c.id, decide: canReview(actor, { teamId: c.datastore.teamId, createdById: c.requestedById ?? "" }) })),
      ];
      const all = await walk(p, 20);
      expect(
        all.map((i) => ({ id: i.id, decide: i.actions.decide.allowed })).sort((a, b) => a.id.localeCompare(b.id)),
        p.email,
      ).toEqual(expected.sort((a, b) => a.id.localeCompare(b.id)));
      expect((await queue(p)).waiting, p.email).toEqual({ total: expected.length, forYou: expected.filter((e) => e.decide).length });
    }
  });

  it("is for reviewers: a member is refused (403), and a bad cursor or limit is a 422 naming it", async () => {
    await expectProblem(await reviewsRoute(jsonRequest("GET", "/api/v1/reviews", w.member)), 403);
    await expectProblem(await reviewsRoute(jsonRequest("GET", "/api/v1/reviews", null)), 401);
    for (const [q, field] of [
      ["?cursor=nope", "cursor"],
      ["?limit=0", "limit"],
      ["?limit=101", "limit"],
      ["?status=submitted", "status"],
    ] as const) {
      const p = await expectProblem(await reviewsRoute(jsonRequest("GET", `/api/v1/reviews${q}`, w.reviewer)), 422);
      expect(
        p.errors?.map((e) => e.field),
        q,
      ).toContain(field);
    }
  });
});
