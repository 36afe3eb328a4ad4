// GET /api/v1/requests returns summaries: the chosen plan in a line and what the caller may do, never the pinned
// plan — so a page's body is bounded by its size, whatever the plans hold and however many requests there are.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { RequestListSchema, RequestSummarySchema, type RequestList } from "@/lib/schemas";
import { CATALOG_PAGE_DEFAULT, CATALOG_PAGE_MAX } from "@/lib/schemas/datastore";
import { openApiDocument } from "@/lib/openapi/document";
import { databaseTarget, db, jsonDbNull } from "@/lib/server/db/client";
import { api, json, makeWorld, submitted, workload } from "../support/requests";
import { expectJson } from "./support";
import { can } from "../support/actions";

/**
 * A generous bound on one summary's JSON (names and ids included, and its actions with the reasons why not: about
 * 400 bytes of it); a pinned plan alone is tens of kilobytes.
 */
const SUMMARY_BYTES = 1_600;

async function page(p: Parameters<typeof api.list>[0], query = ""): Promise<{ list: RequestList; bytes: number }> {
  const res = await api.list(p, query);
  const text = await res.clone().text();
  return { list: RequestListSchema.parse(await expectJson(res)), bytes: Buffer.byteLength(text) };
}

let w: Awaited<ReturnType<typeof makeWorld>>;
beforeAll(async () => {
  w = await makeWorld();
});

describe("request list items are summaries", () => {
  it("carry the chosen plan's family, cost and nodes — not the plan, the workload or the recommendation", async () => {
    const s = await submitted(w.member, w.team.id, "vh-summary");
    const { list } = await page(w.member, `?teamId=${w.team.id}`);
    const item = list.items.find((i) => i.id === s.id);
    const chosen = s.planResult?.plans.find((p) => p.rank === s.chosenRank);
    expect(item).toEqual(
      RequestSummarySchema.parse({
        id: s.id,
        teamId: w.team.id,
        team: s.team,
        name: "vh-summary",
        status: "submitted",
        family: null,
        chosen: {
          rank: 1,
          family: "cassandra",
          annualCost: chosen?.annualCost,
          monthlyCost: chosen?.monthlyCost,
          nodes: chosen?.clusters.reduce((n, c) => n + c.nodes, 0),
        },
        createdById: w.member.userId,
        createdBy: s.createdBy,
        version: s.version,
        datastoreId: null,
        submittedAt: s.submittedAt,
        decidedAt: null,
        createdAt: s.createdAt,
        updatedAt: s.updatedAt,
        actions: {
          edit: { allowed: false, code: "conflict", reason: "The request is submitted; only a draft or a request with changes requested can be edited." },
          submit: { allowed: false, code: "conflict", reason: "The request is submitted; only a draft or a request with changes requested can be submitted." },
          cancel: { allowed: true },
          decide: {
            allowed: false,
            code: "forbidden",
            reason: "You cannot approve your own request: a request you created yourself is decided by another reviewer.",
          },
          comment: { allowed: true },
        },
      }),
    );
    for (const field of ["planResult", "recommendation", "workload", "thresholds"]) expect(item, field).not.toHaveProperty(field);
  });

  it("say what the caller may do: the team's reviewer may review another's submitted request, the requester may not", async () => {
    const s = await submitted(w.member, w.team.id, "vh-actions");
    // The team's own reviewer (a reviewer of another team no longer sees it: the platform-reviewer grant does that).
    const asReviewer = (await page(w.reviewer, "?status=submitted&limit=100")).list.items.find((i) => i.id === s.id);
    expect(can(asReviewer!.actions)).toEqual({ decide: true, edit: false, submit: false, cancel: true, comment: true });
    const asRequester = (await page(w.member, "?status=submitted&limit=100")).list.items.find((i) => i.id === s.id);
    expect(can(asRequester!.actions)).toEqual({ decide: false, edit: false, submit: false, cancel: true, comment: true });
    await json(await api.decide(w.reviewer, s.id, { decision: "changes-requested", comment: "Size for the peak." }), 200);
    const sentBack = (await page(w.member, "?limit=100")).list.items.find((i) => i.id === s.id);
    expect(can(sentBack!.actions)).toEqual({ decide: false, edit: true, submit: true, cancel: true, comment: true });
  });
});

