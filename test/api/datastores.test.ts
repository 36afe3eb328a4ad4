// The catalog list and detail through the real handlers: visibility, every filter, keyset pagination, bad input.
import { beforeAll, describe, expect, it } from "vitest";
import { GET as listRoute } from "@/app/api/v1/datastores/route";
import { GET as getRoute } from "@/app/api/v1/datastores/[id]/route";
import { DatastoreDetailSchema, DatastoreListSchema, type DatastoreSummary } from "@/lib/schemas/datastore";
import { db } from "@/lib/server/db/client";
import { jsonRequest, makePerson, makeTeam, type TestPerson } from "../support/actors";
import { makeDatastore } from "../support/datastores";
import { expectJson, expectProblem } from "./support";

const list = async (person: TestPerson | null, query = "") => listRoute(jsonRequest("GET", `/api/v1/datastores${query}`, person));
const getOne = async (person: TestPerson | null, id: string) =>
  getRoute(jsonRequest("GET", `/api/v1/datastores/${id}`, person), { params: Promise.resolve({ id }) });

async function listNames(person: TestPerson, query = ""): Promise<string[]> {
  const page = DatastoreListSchema.parse(await expectJson(await list(person, query)));
  return page.items.map((d) => d.name).sort();
}

let teamA: { id: string; slug: string };
let teamB: { id: string; slug: string };
let memberA: TestPerson;
let memberB: TestPerson;
let reviewer: TestPerson;
let teamAdmin: TestPerson;
let outsider: TestPerson;
const ids: Record<string, string> = {};

beforeAll(async () => {
  teamA = await makeTeam("catalog-alpha");
  teamB = await makeTeam("catalog-bravo");
  memberA = await makePerson(teamA.id, "member");
  memberB = await makePerson(teamB.id, "member");
  // A platform reviewer (the grant, not a team role, reaches every team), acting through a token created with it.
  reviewer = await makePerson((await makeTeam("platform")).id, "reviewer", "platform-reviewer", { platformReviewer: true, tokenPlatformReviewer: true });
  teamAdmin = await makePerson(teamA.id, "admin");
  outsider = await makePerson((await makeTeam("outsiders")).id, "member");
  const t0 = Date.parse("2026-01-01T00:00:00Z");
  const at = (i: number) => new Date(t0 + i * 60_000);
  ids.viewing = (
    await makeDatastore({
      teamId: teamA.id,
      name: "viewing-history",
      family: "cassandra",
      tier: 1,
      regions: ["us-east-1", "eu-west-1"],
      status: "active",
      createdAt: at(1),
    })
  ).id;
  ids.cdn = (
    await makeDatastore({ teamId: teamA.id, name: "cdn-urls", family: "evcache", tier: 0, regions: ["us-east-1"], status: "approved", createdAt: at(2) })
  ).id;
  ids.search = (
    await makeDatastore({
      teamId: teamB.id,
      name: "incident-search",
      family: "elasticsearch",
      tier: 2,
      regions: ["us-west-2"],
      status: "provisioning",
      createdAt: at(3),
    })
  ).id;
  ids.queues = (
    await makeDatastore({ teamId: teamB.id, name: "delayed-queues", family: "dynomite", tier: 3, regions: ["eu-west-1"], status: "failed", createdAt: at(4) })
  ).id;
});

