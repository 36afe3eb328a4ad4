// GET /api/v1/backstage/entities: the catalog as Backstage entities for an EntityProvider to poll — shapes that
// Backstage's descriptor format accepts, keyset pages, ETag/If-None-Match, the catalog's visibility rules, lifecycles.
import { describe, expect, it, beforeAll } from "vitest";
import { z } from "zod";
import { GET } from "@/app/api/v1/backstage/entities/route";
import { db } from "@/lib/server/db/client";
import { jsonRequest, makePerson, makeTeam, type TestPerson } from "../support/actors";
import { makeDatastore } from "../support/datastores";
import { expectJson, expectProblem } from "./support";

// Backstage's descriptor format (backstage.io/docs/features/software-catalog/descriptor-format), written here from its
// documentation rather than imported from the portal, so that the portal's own schema cannot agree with itself wrongly.
const NAME = /^[a-zA-Z0-9]+(?:[-_.][a-zA-Z0-9]+)*$/;
const EntityName = z.string().min(1).max(63).regex(NAME);
/** `[prefix/]name`: the prefix a DNS subdomain, the name as an entity name. */
const AnnotationKey = z
  .string()
  .regex(/^(?:[a-z0-9]+(?:[-.][a-z0-9]+)*\/)?[a-zA-Z0-9]+(?:[-_.][a-zA-Z0-9]+)*$/)
  .refine((k) => (k.split("/").at(-1) ?? "").length <= 63);
