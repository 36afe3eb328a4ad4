// A datastore's audit history (its own events and its request's) and its Backstage catalog-info.yaml export.
import { createRequire } from "node:module";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as auditRoute } from "@/app/api/v1/datastores/[id]/audit/route";
import { GET as exportRoute } from "@/app/api/v1/datastores/[id]/catalog-info.yaml/route";
import { AuditEventListSchema } from "@/lib/schemas/datastore";
import { db } from "@/lib/server/db/client";
import { jsonRequest, makePerson, makeTeam, type TestPerson } from "../support/actors";
import { makeDatastore, simpleTopology } from "../support/datastores";
import { expectJson, expectProblem } from "./support";

// A real YAML parser checks the hand-written emitter: js-yaml (a pinned dev dependency) is only read here, never
// shipped.
const yaml = createRequire(import.meta.url)("js-yaml") as { loadAll: (text: string) => unknown[] };

const history = (person: TestPerson | null, id: string, query = "") =>
  auditRoute(jsonRequest("GET", `/api/v1/datastores/${id}/audit${query}`, person), { params: Promise.resolve({ id }) });
const exportYaml = (person: TestPerson | null, id: string) =>
  exportRoute(jsonRequest("GET", `/api/v1/datastores/${id}/catalog-info.yaml`, person), { params: Promise.resolve({ id }) });

let team: { id: string; slug: string };
let owner: TestPerson;
let stranger: TestPerson;

beforeAll(async () => {
  team = await makeTeam("viewing-team");
  owner = await makePerson(team.id, "member");
  stranger = await makePerson((await makeTeam()).id, "member");
});