describe("GET /api/v1/datastores — who sees what", () => {
  it("shows a member only their own team's datastores", async () => {
    expect(await listNames(memberA)).toEqual(["cdn-urls", "viewing-history"]);
    expect(await listNames(memberB)).toEqual(["delayed-queues", "incident-search"]);
  });

  it("shows a member of a team without datastores nothing", async () => {
    expect(await listNames(outsider)).toEqual([]);
  });

  it("shows platform reviewers every team's datastores", async () => {
    expect(await listNames(reviewer)).toEqual(["cdn-urls", "delayed-queues", "incident-search", "viewing-history"]);
  });

  it("shows a team admin (a reviewer-scoped token) their own team's datastores only", async () => {
    expect(await listNames(teamAdmin)).toEqual(["cdn-urls", "viewing-history"]);
  });

  it("answers 401 without credentials", async () => {
    await expectProblem(await list(null), 401);
  });

  it("returns items newest first, as DTOs without internal columns", async () => {
    const page = DatastoreListSchema.parse(await expectJson(await list(reviewer)));
    expect(page.items.map((d) => d.name)).toEqual(["delayed-queues", "incident-search", "cdn-urls", "viewing-history"]);
    expect(page.nextCursor).toBeNull();
    const viewing = page.items.find((d) => d.name === "viewing-history");
    expect(viewing).toMatchObject({
      team: { id: teamA.id, slug: "catalog-alpha", name: "catalog alpha" },
      family: "cassandra",
      tier: 1,
      status: "active",
      version: 1,
    });
    expect(Object.keys(viewing ?? {})).not.toContain("teamId");
  });
});

describe("GET /api/v1/datastores — filters", () => {
  it.each([
    ["q (name substring, case-insensitive)", "?q=HISTORY", ["viewing-history"]],
    ["q matching several", "?q=s", ["cdn-urls", "delayed-queues", "incident-search", "viewing-history"]],
    ["team by slug", "?team=catalog-bravo", ["delayed-queues", "incident-search"]],
    ["family", "?family=elasticsearch", ["incident-search"]],
    ["tier", "?tier=0", ["cdn-urls"]],
    ["region", "?region=eu-west-1", ["delayed-queues", "viewing-history"]],
    ["status", "?status=failed", ["delayed-queues"]],
    ["several filters at once", "?region=us-east-1&family=cassandra&tier=1", ["viewing-history"]],
    ["a filter that matches nothing", "?family=graph", []],
    ["an unknown team", "?team=no-such-team", []],
  ])("filters by %s", async (_what, query, expected) => {
    expect(await listNames(reviewer, query)).toEqual(expected);
  });

  it("filters by team id", async () => {
    expect(await listNames(reviewer, `?team=${teamA.id}`)).toEqual(["cdn-urls", "viewing-history"]);
  });

  it("never widens what a member sees: another team's filter gives nothing", async () => {
    expect(await listNames(memberA, "?team=catalog-bravo")).toEqual([]);
  });

  it.each([
    ["family", "?family=postgres"],
    ["tier", "?tier=7"],
    ["region", "?region=mars-north-1"],
    ["status", "?status=deleted"],
    ["limit", "?limit=0"],
    ["limit", "?limit=101"],
    ["limit", "?limit=ten"],
    ["q", "?q="],
    ["q", `?q=${"x".repeat(101)}`],
    ["colour", "?colour=blue"],
    ["family", "?family=cassandra&family=evcache"],
    ["cursor", "?cursor=not-a-cursor"],
    ["cursor", `?cursor=${Buffer.from('{"t":"yesterday","i":"x"}').toString("base64url")}`],
    ["cursor", "?cursor=%00%27%3B%20DROP%20TABLE%20datastores"],
  ])("refuses a bad %s (%s) with a 422 naming it", async (field, query) => {
    const problem = await expectProblem(await list(reviewer, query), 422);
    expect(problem.errors?.map((e) => e.field)).toContain(field);
  });
});

