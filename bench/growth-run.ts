// One database of the growth benchmark (bench/growth.bench.ts starts this in a process of its own, with DATABASE_URL,
// DATA_DIR and the simulated provisioner in its environment): grows the portal through its use-cases to each size
// in turn and measures every list route — the real route handlers, called in-process with a bearer token — and the
// data the dashboard and review pages embed; then, unless BENCH_HTTP=off, the built portal over HTTP on the same
// database (bench/growth-http.ts): the issue's routes and the dashboard and review pages' HTML, one call at a time and
// 10 at once. Prints one JSON line per size on stdout.
import { statSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { dehydrate, QueryClient } from "@tanstack/react-query";
import { db, databaseTarget } from "../lib/server/db/client";
import { startWorker } from "../lib/server/provisioning/worker";
import { RETENTION, runRetention, type RetentionResult } from "../lib/server/retention/run-retention";
import { createEngine } from "../infra/engine";
import { getMe } from "../lib/server/access/get-me";
import { GET as listRequestsRoute } from "../app/api/v1/requests/route";
import { GET as listDatastoresRoute } from "../app/api/v1/datastores/route";
import { GET as listReviewsRoute } from "../app/api/v1/reviews/route";
import { dashboardFills, reviewQueueFills, type Fill } from "../app/(portal)/(signed-in)/prefetch-fills";
import { DEMO_PASSWORD } from "../lib/server/bootstrap/seed";
import { grow, makeWorld, MEMBER_PASSWORD, replayingEngine, type World } from "./growth-seed";
import { measureHttp, serve, type HttpFigure, type HttpTarget } from "./growth-http";
import type { Actor } from "../lib/server/auth/actor";

export interface Figure {
  route: string;
  medianMs: number;
  /** The fastest call: the work itself, with the least of other processes' contention on a shared machine. */
  minMs: number;
  bytes: number;
}

/** The database a month after the largest size: every operation log older than retention keeps has been pruned. */
export interface AgedResult {
  aged: true;
  database: string;
  requests: number;
  retention: RetentionResult;
  baselineBytes: number;
  databaseBytes: SizeResult["databaseBytes"];
  rows: Record<string, number>;
}

export interface SizeResult {
  database: string;
  requests: number;
  seedSeconds: number;
  /** The data of the portal before the first request. */
  baselineBytes: number;
  databaseBytes: { onDisk: number; live: number; audit: number };
  rows: Record<string, number>;
  retention: RetentionResult;
  figures: Figure[];
  /** Over HTTP from the built portal (absent with BENCH_HTTP=off). */
  http?: HttpFigure[];
}

const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 25);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

async function time(run: () => Promise<number>): Promise<{ medianMs: number; minMs: number; bytes: number }> {
  let bytes = 0;
  for (let i = 0; i < 3; i++) bytes = await run();
  const times: number[] = [];
  for (let i = 0; i < ITERATIONS; i++) {
    const t0 = performance.now();
    bytes = await run();
    times.push(performance.now() - t0);
  }
  return { medianMs: median(times), minMs: Math.min(...times), bytes };
}

type Handler = (request: Request) => Promise<Response>;

async function call(handler: Handler, path: string, headers: Record<string, string>): Promise<{ status: number; text: string }> {
  const res = await handler(new Request(`http://localhost${path}`, { headers }));
  return { status: res.status, text: await res.text() };
}

async function bodyBytes(handler: Handler, path: string, headers: Record<string, string>): Promise<number> {
  const { status, text } = await call(handler, path, headers);
  if (status !== 200) throw new Error(`${path}: ${status} ${text.slice(0, 300)}`);
  return Buffer.byteLength(text);
}

