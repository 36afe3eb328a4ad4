// The list queries read an index in their own order, so a page costs what a page costs whatever the table holds:
// the SQL each use-case sends (captured from the Prisma client) is EXPLAINed. SQLite: the plan names the index and
// sorts nothing (no "TEMP B-TREE FOR ORDER BY"). PostgreSQL plans small tables with a sequential scan whatever the
// indexes, so there the question is asked with sequential scans and sorts priced out: the plan must still be an
// index scan without a Sort node, which holds only when an index serves the order.
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { beforeAll, describe, expect, it } from "vitest";
import { pgAdapter } from "@/lib/db-pg";
import { databaseTarget, type Db } from "@/lib/server/db/client";
import type { Actor } from "@/lib/server/auth/actor";
import type { TestPerson } from "../../support/actors";
import { Prisma as SqlitePrisma, PrismaClient as SqliteClient } from "@/lib/server/db/generated/sqlite/client";
import { Prisma as PostgresPrisma, PrismaClient as PostgresClient } from "@/lib/server/db/generated/postgres/client";

interface Captured {
  sql: string;
  params: unknown[];
}
const captured: Captured[] = [];

// Installed as the process's client before any use-case asks for one (lib/server/db/client.ts keeps it on globalThis).
const log = [{ emit: "event" as const, level: "query" as const }];
const logging =
  databaseTarget.kind === "postgres"
    ? new PostgresClient({ adapter: pgAdapter(databaseTarget.url), log })
    : new SqliteClient({ adapter: new PrismaBetterSQLite3({ url: databaseTarget.url }), log });
(logging as unknown as { $on(event: "query", cb: (e: { query: string; params: string }) => void): void }).$on("query", (e) =>
  captured.push({ sql: e.query, params: JSON.parse(e.params) as unknown[] }),
);
const client = logging as unknown as SqliteClient;
// With it, the namespace of the runtime that made it (jsonDbNull reads its DbNull from there).
(globalThis as unknown as { portalDatabase?: { client: Db; prisma: unknown } }).portalDatabase = {
  client,
  prisma: databaseTarget.kind === "postgres" ? PostgresPrisma : SqlitePrisma,
};

// Imported after the client is installed.
const { listRequests } = await import("@/lib/server/requests/list-requests");
const { listDatastores } = await import("@/lib/server/datastores/list-datastores");
const { listReviewQueue } = await import("@/lib/server/reviews/list-review-queue");
const { RequestListQuerySchema } = await import("@/lib/schemas/request");
const { DatastoreListQuerySchema } = await import("@/lib/schemas/datastore");
const { ReviewQueueQuerySchema } = await import("@/lib/schemas/review");
const { makeWorld, submitted } = await import("../../support/requests");
const { makeDatastore } = await import("../../support/datastores");

/** A test person as the use-cases see them once signed in: their memberships, read from the database. */
async function actorFor(p: { userId: string }): Promise<Actor> {
  const user = await client.user.findUniqueOrThrow({ where: { id: p.userId }, include: { memberships: true } });
  return {
    kind: "user",
    userId: user.id,
    label: `user:${user.email}`,
    isAdmin: user.isAdmin,
    platformReviewer: user.platformReviewer,
    roles: new Map(user.memberships.map((m) => [m.teamId, m.role as "member" | "reviewer" | "admin"])),
  };
}

/** The one SELECT of `table` with an ORDER BY among the queries `run` sent. */
async function listQuery(table: string, run: () => Promise<unknown>): Promise<Captured> {
  captured.length = 0;
  await run();
  const found = captured.filter(
    (q) => /^SELECT/i.test(q.sql) && new RegExp(`FROM [\`"](main|public)[\`"]\\.[\`"]${table}[\`"]`).test(q.sql) && /ORDER BY/i.test(q.sql),
  );
  expect(found, `one ordered SELECT of ${table}`).toHaveLength(1);
  const [q] = found;
  if (!q) throw new Error("no query");
  return q;
}

/** The plan of `q`: on PostgreSQL with sequential scans and sorts priced out, unless `asIs` (the planner's own choice). */
async function plan(q: Captured, asIs = false): Promise<string[]> {
  if (databaseTarget.kind === "sqlite" || asIs) {
    if (databaseTarget.kind === "postgres")
      return (await client.$queryRawUnsafe<Record<string, string>[]>(`EXPLAIN ${q.sql}`, ...q.params)).map((r) => Object.values(r)[0] ?? "");
    const rows = await client.$queryRawUnsafe<{ detail: string }[]>(`EXPLAIN QUERY PLAN ${q.sql}`, ...q.params);
    return rows.map((r) => r.detail);
  }
  return client.$transaction(async (tx) => {
    await tx.$executeRawUnsafe("SET LOCAL enable_seqscan = off");
    await tx.$executeRawUnsafe("SET LOCAL enable_sort = off");
    const rows = await tx.$queryRawUnsafe<Record<string, string>[]>(`EXPLAIN ${q.sql}`, ...q.params);
    return rows.map((r) => Object.values(r)[0] ?? "");
  });
}

