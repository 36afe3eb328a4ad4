// The request lifecycle through the real handlers: draft → submit (plan recomputed on the server) → review → catalog.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db/client";
import { planWorkload } from "@/lib/planner";
import { WorkloadSchema, type CommentDto, type RequestList } from "@/lib/schemas";
import { expectProblem, viewingHistory } from "./support";
import { api, counts, draft, json, makeWorld, submitted, workload } from "../support/requests";

let w: Awaited<ReturnType<typeof makeWorld>>;
beforeAll(async () => {
  w = await makeWorld();
});

describe("request lifecycle", () => {
  it("creates a draft for the member's team, with an ETag and nothing planned yet", async () => {
    const res = await api.create(w.member, { teamId: w.team.id, workload: workload("vh-draft") });
    const dto = await json(res, 201);
    expect(dto).toMatchObject({
      status: "draft",
      name: "vh-draft",
      teamId: w.team.id,
      family: null,
      planResult: null,
      recommendation: null,
      version: 1,
      datastoreId: null,
    });
    expect(dto.team).toEqual({ id: w.team.id, slug: w.team.slug, name: w.team.name });
    expect(dto.createdBy).toEqual({ id: w.member.userId, name: "member", email: w.member.email });
    expect(dto.workload.horizonMonths).toBe(12);
    expect(res.headers.get("etag")).toBe('"v1"');
    expect(res.headers.get("location")).toBe(`/api/v1/requests/${dto.id}`);
    const events = await db().auditEvent.findMany({ where: { subjectId: dto.id } });
    expect(events.map((e) => e.action)).toEqual(["request.created"]);
  });

  it("submits with the recommendation and plans recomputed on the server, plan 1 chosen with its thresholds", async () => {
    const d = await draft(w.member, w.team.id, "vh-submit");
    const res = await api.submit(w.member, d.id);
    const dto = await json(res, 200);
    const expected = planWorkload({ workload: WorkloadSchema.parse(workload("vh-submit")), alternatives: 4 });
    expect(dto.status).toBe("submitted");
    expect(dto.planResult).toEqual(expected);
    expect(dto.planResult?.family).toBe("cassandra");
    expect(dto.recommendation?.recommendations[0]?.family).toBe("cassandra");
    expect(dto.chosenRank).toBe(1);
    expect(dto.thresholds).toEqual(expected.plans[0]?.thresholds);
    expect(dto.submittedAt).toEqual(expect.any(String));
    expect(res.headers.get("etag")).toBe('"v2"');
  });

  it("refuses a client-sent plan on submit, create and edit as unknown fields, and pins nothing from it", async () => {
    const d = await draft(w.member, w.team.id, "vh-tamper");
    const forged = { planResult: { family: "evcache", plans: [{ rank: 1, annualCost: 1 }] }, chosenRank: 1 };
    const p1 = await expectProblem(await api.submit(w.member, d.id, forged), 422);
    expect(p1.errors?.map((e) => e.field)).toEqual(["planResult", "chosenRank"]);
    const p2 = await expectProblem(await api.create(w.member, { teamId: w.team.id, workload: workload("vh-forged"), ...forged }), 422);
    expect(p2.errors?.map((e) => e.field)).toEqual(["planResult", "chosenRank"]);
    const p3 = await expectProblem(await api.patch(w.member, d.id, { ...forged }, { "if-match": '"v1"' }), 422);
    expect(p3.errors?.map((e) => e.field)).toEqual(expect.arrayContaining(["planResult", "chosenRank"]));
    const row = await db().request.findUniqueOrThrow({ where: { id: d.id } });
    expect(row).toMatchObject({ status: "draft", planResult: null, version: 1 });
    // Submitting without the forged body still pins the server's own plan.
    const ok = await json(await api.submit(w.member, d.id, {}), 200);
    expect(ok.planResult?.family).toBe("cassandra");
  });

  it("approves: the datastore is created in status approved with the chosen plan's clusters and thresholds", async () => {
    const s = await submitted(w.member, w.team.id, "vh-approve");
    const dto = await json(await api.decide(w.reviewer, s.id, { decision: "approved", comment: "Looks right." }), 200);
    expect(dto).toMatchObject({ status: "approved", decidedAt: expect.any(String), version: 3 });
    expect(dto.decisions).toEqual([
      {
        id: expect.any(String),
        decision: "approved",
        comment: "Looks right.",
        reviewer: { id: w.reviewer.userId, name: "reviewer", email: w.reviewer.email },
        createdAt: expect.any(String),
      },
    ]);
    const plan = s.planResult?.plans[0];
    const store = await db().datastore.findUniqueOrThrow({ where: { requestId: s.id }, include: { thresholds: true } });
    expect(dto.datastoreId).toBe(store.id);
    expect(store).toMatchObject({
      name: "vh-approve",
      teamId: w.team.id,
      family: "cassandra",
      tier: viewingHistory.tier,
      status: "approved",
      engine: "apache-cassandra",
      engineVersion: "4.1",
      annualCost: plan?.annualCost,
      monthlyCost: plan?.monthlyCost,
      pagerTarget: null,
      regions: viewingHistory.regions,
      contacts: [w.member.email],
    });
    expect(store.topology).toEqual(
      plan?.clusters.map((c) => ({
        region: c.region,
        role: c.role,
        family: c.family,
        instanceType: c.instanceType,
        nodesPerZone: c.nodesPerZone,
        zones: c.zones,
        nodes: c.nodes,
        ...(c.drive ? { drive: c.drive } : {}),
      })),
    );
    expect(store.thresholds.map((t) => [t.metric, t.role, t.critical]).sort()).toEqual(plan?.thresholds.map((t) => [t.metric, t.role, t.critical]).sort());
    const actions = (await db().auditEvent.findMany({ where: { OR: [{ subjectId: s.id }, { subjectId: store.id }] }, orderBy: { at: "asc" } })).map(
      (e) => e.action,
    );
    expect(actions).toEqual(expect.arrayContaining(["request.created", "request.submitted", "request.approved", "datastore.created"]));
  });

  it("lets the reviewer approve another pinned plan with adjusted thresholds", async () => {
    const s = await submitted(w.member, w.team.id, "vh-adjust");
    const plan2 = s.planResult?.plans[1];
    expect(plan2).toBeDefined();
    const thresholds = plan2!.thresholds.map((t, i) => (i === 0 ? { ...t, critical: t.critical + 7, warning: undefined } : t));
    const dto = await json(await api.decide(w.platformToken, s.id, { decision: "approved", chosenRank: 2, thresholds }), 200);
    expect(dto.chosenRank).toBe(2);
    expect(dto.thresholds?.[0]?.critical).toBe(plan2!.thresholds[0]!.critical + 7);
    const store = await db().datastore.findUniqueOrThrow({ where: { requestId: s.id }, include: { thresholds: true } });
    expect(store.annualCost).toBe(plan2!.annualCost);
    expect(store.thresholds).toHaveLength(thresholds.length);
    expect(store.thresholds.some((t) => t.critical === plan2!.thresholds[0]!.critical + 7 && t.warning === null)).toBe(true);
  });

  it("refuses a chosen rank outside the pinned plans and thresholds for another cluster, changing nothing", async () => {
    const s = await submitted(w.member, w.team.id, "vh-badrank");
    const before = await counts();
    const p = await expectProblem(await api.decide(w.reviewer, s.id, { decision: "approved", chosenRank: 9 }), 422);
    expect(p.errors?.[0]?.field).toBe("chosenRank");
    const t = s.thresholds![0]!;
    const p2 = await expectProblem(await api.decide(w.reviewer, s.id, { decision: "approved", thresholds: [{ ...t, role: "nonexistent" }] }), 422);
    expect(p2.errors?.[0]?.field).toBe("thresholds.0.role");
    const p3 = await expectProblem(
      await api.decide(w.reviewer, s.id, { decision: "approved", thresholds: [{ ...t, comparison: "above", warning: 90, critical: 80 }] }),
      422,
    );
    expect(p3.errors?.[0]?.field).toBe("thresholds.0.critical");
    expect(await counts()).toEqual(before);
    expect((await db().request.findUniqueOrThrow({ where: { id: s.id } })).status).toBe("submitted");
  });

  it("changes-requested → edit (plan dropped) → resubmit → approve", async () => {
    const s = await submitted(w.member, w.team.id, "vh-changes");
    const cr = await json(await api.decide(w.reviewer, s.id, { decision: "changes-requested", comment: "Tier 0 please." }), 200);
    expect(cr.status).toBe("changes-requested");
    expect(await db().datastore.count({ where: { requestId: s.id } })).toBe(0);
    const edited = await json(await api.patch(w.member2, s.id, { workload: workload("vh-changes", { tier: 0 }) }, { "if-match": `"v${cr.version}"` }), 200);
    expect(edited).toMatchObject({ status: "changes-requested", planResult: null, chosenRank: null, thresholds: null, version: cr.version + 1 });
    expect(edited.workload.tier).toBe(0);
    const re = await json(await api.submit(w.member, s.id), 200);
    expect(re.status).toBe("submitted");
    expect(re.planResult?.plans[0]?.clusters.length).toBeGreaterThan(0);
    const ok = await json(await api.decide(w.reviewer, s.id, { decision: "approved" }), 200);
    expect(ok.decisions.map((d) => d.decision)).toEqual(["changes-requested", "approved"]);
    expect((await db().datastore.findUniqueOrThrow({ where: { requestId: s.id } })).tier).toBe(0);
  });

  it("rejects with a comment; a rejected request can be neither decided again, edited, submitted nor cancelled", async () => {
    const s = await submitted(w.member, w.team.id, "vh-reject");
    await expectProblem(await api.decide(w.reviewer, s.id, { decision: "rejected" }), 422);
    const r = await json(await api.decide(w.reviewer, s.id, { decision: "rejected", comment: "Use the existing cluster." }), 200);
    expect(r.status).toBe("rejected");
    expect(await db().datastore.count({ where: { requestId: s.id } })).toBe(0);
    await expectProblem(await api.decide(w.platformToken, s.id, { decision: "approved" }), 409);
    await expectProblem(await api.patch(w.member, s.id, { name: "vh-reject-2" }, { "if-match": `"v${r.version}"` }), 409);
    await expectProblem(await api.submit(w.member, s.id), 409);
    await expectProblem(await api.cancel(w.member, s.id), 409);
  });

  it("cancels a draft and a submitted request; a cancelled one cannot be reviewed", async () => {
    const d = await draft(w.member, w.team.id, "vh-cancel-draft");
    expect((await json(await api.cancel(w.member2, d.id), 200)).status).toBe("cancelled");
    const s = await submitted(w.member, w.team.id, "vh-cancel-sub");
    expect((await json(await api.cancel(w.member, s.id), 200)).status).toBe("cancelled");
    await expectProblem(await api.decide(w.reviewer, s.id, { decision: "approved" }), 409);
    await expectProblem(await api.cancel(w.member, s.id), 409);
    expect((await db().auditEvent.findMany({ where: { subjectId: s.id, action: "request.cancelled" } })).length).toBe(1);
  });

  it("refuses to approve a second datastore with a name the team already has (409, nothing written)", async () => {
    const a = await submitted(w.member, w.team.id, "vh-same-name");
    const b = await submitted(w.member2, w.team.id, "vh-same-name");
    await json(await api.decide(w.reviewer, a.id, { decision: "approved" }), 200);
    const before = await counts();
    const p = await expectProblem(await api.decide(w.reviewer, b.id, { decision: "approved" }), 409);
    expect(p.detail).toMatch(/already has a datastore named vh-same-name/);
    expect(await counts()).toEqual(before);
    expect((await db().request.findUniqueOrThrow({ where: { id: b.id } })).status).toBe("submitted");
  });
});