/** The cursor of a page halfway through the list: walked to with the API's own cursors. */
async function middleCursor(handler: Handler, path: string, headers: Record<string, string>, total: number): Promise<string | null> {
  let cursor: string | null = null;
  let seen = 0;
  const sep = path.includes("?") ? "&" : "?";
  while (seen < total / 2) {
    const { text }: { text: string } = await call(handler, `${path}${sep}limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`, headers);
    const page = JSON.parse(text) as { items: unknown[]; nextCursor: string | null };
    seen += page.items.length;
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return cursor;
}

/** What a page embeds for the browser: the react-query cache its server render fills, serialised. */
async function pageData(actor: Actor, fills: Fill[]): Promise<number> {
  const client = new QueryClient();
  const me = await getMe({ actor });
  client.setQueryData(["me"], me);
  await Promise.all(fills.map((fill) => fill(client, actor)));
  return Buffer.byteLength(JSON.stringify(dehydrate(client)));
}

/** The database's size on disk, and the part of it that holds data (SQLite keeps freed pages in its file for reuse). */
async function databaseBytes(): Promise<{ onDisk: number; live: number; audit: number }> {
  if (databaseTarget.kind === "postgres") {
    const [row] = await db().$queryRawUnsafe<{ size: bigint; audit: bigint }[]>("SELECT pg_database_size(current_database()) AS size, pg_total_relation_size('audit_events') AS audit");
    return { onDisk: Number(row?.size ?? 0), live: Number(row?.size ?? 0), audit: Number(row?.audit ?? 0) };
  }
  await db().$queryRawUnsafe("PRAGMA wal_checkpoint(TRUNCATE)");
  const pragma = async (name: string) => Number((await db().$queryRawUnsafe<Record<string, bigint | number>[]>(`PRAGMA ${name}`))[0]?.[name] ?? 0);
  const pageSize = await pragma("page_size");
  // SQLite has no per-table size without the dbstat extension: the audit rows' stored bytes, summed.
  const [audit] = await db().$queryRawUnsafe<{ bytes: bigint | number | null }[]>(
    `SELECT SUM(LENGTH("id") + LENGTH("action") + LENGTH("actor") + LENGTH("subjectType") + LENGTH("subjectId") + COALESCE(LENGTH("teamId"), 0) + COALESCE(LENGTH("actorId"), 0) + COALESCE(LENGTH("detail"), 0) + 8) AS bytes FROM "audit_events"`,
  );
  return { onDisk: statSync(databaseTarget.file ?? "").size, live: (await pragma("page_count")) * pageSize - (await pragma("freelist_count")) * pageSize, audit: Number(audit?.bytes ?? 0) };
}

async function rowCounts(): Promise<Record<string, number>> {
  const d = db();
  return {
    requests: await d.request.count(),
    datastores: await d.datastore.count(),
    operations: await d.operation.count(),
    operationEvents: await d.operationEvent.count(),
    audit: await d.auditEvent.count(),
    waitingRequests: await d.request.count({ where: { status: "submitted" } }),
    pendingChanges: await d.datastoreChange.count({ where: { status: "pending-approval" } }),
  };
}

async function measure(world: World, requests: number): Promise<{ figures: Figure[]; deep: string | null }> {
  const figures: Figure[] = [];
  const add = async (route: string, run: () => Promise<number>) => figures.push({ route, ...(await time(run)) });
  const r = world.reviewerHeaders;
  const m = world.memberHeaders;
  const team = world.teams[0];
  if (!team) throw new Error("no team");

  await add("GET /requests (reviewer, first page)", () => bodyBytes(listRequestsRoute, "/api/v1/requests", r));
  const deep = await middleCursor(listRequestsRoute, "/api/v1/requests", r, requests);
  if (deep) await add("GET /requests (reviewer, a middle page)", () => bodyBytes(listRequestsRoute, `/api/v1/requests?cursor=${encodeURIComponent(deep)}`, r));
  await add("GET /requests?teamId= (member)", () => bodyBytes(listRequestsRoute, `/api/v1/requests?teamId=${team.id}`, m));
  await add("GET /reviews (queue, first page)", () => bodyBytes(listReviewsRoute, "/api/v1/reviews", r));
  await add("GET /datastores (reviewer, first page)", () => bodyBytes(listDatastoresRoute, "/api/v1/datastores", r));
  const storeCount = await db().datastore.count();
  const deepStore = await middleCursor(listDatastoresRoute, "/api/v1/datastores", r, storeCount);
  if (deepStore) await add("GET /datastores (reviewer, a middle page)", () => bodyBytes(listDatastoresRoute, `/api/v1/datastores?cursor=${encodeURIComponent(deepStore)}`, r));
  // One datastore's name (request 1 is approved at every size), and a name none has: the search must look at all.
  await add("GET /datastores?q= (search, one match)", () => bodyBytes(listDatastoresRoute, "/api/v1/datastores?q=incidents-00001", r));
  await add("GET /datastores?q= (search, no match)", () => bodyBytes(listDatastoresRoute, "/api/v1/datastores?q=no-such-store", r));
  await add("GET /datastores?q= (search, common)", () => bodyBytes(listDatastoresRoute, "/api/v1/datastores?q=playback", r));
  await add("GET /datastores?family=", () => bodyBytes(listDatastoresRoute, "/api/v1/datastores?family=elasticsearch", r));
  await add("GET /datastores?region=", () => bodyBytes(listDatastoresRoute, "/api/v1/datastores?region=us-west-2", r));
  await add("GET /datastores?team=slug (member)", () => bodyBytes(listDatastoresRoute, `/api/v1/datastores?team=${team.slug}`, m));
  const member = world.members[0];
  if (!member) throw new Error("no member");
  const memberMe = await getMe({ actor: member });
  const reviewerMe = await getMe({ actor: world.reviewer });
  await add("dashboard page data (member)", () => pageData(member, dashboardFills(memberMe)));
  await add("dashboard page data (reviewer)", () => pageData(world.reviewer, dashboardFills(reviewerMe)));
  await add("review queue page data", () => pageData(world.reviewer, reviewQueueFills()));
  return { figures, deep };
}

/** The issue's routes and the two pages, over HTTP from `next start` on this database. */
async function measureOverHttp(world: World, deep: string | null): Promise<HttpFigure[]> {
  const served = await serve({ DATABASE_URL: process.env.DATABASE_URL ?? "", DATA_DIR: process.env.DATA_DIR ?? "", PROVISIONER: "simulated" });
  try {
    const member = await served.signIn("member-0@bench.test", MEMBER_PASSWORD);
    const reviewer = await served.signIn("rita@portal.local", DEMO_PASSWORD);
    const token = { token: (world.reviewerHeaders.authorization ?? "").replace(/^Bearer /, "") };
    const targets: HttpTarget[] = [
      { route: "GET /api/v1/requests, first page", path: "/api/v1/requests", caller: token },
      ...(deep ? [{ route: "GET /api/v1/requests, a middle page", path: `/api/v1/requests?cursor=${encodeURIComponent(deep)}`, caller: token }] : []),
      { route: "GET /api/v1/datastores?q= (one match)", path: "/api/v1/datastores?q=incidents-00001", caller: token },
      { route: "GET /api/v1/datastores?q= (no match)", path: "/api/v1/datastores?q=no-such-store", caller: token },
      { route: "GET /api/v1/datastores?family=", path: "/api/v1/datastores?family=elasticsearch", caller: token },
      { route: "GET /api/v1/reviews, first page", path: "/api/v1/reviews", caller: token },
      { route: "dashboard page HTML (member)", path: "/", caller: member },
      { route: "dashboard page HTML (reviewer)", path: "/", caller: reviewer },
      { route: "review queue page HTML", path: "/reviews", caller: reviewer },
    ];
    return await measureHttp(served.baseUrl, targets);
  } finally {
    await served.stop();
  }
}

async function main(): Promise<void> {
  const sizes = (process.env.BENCH_SIZES ?? "10,1000,10000").split(",").map(Number);
  const dataDir = process.env.DATA_DIR ?? "";
  const engine = replayingEngine(createEngine("simulated", { dataDir, stepMs: 0 }));
  const worker = startWorker({ engine, concurrency: 2, pollMs: 20, dataDir });
  const world = await makeWorld();
  // What an empty portal takes (PostgreSQL's catalogue alone is several megabytes): per-request figures leave it out.
  const baselineBytes = (await databaseBytes()).live;
  let have = 0;
  let seedSeconds = 0;
  for (const size of sizes) {
    const t0 = performance.now();
    await grow(world, worker, have, size, (n) => process.stderr.write(`\r  ${databaseTarget.kind}: ${n} requests`));
    process.stderr.write("\n");
    seedSeconds += (performance.now() - t0) / 1000;
    have = size;
    // What the worker's retention (every 15 minutes) has pruned by the time a portal reaches this size.
    const retention = await runRetention();
    // A first pass warms the code paths (a cold first size would flatter every ratio); the second is the one kept.
    await measure(world, size);
    const { figures, deep } = await measure(world, size);
    const http = process.env.BENCH_HTTP === "off" ? undefined : await measureOverHttp(world, deep);
    const result: SizeResult = { database: databaseTarget.kind, requests: size, seedSeconds, baselineBytes, databaseBytes: await databaseBytes(), rows: await rowCounts(), retention, figures, ...(http ? { http } : {}) };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  }
  await worker.stop({ graceMs: 1000 });
  // A month on, nothing else changed: retention has pruned every operation log older than RETENTION.fullLogDays.
  // VACUUM (this temporary database only) gives the freed pages back, so the size is what the data takes.
  // One run prunes at most RETENTION.batch × maxBatches operations; the worker's runs every 15 minutes of that month
  // would have caught up, so this runs it until a run finds nothing left.
  const monthOn = new Date(Date.now() + (RETENTION.fullLogDays + 1) * 86_400_000);
  const aged = await runRetention({ now: monthOn });
  for (let more = aged; more.prunedOperations > 0; ) {
    more = await runRetention({ now: monthOn });
    aged.prunedOperations += more.prunedOperations;
    aged.deletedEvents += more.deletedEvents;
  }
  await db().$executeRawUnsafe(databaseTarget.kind === "postgres" ? "VACUUM FULL" : "VACUUM");
  const agedResult: AgedResult = { aged: true, database: databaseTarget.kind, requests: have, retention: aged, baselineBytes, databaseBytes: await databaseBytes(), rows: await rowCounts() };
  process.stdout.write(`${JSON.stringify(agedResult)}\n`);
  await db().$disconnect();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
