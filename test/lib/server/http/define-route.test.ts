// defineRoute() and defineRoutes(): what the registry entry says is what the route does — authentication, the query and
// body read with its schemas, an Idempotency-Key honoured, the answer through its schema and status, 405 for the rest.
// The handlers here stand in for use-cases: the helper is what is under test, with real tokens and a real database.
import { randomUUID } from "node:crypto";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { ProblemSchema } from "@/lib/errors";
import { API_OPERATIONS } from "@/lib/openapi/operations";
import type { CommentDto } from "@/lib/schemas/request";
import type { Team } from "@/lib/schemas/access";
import { db } from "@/lib/server/db/client";
import { defineRoute, defineRoutes } from "@/lib/server/http/define-route";
import { isMethodNotAllowedHandler } from "@/lib/server/http/method-not-allowed";
import { jsonRequest, makePerson, makeTeam, type TestPerson } from "../../../support/actors";

let person: TestPerson;
beforeAll(async () => {
  person = await makePerson((await makeTeam()).id, "member");
});
afterEach(() => vi.restoreAllMocks());

const team = (slug: string): Team => ({
  id: "t1",
  slug,
  name: slug,
  createdAt: new Date(0).toISOString(),
  role: null,
  members: [],
  autoMaintenance: false,
  warningTopicArn: null,
  upgradeEarly: false,
  actions: { changePolicy: { allowed: true } },
});
const params = (values: Record<string, string>) => ({ params: Promise.resolve(values) });

async function problemOf(res: Response, status: number) {
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toBe("application/problem+json");
  return ProblemSchema.parse(await res.json());
}

