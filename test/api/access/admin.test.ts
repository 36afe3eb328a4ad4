// Administration through the real handlers: users, teams and memberships are for portal admins only (403 for
// everyone else, tokens included), every change is audited, and a generated password is shown once.
import { describe, expect, it } from "vitest";
import { PATCH as patchUser } from "@/app/api/v1/admin/users/[id]/route";
import { GET as listUsers, POST as postUser } from "@/app/api/v1/admin/users/route";
import { POST as addMember } from "@/app/api/v1/teams/[teamId]/members/route";
import { DELETE as removeMember, PATCH as patchMember } from "@/app/api/v1/teams/[teamId]/members/[userId]/route";
import { GET as listTeams, POST as postTeam } from "@/app/api/v1/teams/route";
import { AdminUserListSchema, CreatedUserSchema, TeamListSchema, TeamSchema } from "@/lib/schemas/access";
import { db } from "@/lib/server/db/client";
import { jsonRequest, makePerson, makeTeam, signedInPerson, type TestPerson } from "../../support/actors";
import { expectJson, expectProblem } from "../support";

const ctx = <P extends Record<string, string>>(params: P = {} as P) => ({ params: Promise.resolve(params) });

describe("admin routes refuse everyone but portal admins", () => {
  it.each(["member", "reviewer", "admin"] as const)("a team %s gets 403 on every admin operation, and nothing changes", async (role) => {
    const team = await makeTeam();
    const p = await signedInPerson(team.id, role);
    const victim = await makePerson(team.id, "member");
    const before = await db().auditEvent.count();
    await expectProblem(await listUsers(jsonRequest("GET", "/api/v1/admin/users", p), ctx()), 403);
    await expectProblem(await postUser(jsonRequest("POST", "/api/v1/admin/users", p, { name: "X", email: "x@example.test" }), ctx()), 403);
    await expectProblem(await patchUser(jsonRequest("PATCH", `/api/v1/admin/users/${p.userId}`, p, { isAdmin: true }), ctx({ id: p.userId })), 403);
    await expectProblem(await patchUser(jsonRequest("PATCH", `/api/v1/admin/users/${p.userId}`, p, { platformReviewer: true }), ctx({ id: p.userId })), 403);
    await expectProblem(await postTeam(jsonRequest("POST", "/api/v1/teams", p, { slug: "sneaky", name: "Sneaky" }), ctx()), 403);
    await expectProblem(
      await addMember(jsonRequest("POST", `/api/v1/teams/${team.id}/members`, p, { userId: p.userId, role: "admin" }), ctx({ teamId: team.id })),
      403,
    );
    await expectProblem(await patchMember(jsonRequest("PATCH", "/x", p, { role: "admin" }), ctx({ teamId: team.id, userId: victim.userId })), 403);
    await expectProblem(await removeMember(jsonRequest("DELETE", "/x", p), ctx({ teamId: team.id, userId: victim.userId })), 403);
    expect(await db().auditEvent.count()).toBe(before);
    expect(await db().user.findUniqueOrThrow({ where: { id: p.userId } })).toMatchObject({ isAdmin: false, platformReviewer: false });
  });

  it("a token never administers, even one created by a portal admin", async () => {
    const admin = await makePerson(null, "portal-admin");
    await expectProblem(await listUsers(jsonRequest("GET", "/api/v1/admin/users", admin), ctx()), 403);
  });
});