describe("GET /api/v1/datastores/{id}/audit", () => {
  it("lists the datastore's events and its originating request's, newest first, and only those", async () => {
    const ds = await makeDatastore({ teamId: team.id });
    const other = await makeDatastore({ teamId: team.id });
    const t0 = Date.parse("2026-03-01T00:00:00Z");
    const event = (at: number, action: string, subjectType: string, subjectId: string) =>
      db().auditEvent.create({
        data: { at: new Date(t0 + at * 1000), actor: "user:someone@example.test", action, subjectType, subjectId, teamId: team.id, detail: { n: at } },
      });
    await event(1, "request.created", "request", ds.requestId);
    await event(2, "request.submitted", "request", ds.requestId);
    await event(3, "request.approved", "request", ds.requestId);
    await event(4, "datastore.created", "datastore", ds.id);
    await event(5, "datastore.created", "datastore", other.id);
    await event(6, "request.approved", "request", other.requestId);
    await event(7, "token.created", "token", ds.id);

    const page = AuditEventListSchema.parse(await expectJson(await history(owner, ds.id)));
    expect(page.items.map((e) => e.action)).toEqual(["datastore.created", "request.approved", "request.submitted", "request.created"]);
    expect(page.items[0]).toMatchObject({ subjectType: "datastore", subjectId: ds.id, actor: "user:someone@example.test", detail: { n: 4 } });
    expect(page.nextCursor).toBeNull();
  });

  it("paginates with a cursor, without repeats or gaps", async () => {
    const ds = await makeDatastore({ teamId: team.id });
    const at = new Date("2026-03-02T00:00:00Z");
    for (let i = 0; i < 7; i++)
      await db().auditEvent.create({ data: { at, actor: "system", action: `step.${i}`, subjectType: "datastore", subjectId: ds.id } });
    const actions: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = `?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
      const page = AuditEventListSchema.parse(await expectJson(await history(owner, ds.id, query)));
      actions.push(...page.items.map((e) => e.action));
      cursor = page.nextCursor;
      pages++;
    } while (cursor !== null && pages < 10);
    expect(pages).toBe(3);
    expect(actions.sort()).toEqual(["step.0", "step.1", "step.2", "step.3", "step.4", "step.5", "step.6"]);
  });

  it("answers 404 to a member of another team, 422 to a bad cursor or limit, 401 without credentials", async () => {
    const ds = await makeDatastore({ teamId: team.id });
    await expectProblem(await history(stranger, ds.id), 404);
    expect((await expectProblem(await history(owner, ds.id, "?cursor=bm9wZQ"), 422)).errors?.[0]?.field).toBe("cursor");
    expect((await expectProblem(await history(owner, ds.id, "?limit=1000"), 422)).errors?.[0]?.field).toBe("limit");
    await expectProblem(await history(null, ds.id), 401);
  });
});

interface Entity {
  apiVersion: string;
  kind: string;
  metadata: { name: string; title: string; description: string; annotations: Record<string, string>; tags: string[]; links: { url: string; title: string }[] };
  spec: { type: string; owner: string; lifecycle: string; dependsOn?: string[]; dependencyOf?: string[] };
}

describe("GET /api/v1/datastores/{id}/catalog-info.yaml", () => {
  it("exports a Backstage Resource owned by the team's group, typed by family, depending on its cache", async () => {
    const ds = await makeDatastore({ teamId: team.id, name: "viewing-history", tier: 1 });
    const res = await exportYaml(owner, ds.id);
    const text = await res.text();
    expect(res.status, text).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/yaml; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="catalog-info.yaml"');

    const docs = yaml.loadAll(text) as Entity[];
    expect(docs).toHaveLength(2);
    const [main, cache] = docs;
    expect(main).toMatchObject({
      apiVersion: "backstage.io/v1alpha1",
      kind: "Resource",
      metadata: { name: "viewing-team-viewing-history", title: "viewing-history" },
      spec: { type: "cassandra-cluster", owner: "group:viewing-team", lifecycle: "production", dependsOn: ["resource:viewing-team-viewing-history-cache"] },
    });
    expect(main?.metadata.annotations).toMatchObject({
      "datastore-portal.io/datastore-id": ds.id,
      "datastore-portal.io/request-id": ds.requestId,
      "datastore-portal.io/team-id": team.id,
      "datastore-portal.io/family": "cassandra",
      "datastore-portal.io/tier": "1",
      "datastore-portal.io/regions": "us-east-1,eu-west-1",
      "datastore-portal.io/annual-cost-usd": "123456.78",
      "datastore-portal.io/monthly-cost-usd": "10288.07",
      "datastore-portal.io/pager-target": "pagerduty:viewing-oncall",
    });
    expect(main?.metadata.tags).toEqual(["cassandra", "apache-cassandra", "tier-1", "us-east-1", "eu-west-1"]);
    expect(main?.metadata.links[0]).toEqual({ url: `http://localhost/catalog/${ds.id}`, title: "Datastore Portal", icon: "dashboard" });
    expect(main?.metadata.description).toContain("24 nodes");
    expect(cache).toMatchObject({
      kind: "Resource",
      metadata: { name: "viewing-team-viewing-history-cache" },
      spec: { type: "evcache-cluster", owner: "group:viewing-team", dependencyOf: ["resource:viewing-team-viewing-history"] },
    });
    // Every Backstage entity name is valid: [a-z0-9A-Z] runs joined by -_. and at most 63 characters.
    for (const d of docs) expect(d.metadata.name).toMatch(/^(?=.{1,63}$)[a-zA-Z0-9]+([-_.][a-zA-Z0-9]+)*$/);
  });

  it("has no dependsOn without companions, an index companion for a search index, and lifecycle from tier and status", async () => {
    const solo = await makeDatastore({ teamId: team.id, name: "cdn-urls", family: "evcache", tier: 3, regions: ["us-east-1"] });
    const [soloEntity] = yaml.loadAll(await (await exportYaml(owner, solo.id)).text()) as Entity[];
    expect(soloEntity?.spec).toEqual({ type: "evcache-cluster", owner: "group:viewing-team", lifecycle: "experimental" });

    const indexed = await makeDatastore({
      teamId: team.id,
      name: "asset-graph",
      family: "graph",
      status: "decommissioned",
      regions: ["us-east-1"],
      topology: [
        ...simpleTopology("graph", ["us-east-1"], "graph-server"),
        ...simpleTopology("cassandra", ["us-east-1"], "storage"),
        ...simpleTopology("elasticsearch", ["us-east-1"], "index-data"),
        ...simpleTopology("elasticsearch", ["us-east-1"], "index-master"),
      ],
    });
    const docs = yaml.loadAll(await (await exportYaml(owner, indexed.id)).text()) as Entity[];
    expect(docs.map((d) => d.spec.type)).toEqual(["graph-cluster", "elasticsearch-cluster"]);
    expect(docs[0]?.spec).toMatchObject({ lifecycle: "deprecated", dependsOn: ["resource:viewing-team-asset-graph-index"] });
  });

  it("quotes hostile text so that it stays data", async () => {
    const hostile = await makeTeam(`evil-${Date.now()}`);
    await db().team.update({ where: { id: hostile.id }, data: { name: 'x"\n---\nkind: Group\n# not a comment: yes' } });
    const member = await makePerson(hostile.id, "member");
    const ds = await makeDatastore({
      teamId: hostile.id,
      family: "dynomite",
      regions: ["us-east-1"],
      contacts: ["a@b.test", "'; DROP TABLE x;--"],
      pagerTarget: "line\u2028sep\u0085nel",
    });
    const docs = yaml.loadAll(await (await exportYaml(member, ds.id)).text()) as Entity[];
    expect(docs).toHaveLength(1);
    expect(docs[0]?.metadata.description).toContain('x"\n---\nkind: Group\n# not a comment: yes');
    expect(docs[0]?.metadata.annotations["datastore-portal.io/contacts"]).toBe("a@b.test,'; DROP TABLE x;--");
    expect(docs[0]?.metadata.annotations["datastore-portal.io/pager-target"]).toBe("line\u2028sep\u0085nel");
  });

  it("answers 404 to a member of another team and 401 without credentials", async () => {
    const ds = await makeDatastore({ teamId: team.id });
    await expectProblem(await exportYaml(stranger, ds.id), 404);
    await expectProblem(await exportYaml(null, ds.id), 401);
  });
});
