// The growth benchmark's measurements (bench/growth-run.ts runs them on each size's snapshot): every list route — the
// real route handlers, called in-process with a bearer token — and the data the dashboard and review pages embed;
// then the built portal over HTTP on the same database (bench/growth-http.ts): the issue's routes and the pages' HTML.
import { performance } from "node:perf_hooks";
import { dehydrate, QueryClient } from "@tanstack/react-query";
import { db } from "../lib/server/db/client";
import { getMe } from "../lib/server/access/get-me";
import { DEMO_PASSWORD } from "../lib/server/bootstrap/seed";
import { GET as listRequestsRoute } from "../app/api/v1/requests/route";
import { GET as listDatastoresRoute } from "../app/api/v1/datastores/route";
import { GET as listReviewsRoute } from "../app/api/v1/reviews/route";
import { dashboardFills, reviewQueueFills, type Fill } from "../app/(portal)/(signed-in)/prefetch-fills";
import type { Actor } from "../lib/server/auth/actor";
import { MEMBER_PASSWORD, type World } from "./growth-seed";
import { measureHttp, serve, type HttpFigure, type HttpTarget } from "./growth-http";

export interface Figure {
  route: string;
  medianMs: number;
  /** The fastest call: the work itself, with the least of other processes' contention on a shared machine. */
  minMs: number;
  bytes: number;
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

export async function measure(world: World, requests: number): Promise<{ figures: Figure[]; deep: string | null }> {
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
  if (deepStore)
    await add("GET /datastores (reviewer, a middle page)", () =>
      bodyBytes(listDatastoresRoute, `/api/v1/datastores?cursor=${encodeURIComponent(deepStore)}`, r),
    );
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
export async function measureOverHttp(world: World, deep: string | null): Promise<HttpFigure[]> {
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