/** Asserts the plan reads `index` and sorts nothing. */
async function expectOrderedBy(q: Captured, index: string): Promise<void> {
  const lines = await plan(q);
  const text = lines.join("\n");
  expect(text, text).toContain(index);
  if (databaseTarget.kind === "sqlite") expect(text, text).not.toMatch(/TEMP B-TREE FOR ORDER BY/);
  else expect(text, text).not.toMatch(/(^|->\s*)(Incremental )?Sort\b/m);
}

let w: Awaited<ReturnType<typeof makeWorld>>;
beforeAll(async () => {
  w = await makeWorld();
  for (let i = 0; i < 3; i++) await submitted(w.member, w.team.id, `vh-plan-${i}`);
  for (let i = 0; i < 3; i++) await makeDatastore({ teamId: w.team.id, name: `plan-store-${i}`, family: i === 0 ? "evcache" : "cassandra" });
});

describe("request lists", () => {
  const page = async (actorOf: () => Promise<Parameters<typeof listRequests>[0]["actor"]>, query: Record<string, string>) => {
    const actor = await actorOf();
    return listQuery("requests", () => listRequests({ actor, query: RequestListQuerySchema.parse(query) }));
  };

  it("every team's (a platform reviewer's list) reads (createdAt, id), a deep page included", async () => {
    const first = await page(() => actorFor(w.platformPlainToken), { limit: "2" });
    await expectOrderedBy(first, "requests_createdAt_id_idx");
    const reviewer = await actorFor(w.platformPlainToken);
    const { nextCursor } = await listRequests({ actor: reviewer, query: RequestListQuerySchema.parse({ limit: "2" }) });
    await expectOrderedBy(await page(() => actorFor(w.platformPlainToken), { limit: "2", cursor: nextCursor ?? "" }), "requests_createdAt_id_idx");
  });

  it("one team's reads (teamId, createdAt, id)", async () => {
    await expectOrderedBy(await page(() => actorFor(w.member), { teamId: w.team.id }), "requests_teamId_createdAt_id_idx");
  });

  it("one status's reads (status, createdAt, id)", async () => {
    await expectOrderedBy(await page(() => actorFor(w.platformPlainToken), { status: "draft" }), "requests_status_createdAt_id_idx");
  });
});

describe("the review queue", () => {
  it("reads submitted requests by (status, submittedAt, id) and pending changes by (status, createdAt, id)", async () => {
    const actor = await actorFor(w.platformPlainToken);
    const run = () => listReviewQueue({ actor, query: ReviewQueueQuerySchema.parse({}) });
    await expectOrderedBy(await listQuery("requests", run), "requests_status_submittedAt_id_idx");
    await expectOrderedBy(await listQuery("datastore_changes", run), "datastore_changes_status_createdAt_id_idx");
  });
});