const Tag = z
  .string()
  .max(63)
  .regex(/^[a-z0-9:+#]+(?:-[a-z0-9:+#]+)*$/);
const EntityRef = z.string().regex(/^(?:(resource|system|group|component):)?(?:[a-z0-9-]+\/)?[a-zA-Z0-9]+(?:[-_.][a-zA-Z0-9]+)*$/);
const Metadata = z.object({
  name: EntityName,
  title: z.string().optional(),
  description: z.string().optional(),
  annotations: z.record(AnnotationKey, z.string()),
  tags: z.array(Tag),
  links: z.array(z.object({ url: z.url(), title: z.string().optional(), icon: z.string().optional() })),
});
const ResourceEntity = z.object({
  apiVersion: z.literal("backstage.io/v1alpha1"),
  kind: z.literal("Resource"),
  metadata: Metadata,
  spec: z.object({
    type: z.string().min(1),
    owner: EntityRef,
    lifecycle: z.enum(["production", "experimental", "deprecated"]),
    system: EntityRef.optional(),
    dependsOn: z.array(EntityRef).optional(),
    dependencyOf: z.array(EntityRef).optional(),
  }),
});
const SystemEntity = z.object({
  apiVersion: z.literal("backstage.io/v1alpha1"),
  kind: z.literal("System"),
  metadata: Metadata,
  spec: z.object({ owner: EntityRef, domain: EntityRef.optional() }),
});
const Entity = z.discriminatedUnion("kind", [ResourceEntity, SystemEntity]);
const Page = z.object({ items: z.array(Entity), nextCursor: z.string().nullable() });
type Page = z.infer<typeof Page>;

const feed = (person: TestPerson | null, query = "", extra: Record<string, string> = {}) =>
  GET(jsonRequest("GET", `/api/v1/backstage/entities${query}`, person, undefined, extra));

async function page(person: TestPerson, query = ""): Promise<Page> {
  return Page.parse(await expectJson(await feed(person, query)));
}

/** Every page from the first, by nextCursor. */
async function allPages(person: TestPerson, limit: number): Promise<Page[]> {
  const pages: Page[] = [];
  let cursor: string | null = null;
  do {
    pages.push(await page(person, `?limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`));
    cursor = pages.at(-1)?.nextCursor ?? null;
  } while (cursor !== null && pages.length < 20);
  return pages;
}

const datastoreIdOf = (e: z.infer<typeof Entity>) => e.metadata.annotations["datastore-portal.io/datastore-id"];

let streaming: { id: string; slug: string; name: string };
let search: { id: string; slug: string; name: string };
let member: TestPerson;
let platform: TestPerson;

beforeAll(async () => {
  streaming = await makeTeam("feed-streaming");
  search = await makeTeam("feed-search");
  member = await makePerson(streaming.id, "member");
  platform = await makePerson(search.id, "reviewer", "platform", { platformReviewer: true, tokenPlatformReviewer: true });
});

describe("GET /api/v1/backstage/entities", () => {
  it("renders each datastore as a Backstage Resource in its team's System, with its companion store and links back", async () => {
    const ds = await makeDatastore({ teamId: streaming.id, name: "viewing-history", family: "cassandra", tier: 1, status: "active" });
    const { items } = await page(member, "?limit=100");
    const system = items.find((e) => e.kind === "System" && e.metadata.name === "feed-streaming-datastores");
    expect(system?.spec.owner).toBe("group:feed-streaming");
    const own = items.filter((e) => datastoreIdOf(e) === ds.id);
    expect(own.map((e) => [e.kind, e.metadata.name])).toEqual([
      ["Resource", "feed-streaming-viewing-history"],
      ["Resource", "feed-streaming-viewing-history-cache"],
    ]);
    const [main, cache] = own;
    expect(main?.spec).toMatchObject({
      type: "cassandra-cluster",
      owner: "group:feed-streaming",
      lifecycle: "production",
      system: "feed-streaming-datastores",
      dependsOn: ["resource:feed-streaming-viewing-history-cache"],
    });
    expect(cache?.spec).toMatchObject({ type: "evcache-cluster", owner: "group:feed-streaming", dependencyOf: ["resource:feed-streaming-viewing-history"] });
    expect(main?.metadata.annotations).toMatchObject({
      "datastore-portal.io/status": "active",
      "datastore-portal.io/team-id": streaming.id,
      "backstage.io/managed-by-location": "url:http://localhost/api/v1/backstage/entities",
      "backstage.io/managed-by-origin-location": "url:http://localhost/api/v1/backstage/entities",
    });
    expect(main?.metadata.links.map((l) => l.url)).toContain(`http://localhost/catalog/${ds.id}`);
    // Every entity a Resource points at (its System, its companions) is in the same feed.
    const names = new Set(items.map((e) => `${e.kind.toLowerCase()}:${e.metadata.name}`));
    for (const e of items.filter((x) => x.kind === "Resource")) {
      if (e.kind !== "Resource") continue;
      for (const ref of [...(e.spec.dependsOn ?? []), ...(e.spec.dependencyOf ?? []), `system:${e.spec.system}`]) expect(names, ref).toContain(ref);
    }
  });

  it("marks decommissioned datastores deprecated and test-tier ones experimental", async () => {
    const gone = await makeDatastore({ teamId: streaming.id, family: "evcache", status: "decommissioned" });
    const test = await makeDatastore({ teamId: streaming.id, family: "evcache", tier: 3, status: "active" });
    const { items } = await page(member, "?limit=100");
    const resource = (id: string) => items.find((e) => e.kind === "Resource" && datastoreIdOf(e) === id);
    expect(resource(gone.id)?.spec).toMatchObject({ lifecycle: "deprecated" });
    expect(resource(gone.id)?.metadata.annotations["datastore-portal.io/status"]).toBe("decommissioned");
    expect(resource(test.id)?.spec).toMatchObject({ lifecycle: "experimental" });
  });

  it("pages through every datastore once, Systems on the first page only", async () => {
    const team = await makeTeam("feed-paging");
    const owner = await makePerson(team.id, "member");
    const t0 = Date.parse("2026-05-01T00:00:00Z");
    const made = [];
    // Two share a createdAt: the id breaks the tie, so neither is skipped nor repeated at a page boundary.
    for (let i = 0; i < 7; i++) made.push(await makeDatastore({ teamId: team.id, family: "evcache", createdAt: new Date(t0 + Math.min(i, 5) * 1000) }));
    const pages = await allPages(owner, 3);
    expect(pages).toHaveLength(3);
    expect(pages.map((p) => p.items.filter((e) => e.kind === "Resource").length)).toEqual([3, 3, 1]);
    expect(pages[0]?.items.filter((e) => e.kind === "System").map((e) => e.metadata.name)).toEqual(["feed-paging-datastores"]);
    expect(pages.slice(1).flatMap((p) => p.items.filter((e) => e.kind === "System"))).toEqual([]);
    const seen = pages.flatMap((p) => p.items.filter((e) => e.kind === "Resource").map(datastoreIdOf));
    // Newest first, the id (descending) breaking the tie: the catalog's order.
    const newestFirst = [...made].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1)).map((d) => d.id);
    expect(seen).toEqual(newestFirst);
  });

  it("answers 304 to If-None-Match while the page is unchanged, and a new ETag once a datastore changes", async () => {
    const team = await makeTeam("feed-etag");
    const owner = await makePerson(team.id, "member");
    const ds = await makeDatastore({ teamId: team.id, family: "evcache", status: "active" });
    const first = await feed(owner);
    expect(first.status).toBe(200);
    const etag = first.headers.get("etag");
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{22}"$/);
    expect(first.headers.get("cache-control")).toBe("private, no-cache");

    const again = await feed(owner, "", { "if-none-match": etag ?? "" });
    expect(again.status).toBe(304);
    expect(again.headers.get("etag")).toBe(etag);
    expect(await again.text()).toBe("");
    // A list of tags, a weak form of ours, and * all match; another tag does not.
    expect((await feed(owner, "", { "if-none-match": `"other", W/${etag}` })).status).toBe(304);
    expect((await feed(owner, "", { "if-none-match": "*" })).status).toBe(304);
    expect((await feed(owner, "", { "if-none-match": '"other"' })).status).toBe(200);

    await db().datastore.update({ where: { id: ds.id }, data: { status: "decommissioned", decommissionedAt: new Date() } });
    const changed = await feed(owner, "", { "if-none-match": etag ?? "" });
    expect(changed.status).toBe(200);
    expect(changed.headers.get("etag")).not.toBe(etag);
    expect(Page.parse(await changed.json()).items.find((e) => e.kind === "Resource")?.spec).toMatchObject({ lifecycle: "deprecated" });
  });

  it("shows a member their teams' datastores only, and a platform reviewer's token every team's", async () => {
    const mine = await makeDatastore({ teamId: streaming.id, family: "evcache" });
    const theirs = await makeDatastore({ teamId: search.id, family: "evcache" });
    const memberIds = (await allPages(member, 100)).flatMap((p) => p.items.map(datastoreIdOf));
    expect(memberIds).toContain(mine.id);
    expect(memberIds).not.toContain(theirs.id);
    const memberSystems = (await page(member)).items.filter((e) => e.kind === "System").map((e) => e.metadata.name);
    expect(memberSystems).toEqual(["feed-streaming-datastores"]);

    const platformIds = (await allPages(platform, 100)).flatMap((p) => p.items.map(datastoreIdOf));
    expect(platformIds).toEqual(expect.arrayContaining([mine.id, theirs.id]));
    const platformSystems = (await page(platform)).items.filter((e) => e.kind === "System").map((e) => e.metadata.name);
    expect(platformSystems).toEqual(expect.arrayContaining(["feed-search-datastores", "feed-streaming-datastores"]));
  });

  it("answers 401 without a token and 422 naming a bad cursor or limit", async () => {
    await expectProblem(await feed(null), 401);
    expect((await expectProblem(await feed(member, "?cursor=bm9wZQ"), 422)).errors?.[0]?.field).toBe("cursor");
    expect((await expectProblem(await feed(member, "?limit=0"), 422)).errors?.[0]?.field).toBe("limit");
  });
});