describe("ETag / If-Match on edits", () => {
  it("GET returns the version as a strong ETag", async () => {
    const d = await draft(w.member, w.team.id);
    const res = await api.get(w.member, d.id);
    expect(res.headers.get("etag")).toBe('"v1"');
    expect((await json(res, 200)).id).toBe(d.id);
  });

  it("PATCH without If-Match is 428, with a stale one 412, with the current one 200 and a new ETag", async () => {
    const d = await draft(w.member, w.team.id, "vh-etag");
    await expectProblem(await api.patch(w.member, d.id, { family: "cassandra" }), 428);
    const ok = await api.patch(w.member, d.id, { family: "cassandra" }, { "if-match": '"v1"' });
    expect(ok.headers.get("etag")).toBe('"v2"');
    expect((await json(ok, 200)).family).toBe("cassandra");
    // The second editor still holds v1: refused, and their change is not applied.
    const stale = await expectProblem(await api.patch(w.member2, d.id, { family: "evcache" }, { "if-match": '"v1"' }), 412);
    expect(stale.detail).toMatch(/"v2"/);
    await expectProblem(await api.patch(w.member2, d.id, { family: "evcache" }, { "if-match": 'W/"v2"' }), 412);
    await expectProblem(await api.patch(w.member2, d.id, { family: "evcache" }, { "if-match": "garbage" }), 412);
    expect((await db().request.findUniqueOrThrow({ where: { id: d.id } })).family).toBe("cassandra");
    expect((await json(await api.patch(w.member2, d.id, { family: null }, { "if-match": '"v1", "v2"' }), 200)).family).toBeNull();
  });

  it("a stale If-Match on submit and on a decision is 412", async () => {
    const d = await draft(w.member, w.team.id);
    await expectProblem(await api.submit(w.member, d.id, undefined, { "if-match": '"v7"' }), 412);
    const s = await json(await api.submit(w.member, d.id, undefined, { "if-match": '"v1"' }), 200);
    await expectProblem(await api.decide(w.reviewer, s.id, { decision: "approved" }, { "if-match": '"v1"' }), 412);
    expect((await db().request.findUniqueOrThrow({ where: { id: s.id } })).status).toBe("submitted");
  });

  it("two concurrent edits at the same version: exactly one wins, the other gets 412", async () => {
    const d = await draft(w.member, w.team.id, "vh-race-edit");
    const results = await Promise.all([
      api.patch(w.member, d.id, { family: "cassandra" }, { "if-match": '"v1"' }),
      api.patch(w.member2, d.id, { family: "evcache" }, { "if-match": '"v1"' }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 412]);
    expect((await db().request.findUniqueOrThrow({ where: { id: d.id } })).version).toBe(2);
  });
});

describe("Idempotency-Key", () => {
  it("a retried create returns the first response and creates no duplicate", async () => {
    const body = { teamId: w.team.id, workload: workload("vh-idem") };
    const key = crypto.randomUUID();
    const first = await api.create(w.member, body, { "idempotency-key": key });
    const a = await json(first, 201);
    const before = await counts();
    // Same body with its keys in another order is the same request.
    const again = await api.create(w.member, { workload: body.workload, teamId: body.teamId }, { "idempotency-key": key });
    const b = await json(again, 201);
    expect(b).toEqual(a);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.headers.get("location")).toBe(`/api/v1/requests/${a.id}`);
    expect(await counts()).toEqual(before);
    expect(await db().request.count({ where: { name: "vh-idem" } })).toBe(1);
  });

  it("concurrent retries with one key create exactly one request", async () => {
    const body = { teamId: w.team.id, workload: workload("vh-idem-race") };
    const key = crypto.randomUUID();
    const results = await Promise.all([1, 2, 3].map(() => api.create(w.member, body, { "idempotency-key": key })));
    const dtos = await Promise.all(results.map((r) => json(r, 201)));
    expect(new Set(dtos.map((d) => d.id)).size).toBe(1);
    expect(await db().request.count({ where: { name: "vh-idem-race" } })).toBe(1);
  });

  it("the same key with a different body is a 422 naming the key; another person's same key is theirs alone", async () => {
    const key = crypto.randomUUID();
    await json(await api.create(w.member, { teamId: w.team.id, workload: workload("vh-idem-a") }, { "idempotency-key": key }), 201);
    const before = await counts();
    const p = await expectProblem(await api.create(w.member, { teamId: w.team.id, workload: workload("vh-idem-b") }, { "idempotency-key": key }), 422);
    expect(p.errors?.[0]?.field).toBe("Idempotency-Key");
    expect(await counts()).toEqual(before);
    const theirs = await json(await api.create(w.member2, { teamId: w.team.id, workload: workload("vh-idem-a") }, { "idempotency-key": key }), 201);
    expect(theirs.createdById).toBe(w.member2.userId);
  });

  it("refuses keys that are empty, too long or not visible ASCII (400), and accepts 200 characters", async () => {
    const body = { teamId: w.team.id, workload: workload("vh-idem-len") };
    for (const bad of ["x".repeat(201), "has space", "é"]) {
      const p = await expectProblem(await api.create(w.member, body, { "idempotency-key": bad }), 400);
      expect(p.detail).toMatch(/Idempotency-Key/);
    }
    await json(await api.create(w.member, body, { "idempotency-key": "k".repeat(200) }), 201);
  });

  it("a retried comment is posted once", async () => {
    const d = await draft(w.member, w.team.id);
    const key = crypto.randomUUID();
    const a = await json<CommentDto>(await api.comment(w.reviewer, d.id, { body: "Why two regions?" }, { "idempotency-key": key }), 201);
    const b = await json<CommentDto>(await api.comment(w.reviewer, d.id, { body: "Why two regions?" }, { "idempotency-key": key }), 201);
    expect(b).toEqual(a);
    const thread = await json<{ items: CommentDto[] }>(await api.comments(w.member, d.id), 200);
    expect(thread.items).toEqual([a]);
    expect((await json(await api.get(w.member, d.id), 200)).comments).toEqual([a]);
  });
});