describe("GET /api/v1/datastores — pagination", () => {
  it("walks 45 datastores (created in the same instants) in pages without repeats or gaps", async () => {
    const team = await makeTeam("paging");
    const member = await makePerson(team.id, "member");
    const sameInstant = new Date("2026-02-01T00:00:00Z");
    const created: string[] = [];
    for (let i = 0; i < 45; i++) {
      // Three datastores per instant: ties on createdAt must be broken by id, or pages would repeat or skip.
      const at = new Date(sameInstant.getTime() + Math.floor(i / 3) * 1000);
      created.push(
        (await makeDatastore({ teamId: team.id, name: `paged-${String(i).padStart(2, "0")}`, family: "evcache", regions: ["us-east-1"], createdAt: at })).id,
      );
    }
    const seen: DatastoreSummary[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = `?limit=10${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
      const page = DatastoreListSchema.parse(await expectJson(await list(member, query)));
      expect(page.items.length).toBeLessThanOrEqual(10);
      seen.push(...page.items);
      cursor = page.nextCursor;
      pages++;
    } while (cursor !== null && pages < 20);
    expect(pages).toBe(5);
    expect(seen.map((d) => d.id).sort()).toEqual([...created].sort());
    expect(new Set(seen.map((d) => d.id)).size).toBe(45);
    // Newest first throughout, ties by id descending.
    const keys = seen.map((d) => [d.createdAt, d.id] as const);
    for (let i = 1; i < keys.length; i++) {
      const [a, b] = [keys[i - 1], keys[i]];
      if (!a || !b) continue;
      expect(a[0] > b[0] || (a[0] === b[0] && a[1] > b[1])).toBe(true);
    }
  });

  it("pages through region and name filters, which are applied as it scans", async () => {
    const team = await makeTeam("paging-filtered");
    const member = await makePerson(team.id, "member");
    for (let i = 0; i < 12; i++) {
      await makeDatastore({
        teamId: team.id,
        name: `scan-${i % 2 === 0 ? "even" : "odd"}-${i}`,
        family: "evcache",
        regions: [i % 2 === 0 ? "us-east-1" : "eu-west-1"],
      });
    }
    const names: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `?limit=4&region=us-east-1&q=even${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
      const page = DatastoreListSchema.parse(await expectJson(await list(member, query)));
      names.push(...page.items.map((d) => d.name));
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(names.sort()).toEqual(["scan-even-0", "scan-even-10", "scan-even-2", "scan-even-4", "scan-even-6", "scan-even-8"]);
  });

  it("defaults to 25 items a page", async () => {
    const team = await makeTeam("paging-default");
    const member = await makePerson(team.id, "member");
    for (let i = 0; i < 26; i++) await makeDatastore({ teamId: team.id, family: "evcache", regions: ["us-east-1"] });
    const page = DatastoreListSchema.parse(await expectJson(await list(member)));
    expect(page.items).toHaveLength(25);
    expect(page.nextCursor).toEqual(expect.any(String));
  });
});

describe("GET /api/v1/datastores/{id}", () => {
  it("returns the datastore with topology, thresholds, the originating request and an ETag", async () => {
    const res = await getOne(memberA, ids.viewing ?? "");
    const body = DatastoreDetailSchema.parse(await expectJson(res));
    expect(res.headers.get("etag")).toBe('"v1"');
    const row = await db().datastore.findUniqueOrThrow({ where: { id: ids.viewing ?? "" } });
    expect(body).toMatchObject({
      id: row.id,
      name: "viewing-history",
      requestId: row.requestId,
      engine: "apache-cassandra",
      engineVersion: "4.1",
      pagerTarget: "pagerduty:viewing-oncall",
      contacts: ["owner@example.test"],
    });
    expect(body.topology.map((c) => `${c.region}/${c.role}/${c.family}`)).toEqual([
      "us-east-1/data/cassandra",
      "eu-west-1/data/cassandra",
      "us-east-1/cache/evcache",
      "eu-west-1/cache/evcache",
    ]);
    expect(body.thresholds.map((t) => `${t.role}:${t.metric}`).sort()).toEqual(["cache:evictions", "data:disk-used", "data:read-latency-p99"]);
  });

  it("answers 404 to a member of another team, the same as for an id that does not exist", async () => {
    const other = await expectProblem(await getOne(memberB, ids.viewing ?? ""), 404);
    const missing = await expectProblem(await getOne(memberB, "no-such-datastore"), 404);
    expect(other.detail.replace(ids.viewing ?? "", "ID")).toBe(missing.detail.replace("no-such-datastore", "ID"));
  });

  it("lets reviewers read any team's datastore", async () => {
    expect(DatastoreDetailSchema.parse(await expectJson(await getOne(reviewer, ids.queues ?? ""))).name).toBe("delayed-queues");
  });

  it("answers 404, never a 500, for hostile ids", async () => {
    for (const id of ["'; DROP TABLE datastores;--", "x".repeat(5000), "%00", "../../etc/passwd"]) await expectProblem(await getOne(reviewer, id), 404);
  });
});