describe("the chosen plan's line", () => {
  const listed = async (p: Parameters<typeof api.list>[0], id: string) => (await page(p, "?limit=100")).list.items.find((i) => i.id === id);

  it("follows the reviewer's pick on approval, and is gone once an edit unpins the plan", async () => {
    const s = await submitted(w.member, w.team.id, "vh-pick");
    const second = s.planResult?.plans.find((p) => p.rank === 2);
    expect(second).toBeDefined();
    await json(await api.decide(w.reviewer, s.id, { decision: "approved", chosenRank: 2 }), 200);
    expect((await listed(w.member, s.id))?.chosen).toEqual({
      rank: 2,
      family: s.planResult?.family,
      annualCost: second?.annualCost,
      monthlyCost: second?.monthlyCost,
      nodes: second?.clusters.reduce((n, c) => n + c.nodes, 0),
    });

    const back = await submitted(w.member, w.team.id, "vh-unpin");
    await json(await api.decide(w.reviewer, back.id, { decision: "changes-requested", comment: "Size for the peak." }), 200);
    expect((await listed(w.member, back.id))?.chosen?.rank).toBe(1);
    const current = await json(await api.get(w.member, back.id), 200);
    await json(
      await api.patch(w.member, back.id, { workload: workload("vh-unpin", { writesPerSecond: 150_000 }) }, { "if-match": `"v${current.version}"` }),
      200,
    );
    expect((await listed(w.member, back.id))?.chosen).toBeNull();
  });

  it("is filled in by the migration for requests pinned before it existed", async () => {
    const s = await submitted(w.member, w.team.id, "vh-before-line");
    const expected = (await listed(w.member, s.id))?.chosen;
    expect(expected?.rank).toBe(1);
    // As the row was before the migration: a pinned plan, no line.
    await db().request.update({ where: { id: s.id }, data: { chosenPlan: jsonDbNull() } });
    expect((await listed(w.member, s.id))?.chosen).toBeNull();
    const dir = join(process.cwd(), "prisma", databaseTarget.kind, "migrations");
    const migration = readdirSync(dir).find((m) => m.endsWith("_request_chosen_plan"));
    const sql = readFileSync(join(dir, migration ?? "", "migration.sql"), "utf8");
    const backfill = sql.slice(sql.indexOf("-- Backfill"));
    expect(backfill).toMatch(/UPDATE "requests"/);
    await db().$executeRawUnsafe(backfill);
    expect((await listed(w.member, s.id))?.chosen).toEqual(expected);
  });
});

describe("a page of requests", () => {
  it(`holds ${CATALOG_PAGE_DEFAULT} items by default and at most ${CATALOG_PAGE_MAX}`, async () => {
    for (let i = 0; i < CATALOG_PAGE_DEFAULT + 2; i++) await submitted(w.member2, w.team.id, `vh-bulk-${i}`);
    expect((await page(w.member)).list.items).toHaveLength(CATALOG_PAGE_DEFAULT);
    expect((await page(w.member, `?limit=${CATALOG_PAGE_MAX}`)).list.items.length).toBeGreaterThan(CATALOG_PAGE_DEFAULT);
  });

  it("weighs what its items weigh: bounded by the page size, not by the plans or the number of requests", async () => {
    const before = await page(w.member, "?limit=10");
    expect(before.list.items).toHaveLength(10);
    expect(before.bytes).toBeLessThan(10 * SUMMARY_BYTES);
    // More requests, each with a pinned plan of tens of kilobytes: a page of 10 weighs the same.
    // By the requester of the page read before (what a caller may do, and the reason why not, differ between their
    // own requests and a team-mate's): only the number of requests and their plans change.
    for (let i = 0; i < 12; i++) await submitted(w.member2, w.team.id, `vh-more-${i}`);
    const after = await page(w.member, "?limit=10");
    expect(Math.abs(after.bytes - before.bytes)).toBeLessThan(200);
    // And one item costs about a tenth of ten.
    const one = await page(w.member, "?limit=1");
    expect(one.bytes).toBeLessThan(SUMMARY_BYTES);
    expect(after.bytes).toBeGreaterThan(5 * one.bytes);
  });

  it("pages through every request once, newest first, from any depth", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const { list }: { list: RequestList } = await page(w.member, `?limit=7${cursor ? `&cursor=${cursor}` : ""}`);
      seen.push(...list.items.map((i) => i.id));
      cursor = list.nextCursor;
    } while (cursor);
    const all = (await page(w.member, "?limit=100")).list.items.map((i) => i.id);
    expect(seen).toEqual(all);
    expect(new Set(seen).size).toBe(seen.length);
  });
});

describe("the OpenAPI document", () => {
  it("says every list's page size: 1 to 100, 25 when left out", () => {
    const doc = openApiDocument() as unknown as {
      paths: Record<string, { get?: { parameters?: { name: string; schema: { default?: unknown; description?: string } }[] } }>;
    };
    for (const path of ["/api/v1/requests", "/api/v1/reviews", "/api/v1/datastores"]) {
      const limit = doc.paths[path]?.get?.parameters?.find((p) => p.name === "limit");
      expect(limit?.schema.default, path).toBe("25");
      expect(limit?.schema.description, path).toBe("Items per page: 1 to 100, default 25.");
    }
  });
});