describe("concurrent review", () => {
  it("two reviewers approve the same request at once: exactly one 200, one 409, one datastore", async () => {
    const s = await submitted(w.member, w.team.id, "vh-race");
    const results = await Promise.all([api.decide(w.reviewer, s.id, { decision: "approved" }), api.decide(w.platformToken, s.id, { decision: "approved" })]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(await db().datastore.count({ where: { requestId: s.id } })).toBe(1);
    expect(await db().reviewDecision.count({ where: { requestId: s.id } })).toBe(1);
    expect(await db().auditEvent.count({ where: { subjectId: s.id, action: "request.approved" } })).toBe(1);
  });

  it("an approval racing a rejection and a cancellation: exactly one wins", async () => {
    const s = await submitted(w.member, w.team.id, "vh-race3");
    const results = await Promise.all([
      api.decide(w.reviewer, s.id, { decision: "approved" }),
      api.decide(w.platformToken, s.id, { decision: "rejected", comment: "No." }),
      api.cancel(w.member, s.id),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409]);
    const row = await db().request.findUniqueOrThrow({ where: { id: s.id } });
    expect(await db().datastore.count({ where: { requestId: s.id } })).toBe(row.status === "approved" ? 1 : 0);
  });
});

describe("listing", () => {
  it("pages newest first with an opaque cursor, and the review queue is status=submitted", async () => {
    const people = await makeWorld();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await draft(people.member, people.team.id, `vh-page-${i}`)).id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: RequestList = await json<RequestList>(await api.list(people.member, `?limit=2${cursor ? `&cursor=${cursor}` : ""}`), 200);
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((r) => r.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());
    await json(await api.submit(people.member, ids[0]!), 200);
    const queue = await json<RequestList>(await api.list(people.reviewer, "?status=submitted&limit=100"), 200);
    expect(queue.items.every((r) => r.status === "submitted")).toBe(true);
    expect(queue.items.map((r) => r.id)).toContain(ids[0]);
    const mine = await json<RequestList>(await api.list(people.member2, "?mine=true"), 200);
    expect(mine.items).toEqual([]);
  });

  it("members see only their teams' requests; platform reviewers see every team's", async () => {
    const d = await draft(w.member, w.team.id, "vh-listvis");
    const others = await json<RequestList>(await api.list(w.otherMember, "?limit=100"), 200);
    expect(others.items.map((r) => r.id)).not.toContain(d.id);
    expect(others.items.every((r) => r.teamId === w.other.id)).toBe(true);
    const rev = await json<RequestList>(await api.list(w.platformToken, "?limit=100"), 200);
    expect(rev.items.map((r) => r.id)).toContain(d.id);
    await expectProblem(await api.list(w.otherMember, `?teamId=${w.team.id}`), 403);
  });

  it("names a bad cursor, limit or status in a 422", async () => {
    for (const [q, field] of [
      ["?cursor=not-a-cursor", "cursor"],
      ["?limit=0", "limit"],
      ["?limit=101", "limit"],
      ["?limit=abc", "limit"],
      ["?status=pending", "status"],
      ["?colour=red", "colour"],
    ] as const) {
      const p = await expectProblem(await api.list(w.member, q), 422);
      expect(
        p.errors?.map((e) => e.field),
        q,
      ).toContain(field);
    }
  });
});
