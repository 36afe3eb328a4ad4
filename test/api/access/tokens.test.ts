// API tokens through the real handlers: created for your own team at most at your own role, secret shown once and
// never stored, listed without secrets, revoked by their creator or an admin.
import { describe, expect, it } from "vitest";
import { GET as getMe } from "@/app/api/v1/me/route";
import { DELETE as revoke } from "@/app/api/v1/tokens/[id]/route";
import { GET as listTokens, POST as createToken } from "@/app/api/v1/tokens/route";
import { CreatedTokenSchema, TokenListSchema, TokenSchema } from "@/lib/schemas/access";
import { db } from "@/lib/server/db/client";
import { jsonRequest, makePerson, makeTeam, signedInPerson, type TestPerson } from "../../support/actors";
import { expectJson, expectProblem } from "../support";

const ctx = <P extends Record<string, string>>(params: P = {} as P) => ({ params: Promise.resolve(params) });
const create = (as: TestPerson, body: unknown) => createToken(jsonRequest("POST", "/api/v1/tokens", as, body), ctx());
const list = (as: TestPerson, query = "") => listTokens(jsonRequest("GET", `/api/v1/tokens${query}`, as), ctx());

const sessionPerson = (teamId: string, role: "member" | "reviewer" | "admin" | "portal-admin") => signedInPerson(role === "portal-admin" ? null : teamId, role);

describe("POST /api/v1/tokens", () => {
  it("creates a token for your team, returns the secret once, stores only its hash, and the secret works", async () => {
    const team = await makeTeam();
    const ana = await sessionPerson(team.id, "reviewer");
    const token = CreatedTokenSchema.parse(await expectJson(await create(ana, { name: "ci", teamId: team.id, role: "reviewer", expiresInDays: 30 }), 201));
    expect(token).toMatchObject({ name: "ci", teamId: team.id, role: "reviewer", status: "active", createdById: ana.userId });
    expect(token.secret).toMatch(/^dsp_/);
    expect(token.secret.startsWith(token.prefix)).toBe(true);
    expect(Date.parse(token.expiresAt) - Date.now()).toBeGreaterThan(29 * 86_400_000);

    const row = await db().apiToken.findUniqueOrThrow({ where: { id: token.id } });
    expect(JSON.stringify(row)).not.toContain(token.secret);
    const me = await expectJson(await getMe(new Request("http://localhost/api/v1/me", { headers: { authorization: `Bearer ${token.secret}` } }), ctx()));
    expect(me).toMatchObject({ kind: "token", teams: [{ id: team.id, role: "reviewer" }], token: { id: token.id, name: "ci" } });

    const listed = TokenListSchema.parse(await expectJson(await list(ana)));
    expect(listed.items.map((t) => t.id)).toContain(token.id);
    expect(JSON.stringify(listed)).not.toContain(token.secret);
    expect(await db().auditEvent.count({ where: { action: "token.created", subjectId: token.id } })).toBe(1);
  });

  it("answers 403 for a team you are not in", async () => {
    const mine = await makeTeam();
    const other = await makeTeam();
    const mo = await sessionPerson(mine.id, "member");
    const problem = await expectProblem(await create(mo, { name: "x", teamId: other.id, role: "member", expiresInDays: 7 }), 403);
    expect(problem.detail).toMatch(/team you belong to/);
  });

  it("answers 403 for a role above your own", async () => {
    const team = await makeTeam();
    const mo = await sessionPerson(team.id, "member");
    await expectProblem(await create(mo, { name: "x", teamId: team.id, role: "reviewer", expiresInDays: 7 }), 403);
    expect(await db().apiToken.count({ where: { createdById: mo.userId } })).toBe(0);
  });

  it("creates a token carrying the platform-reviewer grant only for a person who holds it", async () => {
    const team = await makeTeam();
    const reviewer = await sessionPerson(team.id, "reviewer");
    const refused = await expectProblem(
      await create(reviewer, { name: "x", teamId: team.id, role: "reviewer", platformReviewer: true, expiresInDays: 7 }),
      403,
    );
    expect(refused.errors).toEqual([{ field: "platformReviewer", message: expect.stringMatching(/grant/) }]);
    expect(await db().apiToken.count({ where: { createdById: reviewer.userId } })).toBe(0);
    await db().user.update({ where: { id: reviewer.userId }, data: { platformReviewer: true } });
    const token = CreatedTokenSchema.parse(
      await expectJson(await create(reviewer, { name: "all-teams", teamId: team.id, role: "reviewer", platformReviewer: true, expiresInDays: 7 }), 201),
    );
    expect(token).toMatchObject({ role: "reviewer", platformReviewer: true });
    const me = await getMe(new Request("http://localhost/api/v1/me", { headers: { authorization: `Bearer ${token.secret}` } }), ctx());
    expect(await me.json()).toMatchObject({ kind: "token", platformReviewer: true });
  });

  it("does not let a token create tokens", async () => {
    const team = await makeTeam();
    const bot = await makePerson(team.id, "reviewer");
    await expectProblem(await create(bot, { name: "x", teamId: team.id, role: "member", expiresInDays: 7 }), 403);
  });

  it.each([
    ["an expiry of 0 days", { expiresInDays: 0 }, "expiresInDays"],
    ["an expiry over a year", { expiresInDays: 366 }, "expiresInDays"],
    ["the admin role", { role: "admin" }, "role"],
    ["an unknown field", { scopes: ["all"] }, "scopes"],
    ["an empty name", { name: " " }, "name"],
  ])("answers 422 naming the field for %s", async (_what, patch, field) => {
    const team = await makeTeam();
    const ana = await sessionPerson(team.id, "reviewer");
    const problem = await expectProblem(await create(ana, { name: "ci", teamId: team.id, role: "member", expiresInDays: 30, ...patch }), 422);
    expect(problem.errors?.map((e) => e.field)).toContain(field);
  });
});