describe("the catalog", () => {
  const page = async (person: TestPerson, query: Record<string, string>) => {
    const actor = await actorFor(person);
    return listQuery("datastores", () => listDatastores({ actor, query: DatastoreListQuerySchema.parse(query) }));
  };

  it("every team's reads (createdAt, id, name)", async () => {
    await expectOrderedBy(await page(w.platformPlainToken, {}), "datastores_createdAt_id_name_idx");
  });

  it("a team's, named by its slug, reads (teamId, createdAt, id, name)", async () => {
    await expectOrderedBy(await page(w.platformPlainToken, { team: w.team.slug }), "datastores_teamId_createdAt_id_name_idx");
  });

  it("a family's reads (family, createdAt, id, name) and a status's (status, createdAt, id, name)", async () => {
    await expectOrderedBy(await page(w.platformPlainToken, { family: "cassandra" }), "datastores_family_createdAt_id_name_idx");
    await expectOrderedBy(await page(w.platformPlainToken, { status: "active" }), "datastores_status_createdAt_id_name_idx");
  });

  it("a name search and a region filter are the database's: one SELECT of a page, the name and the region in its WHERE", async () => {
    // Not a read of the whole catalog filtered afterwards: the page's LIMIT (2 + 1) is the only one sent.
    const search = await page(w.platformPlainToken, { q: "plan-store", limit: "2" });
    expect(search.sql).toMatch(/[`"]name[`"](::text)? LIKE/);
    expect(search.params).toContain("%plan-store%");
    expect(search.params.map(String)).toContain("3");
    const region = await page(w.platformPlainToken, { region: "us-east-1", limit: "2" });
    expect(region.sql).toMatch(/[`"]datastore_regions[`"]/);
    expect(region.params).toContain("us-east-1");
    expect(region.params.map(String)).toContain("3");
    await expectOrderedBy(region, "datastores_createdAt_id_name_idx");
  });
});

/** The columns of the index a query's plan reads, in order. */
async function indexColumns(q: Captured): Promise<string[]> {
  const text = (await plan(q)).join("\n");
  const index = /USING (?:COVERING )?INDEX (\w+)|Index (?:Only )?Scan (?:Backward )?using "?(\w+)"?/.exec(text);
  const name = index?.[1] ?? index?.[2];
  expect(name, text).toBeDefined();
  if (databaseTarget.kind === "sqlite") return (await client.$queryRawUnsafe<{ name: string }[]>(`PRAGMA index_info("${name}")`)).map((c) => c.name);
  const [def] = await client.$queryRawUnsafe<{ indexdef: string }[]>(`SELECT indexdef FROM pg_indexes WHERE indexname = '${name}'`);
  return (/\((.*)\)/.exec(def?.indexdef ?? "")?.[1] ?? "").split(",").map((c) => c.trim().replace(/"/g, ""));
}

describe("a name search", () => {
  const page = async (query: Record<string, string>) => {
    const actor = await actorFor(w.platformPlainToken);
    return listQuery("datastores", () => listDatastores({ actor, query: DatastoreListQuerySchema.parse(query) }));
  };

  // A substring can seek no index, so the search walks the list's order until a page has matched. With the name in
  // that index, SQLite tests it on the index entry and reads a datastore's row only when it matches: at 7,800
  // datastores a search that matches nothing read every row (~23 MB) in 10–15 ms; on the index, under 1 ms.
  it("walks an index of the list's order that holds the name: everyone's list, a team's, a family's, a status's", async () => {
    const queries: Record<string, string>[] = [
      { q: "plan-store" },
      { q: "plan-store", team: w.team.slug },
      { q: "plan-store", family: "cassandra" },
      { q: "plan-store", status: "approved" },
    ];
    for (const query of queries) {
      const q = await page(query);
      await expectOrderedBy(q, "datastores_");
      const columns = await indexColumns(q);
      expect(columns, JSON.stringify(query)).toContain("name");
      expect(columns.slice(-3), JSON.stringify(query)).toEqual(["createdAt", "id", "name"]);
    }
  });
});

describe("a name search in a catalog of thousands", () => {
  const BULK = 5000;
  const page = async (query: Record<string, string>) => {
    const actor = await actorFor(w.platformPlainToken);
    return listQuery("datastores", () => listDatastores({ actor, query: DatastoreListQuerySchema.parse(query) }));
  };

  // Copies of one datastore and its request, each named `bulk-<n>-<word>` and a second older than the one before,
  // then ANALYZE: the planner prices the search with the table's real statistics. Added last in the file; the tests above ran on a handful of rows.
  beforeAll(async () => {
    const [one] = await client.datastore.findMany({ where: { name: "plan-store-1" }, select: { id: true, requestId: true } });
    if (!one) throw new Error("no plan-store-1");
    const words = "'playback', 'events', 'billing', 'profiles', 'search'";
    if (databaseTarget.kind === "postgres") {
      await client.$executeRawUnsafe(
        `CREATE TEMP TABLE bulk_r AS SELECT g, r.* FROM "requests" r, generate_series(1, ${BULK}) g WHERE r."id" = '${one.requestId}'`,
      );
      await client.$executeRawUnsafe(`CREATE TEMP TABLE bulk_d AS SELECT g, d.* FROM "datastores" d, generate_series(1, ${BULK}) g WHERE d."id" = '${one.id}'`);
      await client.$executeRawUnsafe(`UPDATE bulk_r SET "id" = "id" || '-bulk-' || g`);
      await client.$executeRawUnsafe(
        `UPDATE bulk_d SET "id" = "id" || '-bulk-' || g, "requestId" = "requestId" || '-bulk-' || g, "name" = 'bulk-' || g || '-' || (ARRAY[${words}])[g % 5 + 1], "createdAt" = "createdAt" - g * interval '1 second'`,
      );
    } else {
      const series = `WITH RECURSIVE s(g) AS (SELECT 1 UNION ALL SELECT g + 1 FROM s WHERE g < ${BULK}) SELECT g`;
      await client.$executeRawUnsafe(`CREATE TEMP TABLE bulk_r AS ${series}, r.* FROM s, "requests" r WHERE r."id" = '${one.requestId}'`);
      await client.$executeRawUnsafe(`CREATE TEMP TABLE bulk_d AS ${series}, d.* FROM s, "datastores" d WHERE d."id" = '${one.id}'`);
      await client.$executeRawUnsafe(`UPDATE bulk_r SET "id" = "id" || '-bulk-' || g`);
      await client.$executeRawUnsafe(
        `UPDATE bulk_d SET "id" = "id" || '-bulk-' || g, "requestId" = "requestId" || '-bulk-' || g, "name" = 'bulk-' || g || '-' || json_extract(json_array(${words}), '$[' || (g % 5) || ']'), "createdAt" = strftime('%Y-%m-%dT%H:%M:%f', "createdAt", '-' || g || ' seconds') || '+00:00'`,
      );
    }
    for (const t of ["bulk_r", "bulk_d"]) await client.$executeRawUnsafe(`ALTER TABLE ${t} DROP COLUMN g`);
    await client.$executeRawUnsafe(`INSERT INTO "requests" SELECT * FROM bulk_r`);
    await client.$executeRawUnsafe(`INSERT INTO "datastores" SELECT * FROM bulk_d`);
    // PostgreSQL: VACUUM as well, as autovacuum would: it moves the rows just inserted from the GIN index's pending
    // list into the index (the planner prices a long pending list as a scan of it).
    await client.$executeRawUnsafe(databaseTarget.kind === "postgres" ? 'VACUUM ANALYZE "datastores"' : "ANALYZE");
  });

  // PostgreSQL: a substring that matches nothing or few is answered from the trigram index on the name (migration
  // …_datastore_name_trigram), its few rows then sorted, rather than walking the order index to its end. SQLite has
  // no trigram index: it still walks (createdAt, id, name) and tests the name on each entry, which is what the
  // "walks an index of the list's order" test above holds it to.
  it("that matches nothing or one datastore reads the trigram index on PostgreSQL, the order index on SQLite", async () => {
    for (const q of ["no-such-store", "bulk-4321-"]) {
      const query = await page({ q });
      const text = (await plan(query, true)).join("\n");
      if (databaseTarget.kind === "postgres") expect(text, `${q}\n${text}`).toMatch(/Bitmap Index Scan on "?datastores_name_trgm_idx"?/);
      else {
        expect(text, `${q}\n${text}`).toMatch(/USING (COVERING )?INDEX datastores_createdAt_id_name_idx/);
        expect(text, `${q}\n${text}`).not.toMatch(/TEMP B-TREE FOR ORDER BY/);
      }
    }
    const actor = await actorFor(w.platformPlainToken);
    expect((await listDatastores({ actor, query: DatastoreListQuerySchema.parse({ q: "no-such-store" }) })).items).toEqual([]);
    expect((await listDatastores({ actor, query: DatastoreListQuerySchema.parse({ q: "bulk-4321-" }) })).items.map((d) => d.name)).toEqual([
      "bulk-4321-events",
    ]);
  });

  it("that matches many still answers the newest page in the list's order", async () => {
    const actor = await actorFor(w.platformPlainToken);
    const { items } = await listDatastores({ actor, query: DatastoreListQuerySchema.parse({ q: "playback", limit: "3" }) });
    expect(items.map((d) => d.name)).toEqual(["bulk-5-playback", "bulk-10-playback", "bulk-15-playback"]);
  });
});

describe("what a page reads", () => {
  /** Every query `run` sent, joined: what the database was asked for. */
  const sent = async (run: () => Promise<unknown>) => {
    captured.length = 0;
    await run();
    return captured.map((q) => q.sql).join("\n");
  };

  it("request lists and the review queue read the chosen plan's line, never a pinned plan, workload or recommendation", async () => {
    const reviewer = await actorFor(w.platformPlainToken);
    const list = await sent(() => listRequests({ actor: reviewer, query: RequestListQuerySchema.parse({}) }));
    const queue = await sent(() => listReviewQueue({ actor: reviewer, query: ReviewQueueQuerySchema.parse({}) }));
    for (const sql of [list, queue]) {
      expect(sql).toMatch(/[`"]chosenPlan[`"]/);
      for (const column of ["planResult", "workload", "recommendation", "thresholds"]) expect(sql).not.toMatch(new RegExp(`[\`"]${column}[\`"]`));
    }
  });

  it("the catalog reads no thresholds or outputs", async () => {
    const reviewer = await actorFor(w.platformPlainToken);
    const sql = await sent(() => listDatastores({ actor: reviewer, query: DatastoreListQuerySchema.parse({}) }));
    expect(sql).not.toMatch(/[`"]thresholds[`"]/);
    expect(sql).not.toMatch(/[`"]outputs[`"]/);
  });
});
