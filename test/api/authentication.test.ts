// Every API route requires a session or a token: without credentials each documented operation answers 401 before
// it reads its input; only the OpenAPI document is public. Bad tokens are counted per client IP and audited.
import { readdirSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { GET as getMe } from "@/app/api/v1/me/route";
import { openApiDocument } from "@/lib/openapi/document";
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { TOKEN_FAILURE_LIMIT } from "@/lib/server/auth/token-rate-limit";
import { db } from "@/lib/server/db/client";
import { makePerson, makeTeam } from "../support/actors";
import { BASE, expectJson, expectProblem } from "./support";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const API_DIR = join(ROOT, "app", "api", "v1");

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = join(dir, e.name);
    if (e.isDirectory()) return routeFiles(full);
    return /^route\.ts$/.test(e.name) ? [full] : [];
  });
}

const urlPathOf = (file: string) =>
  "/" +
  relative(join(ROOT, "app"), file)
    .split(sep)
    .slice(0, -1)
    .map((s) => s.replace(/^\[(?:\.\.\.)?(.+)\]$/, "{$1}"))
    .join("/");

type RouteHandler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

describe("every documented operation needs credentials", () => {
  const byPath = new Map(routeFiles(API_DIR).map((f) => [urlPathOf(f), f]));
  const operations = Object.entries(API_OPERATIONS).filter(([, op]) => !("public" in op && op.public));

  it("documents a security requirement for the API and leaves only the OpenAPI document and the datastore file's JSON Schema public", () => {
    const doc = openApiDocument() as { security?: unknown; components: { securitySchemes?: Record<string, unknown> } };
    expect(doc.security).toEqual([{ bearerToken: [] }, { sessionCookie: [] }]);
    expect(Object.keys(doc.components.securitySchemes ?? {})).toEqual(["bearerToken", "sessionCookie"]);
    expect(
      Object.entries(API_OPERATIONS)
        .filter(([, op]) => "public" in op && op.public)
        .map(([id]) => id),
    ).toEqual(["getOpenApiDocument", "getDatastoreFileSchema"]);
  });

  it.each(operations.map(([id, op]) => [id, op.method, op.path] as const))("%s (%s %s) answers 401 without credentials", async (_id, method, path) => {
    // A custom method (`/operations/{id}:cancel`, deprecated) is served by its resource's route file, which
    // dispatches on the suffix.
    const routePath = path.replace(/:[a-z]+$/, "");
    const file = byPath.get(routePath);
    expect(file, `${path} has no route file`).toBeDefined();
    const mod = (await import(file ?? "")) as Record<string, RouteHandler>;
    const handler = mod[method];
    expect(typeof handler).toBe("function");
    const concrete = path.replace(/\{[^}]+\}/g, "x");
    // The params Next passes: each `{name}` segment of the route path as the URL has it (`x:cancel` for a custom method).
    const segments = concrete.split("/");
    const params = Object.fromEntries(routePath.split("/").flatMap((s, i) => (/^\{.+\}$/.test(s) ? [[s.slice(1, -1), segments[i] ?? ""]] : [])));
    const body = method === "GET" || method === "DELETE" ? {} : { body: "{}", headers: { "content-type": "application/json" } };
    const res = await (handler as RouteHandler)(new Request(`${BASE}${concrete}`, { method, ...body }), { params: Promise.resolve(params) });
    const problem = await expectProblem(res, 401);
    expect(problem.code).toBe("unauthenticated");
  });
});

describe("bearer tokens", () => {
  const meWith = (authorization: string, ip: string) =>
    getMe(new Request(`${BASE}/api/v1/me`, { headers: { authorization, "x-forwarded-for": ip } }), { params: Promise.resolve({}) });

  it("audits a failed token attempt with the visible prefix, never the secret", async () => {
    const guess = "dsp_AAAAAAguessedsecretthatislong";
    await expectProblem(await meWith(`Bearer ${guess}`, "198.51.100.7"), 401);
    const event = await db().auditEvent.findFirst({ where: { action: "auth.token.failed" }, orderBy: { at: "desc" } });
    expect(event).toMatchObject({ actor: "system", subjectType: "token", subjectId: "dsp_AAAAAA" });
    expect(JSON.stringify(event)).not.toContain(guess);
    expect(event?.detail).toMatchObject({ ip: "198.51.100.7" });
  });

  it(`answers 429 after ${TOKEN_FAILURE_LIMIT.max} failed attempts from one address, even for a good token, and leaves other addresses alone`, async () => {
    const team = await makeTeam();
    const person = await makePerson(team.id, "member");
    const good = person.headers.authorization ?? "";
    for (let i = 0; i < TOKEN_FAILURE_LIMIT.max; i++) await expectProblem(await meWith(`Bearer dsp_wrong${i}`, "203.0.113.9"), 401);
    const limited = await expectProblem(await meWith(good, "203.0.113.9"), 429);
    expect(limited.code).toBe("rate_limited");
    await expectJson(await meWith(good, "203.0.113.10"));
  });

  it("counts only failures: a good token used many times is never limited", async () => {
    const team = await makeTeam();
    const person = await makePerson(team.id, "member");
    for (let i = 0; i < TOKEN_FAILURE_LIMIT.max + 2; i++) await expectJson(await meWith(person.headers.authorization ?? "", "192.0.2.44"));
  });

  it("never acts above its creator's current role, and stops when they leave the team", async () => {
    const team = await makeTeam();
    const person = await makePerson(team.id, "reviewer");
    const auth = person.headers.authorization ?? "";
    await db().membership.updateMany({ where: { userId: person.userId, teamId: team.id }, data: { role: "member" } });
    const me = (await expectJson(await meWith(auth, "192.0.2.50"))) as { teams: { role: string }[] };
    expect(me.teams.map((t) => t.role)).toEqual(["member"]);
    await db().membership.deleteMany({ where: { userId: person.userId, teamId: team.id } });
    await expectProblem(await meWith(auth, "192.0.2.50"), 401);
  });
});