describe("portal admins", () => {
  let admin: TestPerson;
  const as = async () => (admin ??= await signedInPerson(null, "portal-admin"));

  it("create a user with a generated password shown once, which signs in", async () => {
    const res = await postUser(jsonRequest("POST", "/api/v1/admin/users", await as(), { name: "Nia", email: "Nia@Example.test" }), ctx());
    const user = CreatedUserSchema.parse(await expectJson(res, 201));
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(user).toMatchObject({ email: "nia@example.test", isAdmin: false, memberships: [] });
    expect(user.password).toMatch(/^[\w-]{24}$/);
    const { POST } = await import("@/app/api/auth/[...all]/route");
    const signIn = await POST(
      new Request("http://localhost:3000/api/auth/sign-in/email", {
        method: "POST",
        headers: { "content-type": "application/json", "x-forwarded-for": "10.200.0.1" },
        body: JSON.stringify({ email: "nia@example.test", password: user.password }),
      }),
    );
    expect(signIn.status).toBe(200);
    const listed = AdminUserListSchema.parse(await expectJson(await listUsers(jsonRequest("GET", "/api/v1/admin/users", await as()), ctx())));
    expect(JSON.stringify(listed)).not.toContain(user.password ?? "");
    await expectProblem(await postUser(jsonRequest("POST", "/api/v1/admin/users", await as(), { name: "Nia", email: "nia@example.test" }), ctx()), 409);
    expect(await db().auditEvent.count({ where: { action: "user.created", subjectId: user.id } })).toBe(1);
  });

  it("grant and withdraw admin rights, but never their own", async () => {
    const other = await makePerson(null, "member");
    const granted = await expectJson(await patchUser(jsonRequest("PATCH", "/x", await as(), { isAdmin: true }), ctx({ id: other.userId })));
    expect(granted).toMatchObject({ id: other.userId, isAdmin: true });
    await expectProblem(await patchUser(jsonRequest("PATCH", "/x", await as(), { isAdmin: false }), ctx({ id: (await as()).userId })), 409);
    await expectProblem(await patchUser(jsonRequest("PATCH", "/x", await as(), { isAdmin: true }), ctx({ id: "nobody" })), 404);
    expect(await db().auditEvent.count({ where: { action: "user.admin-granted", subjectId: other.userId } })).toBe(1);
  });

  it("grant and withdraw platform review (reviewing every team's requests), audited; an empty change is a 422", async () => {
    const person = await makePerson(null, "member");
    const granted = await expectJson(await patchUser(jsonRequest("PATCH", "/x", await as(), { platformReviewer: true }), ctx({ id: person.userId })));
    expect(granted).toMatchObject({ id: person.userId, platformReviewer: true, isAdmin: false });
    expect(await db().user.findUniqueOrThrow({ where: { id: person.userId } })).toMatchObject({ platformReviewer: true });
    const withdrawn = await expectJson(await patchUser(jsonRequest("PATCH", "/x", await as(), { platformReviewer: false }), ctx({ id: person.userId })));
    expect(withdrawn).toMatchObject({ platformReviewer: false });
    const actions = (await db().auditEvent.findMany({ where: { subjectId: person.userId }, orderBy: { at: "asc" } })).map((e) => e.action);
    expect(actions).toEqual(["user.platform-reviewer-granted", "user.platform-reviewer-revoked"]);
    const empty = await expectProblem(await patchUser(jsonRequest("PATCH", "/x", await as(), {}), ctx({ id: person.userId })), 422);
    expect(empty.detail).toMatch(/1 invalid field/);
    const created = CreatedUserSchema.parse(
      await expectJson(
        await postUser(jsonRequest("POST", "/api/v1/admin/users", await as(), { name: "Pia", email: "pia@example.test", platformReviewer: true }), ctx()),
        201,
      ),
    );
    expect(created.platformReviewer).toBe(true);
  });

  it("create teams (slugs unique) and manage memberships, audited; removing a member revokes their team tokens", async () => {
    const team = TeamSchema.parse(
      await expectJson(await postTeam(jsonRequest("POST", "/api/v1/teams", await as(), { slug: "search", name: "Search" }), ctx()), 201),
    );
    await expectProblem(await postTeam(jsonRequest("POST", "/api/v1/teams", await as(), { slug: "search", name: "Again" }), ctx()), 409);
    const problem = await expectProblem(await postTeam(jsonRequest("POST", "/api/v1/teams", await as(), { slug: "Not A Slug", name: "X" }), ctx()), 422);
    expect(problem.errors?.map((e) => e.field)).toEqual(["slug"]);

    const person = await makePerson(null, "member");
    const added = TeamSchema.parse(
      await expectJson(await addMember(jsonRequest("POST", "/x", await as(), { userId: person.userId, role: "member" }), ctx({ teamId: team.id }))),
    );
    expect(added.members).toMatchObject([{ userId: person.userId, role: "member" }]);
    const changed = TeamSchema.parse(
      await expectJson(await patchMember(jsonRequest("PATCH", "/x", await as(), { role: "reviewer" }), ctx({ teamId: team.id, userId: person.userId }))),
    );
    expect(changed.members[0]?.role).toBe("reviewer");
    await db().apiToken.create({
      data: {
        name: "bot",
        prefix: "dsp_xxxxxx",
        hash: "h-remove-test",
        teamId: team.id,
        role: "member",
        createdById: person.userId,
        expiresAt: new Date(Date.now() + 86_400_000),
      },
    });
    const removed = TeamSchema.parse(
      await expectJson(await removeMember(jsonRequest("DELETE", "/x", await as()), ctx({ teamId: team.id, userId: person.userId }))),
    );
    expect(removed.members).toEqual([]);
    expect((await db().apiToken.findUniqueOrThrow({ where: { hash: "h-remove-test" } })).revokedAt).toBeInstanceOf(Date);
    await expectProblem(await removeMember(jsonRequest("DELETE", "/x", await as()), ctx({ teamId: team.id, userId: person.userId })), 404);
    const actions = (await db().auditEvent.findMany({ where: { subjectType: "team", subjectId: team.id }, orderBy: { at: "asc" } })).map((e) => e.action);
    expect(actions).toEqual(["team.created", "membership.added", "membership.role-changed", "membership.removed"]);
  });
});

describe("GET /api/v1/teams", () => {
  it("shows members and team reviewers their own teams with their role, and platform reviewers every team", async () => {
    const mine = await makeTeam();
    const other = await makeTeam();
    const mo = await signedInPerson(mine.id, "member");
    const seen = TeamListSchema.parse(await expectJson(await listTeams(jsonRequest("GET", "/api/v1/teams", mo), ctx())));
    expect(seen.items.map((t) => [t.id, t.role])).toEqual([[mine.id, "member"]]);
    const teamReviewer = await signedInPerson(other.id, "reviewer");
    const own = TeamListSchema.parse(await expectJson(await listTeams(jsonRequest("GET", "/api/v1/teams", teamReviewer), ctx())));
    expect(own.items.map((t) => [t.id, t.role])).toEqual([[other.id, "reviewer"]]);
    const rita = await signedInPerson(other.id, "reviewer", "rita", { platformReviewer: true });
    const all = TeamListSchema.parse(await expectJson(await listTeams(jsonRequest("GET", "/api/v1/teams", rita), ctx())));
    expect(all.items.map((t) => t.id)).toEqual(expect.arrayContaining([mine.id, other.id]));
    expect(all.items.find((t) => t.id === mine.id)?.role).toBeNull();
  });
});