describe("defineRoute()", () => {
  it("authenticates before it reads anything: no credentials is a 401 and the handler never runs", async () => {
    const handler = vi.fn(async () => team("x"));
    const res = await defineRoute(API_OPERATIONS.createTeam, handler)(jsonRequest("POST", "/api/v1/teams", null, { slug: "x", name: "X" }));
    expect((await problemOf(res, 401)).code).toBe("unauthenticated");
    expect(handler).not.toHaveBeenCalled();
  });

  it("hands the handler the caller, the path params and the body parsed by the registry's schema, and answers with its status", async () => {
    const handler = vi.fn(
      async ({ actor, params, body }: { actor: { userId?: string }; params: { teamId: string }; body: { userId: string; role: string } }) => ({
        ...team("t"),
        id: params.teamId,
        role: body.role as "member",
        name: actor.userId ?? "",
      }),
    );
    const route = defineRoute(API_OPERATIONS.addTeamMember, handler);
    const res = await route(jsonRequest("POST", "/api/v1/teams/t9/members", person, { userId: "u1", role: "member" }), params({ teamId: "t9" }));
    expect(res.status).toBe(API_OPERATIONS.addTeamMember.response.status);
    expect(await res.json()).toMatchObject({ id: "t9", role: "member", name: person.userId });
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it("refuses a body the schema refuses with a 422 naming the body as the registry does, before the handler", async () => {
    const handler = vi.fn(async () => team("x"));
    const res = await defineRoute(API_OPERATIONS.createTeam, handler)(jsonRequest("POST", "/api/v1/teams", person, { slug: "Not A Slug", name: "X" }));
    const problem = await problemOf(res, 422);
    expect(problem.detail).toBe(`The ${API_OPERATIONS.createTeam.bodyName} has 1 invalid field: slug.`);
    expect(problem.errors?.map((e) => e.field)).toEqual(["slug"]);
    expect(handler).not.toHaveBeenCalled();
  });

  it("reads an optional body as the empty object when there is none, and refuses one that is not empty", async () => {
    const handler = vi.fn(async ({ body }: { body: unknown }) => {
      expect(body).toEqual({});
      return new Response(null, { status: 204 });
    });
    const route = defineRoute(API_OPERATIONS.cancelRequest, handler);
    expect((await route(jsonRequest("POST", "/api/v1/requests/r1/cancel", person), params({ id: "r1" }))).status).toBe(204);
    await problemOf(await route(jsonRequest("POST", "/api/v1/requests/r1/cancel", person, { force: true }), params({ id: "r1" })), 422);
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it("parses the query with the registry's schema: an unknown parameter is a 422 naming it", async () => {
    const handler = vi.fn(async ({ query }: { query: { limit: number } }) => ({ items: [], nextCursor: query.limit === 7 ? "seven" : null }));
    const route = defineRoute(API_OPERATIONS.listUsers, handler);
    expect(await (await route(jsonRequest("GET", "/api/v1/admin/users?limit=7", person))).json()).toEqual({ items: [], nextCursor: "seven" });
    const problem = await problemOf(await route(jsonRequest("GET", "/api/v1/admin/users?colour=red", person)), 422);
    expect(problem.errors?.map((e) => e.field)).toEqual(["colour"]);
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it("sends the answer through the response schema: one it does not fit is a logged 500, never the caller's data", async () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    const leaky = { ...team("x"), passwordHash: "hunter2" };
    const res = await defineRoute(API_OPERATIONS.createTeam, async () => leaky)(jsonRequest("POST", "/api/v1/teams", person, { slug: "x", name: "X" }));
    expect((await problemOf(res, 500)).code).toBe("internal");
  });

  it("adds the headers drawn from the answer, and passes a whole Response through untouched", async () => {
    const withEtag = defineRoute(
      API_OPERATIONS.getMe,
      async () => ({
        kind: "token" as const,
        user: { id: "u", name: "n", email: "e" },
        isAdmin: false,
        platformReviewer: false,
        teams: [],
        token: null,
        actions: {
          review: { allowed: false, reason: "No team.", code: "forbidden" as const },
          administer: { allowed: false, reason: "Not an administrator.", code: "forbidden" as const },
        },
      }),
      {
        headers: (me) => ({ etag: `"${me.user.id}"` }),
      },
    );
    const res = await withEtag(jsonRequest("GET", "/api/v1/me", person));
    expect(res.status).toBe(200);
    expect(res.headers.get("etag")).toBe('"u"');
    const download = defineRoute(
      API_OPERATIONS.exportDatastoreBackstage,
      async () => new Response("kind: Resource\n", { status: 200, headers: { "content-type": "application/yaml" } }),
    );
    const file = await download(jsonRequest("GET", "/api/v1/datastores/d1/catalog-info.yaml", person), params({ id: "d1" }));
    expect(file.headers.get("content-type")).toBe("application/yaml");
    expect(await file.text()).toBe("kind: Resource\n");
  });

  it("serves the public document without credentials", async () => {
    const res = await defineRoute(API_OPERATIONS.getOpenApiDocument, async () => ({
      openapi: "3.1.0" as const,
      info: { title: "t", version: "1" },
      paths: {},
      components: { schemas: {} },
    }))(new Request("http://localhost/api/v1/openapi.json"));
    expect(res.status).toBe(200);
  });

  it("runs an operation that takes an Idempotency-Key in a transaction, and replays its first answer to the same key", async () => {
    const comment = (): CommentDto => ({ id: randomUUID(), body: "hello", author: { id: "u", name: "n", email: "e" }, createdAt: new Date(0).toISOString() });
    const handler = vi.fn(async ({ tx }: { tx: unknown }) => {
      expect(tx).toBeDefined();
      return comment();
    });
    const route = defineRoute(API_OPERATIONS.addRequestComment, handler, { headers: (c) => ({ location: `/comments/${c.id}` }) });
    const key = `k-${randomUUID()}`;
    const call = () => route(jsonRequest("POST", "/api/v1/requests/r1/comments", person, { body: "hello" }, { "idempotency-key": key }), params({ id: "r1" }));
    const first = await call();
    expect(first.status).toBe(API_OPERATIONS.addRequestComment.response.status);
    const firstBody = (await first.json()) as CommentDto;
    expect(first.headers.get("location")).toBe(`/comments/${firstBody.id}`);
    const again = await call();
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.headers.get("location")).toBe(`/comments/${firstBody.id}`);
    expect(await again.json()).toEqual(firstBody);
    expect(handler).toHaveBeenCalledTimes(1);
    expect(await db().idempotencyRecord.count({ where: { key } })).toBe(1);
  });
});

describe("defineRoutes()", () => {
  it("exports every method: the served ones as defined, the others a 405 with Allow naming the served ones", async () => {
    const get = defineRoute(API_OPERATIONS.getRequest, async () => new Response("get"));
    const patch = defineRoute(API_OPERATIONS.updateRequest, async () => new Response("patch"));
    const routes = defineRoutes(patch, get);
    expect(Object.keys(routes).sort()).toEqual(["DELETE", "GET", "PATCH", "POST", "PUT"]);
    expect(routes.GET).toBe(get);
    expect(routes.PATCH).toBe(patch);
    for (const method of ["POST", "PUT", "DELETE"] as const) {
      expect(isMethodNotAllowedHandler(routes[method])).toBe(true);
      const res = await routes[method](new Request("http://localhost/api/v1/requests/r1", { method }));
      expect((await problemOf(res.clone(), 405)).code).toBe("method_not_allowed");
      expect(res.headers.get("allow")).toBe("GET, PATCH, HEAD, OPTIONS");
    }
  });

  it("refuses two operations for one method, or operations of two paths", () => {
    const list = defineRoute(API_OPERATIONS.listTeams, async () => ({ items: [], nextCursor: null }));
    expect(() =>
      defineRoutes(
        list,
        defineRoute(API_OPERATIONS.listTeams, async () => ({ items: [], nextCursor: null })),
      ),
    ).toThrow(/one operation per method/);
    expect(() =>
      defineRoutes(
        list,
        defineRoute(API_OPERATIONS.getMe, async () => new Response()),
      ),
    ).toThrow(/one path/);
    expect(() => defineRoutes()).toThrow(/one path/);
  });
});