describe("GET /api/v1/tokens", () => {
  it("lists only your own; ?all=true is for portal admins", async () => {
    const team = await makeTeam();
    const ana = await sessionPerson(team.id, "member");
    const bob = await sessionPerson(team.id, "member");
    for (const p of [ana, bob]) await expectJson(await create(p, { name: "ci", teamId: team.id, role: "member", expiresInDays: 7 }), 201);
    const listed = TokenListSchema.parse(await expectJson(await list(ana)));
    expect(listed.items.map((t) => t.createdById)).toEqual([ana.userId]);
    await expectProblem(await list(ana, "?all=true"), 403);
    const admin = await sessionPerson(team.id, "portal-admin");
    const all = TokenListSchema.parse(await expectJson(await list(admin, "?all=true&limit=200")));
    expect(all.items.map((t) => t.createdById)).toEqual(expect.arrayContaining([ana.userId, bob.userId]));
  });

  it("pages with a cursor", async () => {
    const team = await makeTeam();
    const ana = await sessionPerson(team.id, "member");
    for (let i = 0; i < 3; i++) await expectJson(await create(ana, { name: `t${i}`, teamId: team.id, role: "member", expiresInDays: 1 }), 201);
    const first = TokenListSchema.parse(await expectJson(await list(ana, "?limit=2")));
    expect(first.items).toHaveLength(2);
    const second = TokenListSchema.parse(await expectJson(await list(ana, `?limit=2&cursor=${first.nextCursor}`)));
    expect(new Set([...first.items, ...second.items].map((t) => t.id)).size).toBe(3);
    expect(second.nextCursor).toBeNull();
  });
});

describe("DELETE /api/v1/tokens/{id}", () => {
  it("revokes your token: it stops working at once, and revoking again is harmless", async () => {
    const team = await makeTeam();
    const ana = await sessionPerson(team.id, "member");
    const token = CreatedTokenSchema.parse(await expectJson(await create(ana, { name: "ci", teamId: team.id, role: "member", expiresInDays: 30 }), 201));
    const revoked = TokenSchema.parse(await expectJson(await revoke(jsonRequest("DELETE", `/api/v1/tokens/${token.id}`, ana), ctx({ id: token.id }))));
    expect(revoked.status).toBe("revoked");
    await expectProblem(await getMe(new Request("http://localhost/api/v1/me", { headers: { authorization: `Bearer ${token.secret}` } }), ctx()), 401);
    await expectJson(await revoke(jsonRequest("DELETE", `/api/v1/tokens/${token.id}`, ana), ctx({ id: token.id })));
    expect(await db().auditEvent.count({ where: { action: "token.revoked", subjectId: token.id } })).toBe(1);
  });

  it("answers 404 for someone else's token; a portal admin may revoke it", async () => {
    const team = await makeTeam();
    const ana = await sessionPerson(team.id, "member");
    const bob = await sessionPerson(team.id, "member");
    const token = CreatedTokenSchema.parse(await expectJson(await create(ana, { name: "ci", teamId: team.id, role: "member", expiresInDays: 30 }), 201));
    await expectProblem(await revoke(jsonRequest("DELETE", `/api/v1/tokens/${token.id}`, bob), ctx({ id: token.id })), 404);
    const admin = await sessionPerson(team.id, "portal-admin");
    await expectJson(await revoke(jsonRequest("DELETE", `/api/v1/tokens/${token.id}`, admin), ctx({ id: token.id })));
  });
});
