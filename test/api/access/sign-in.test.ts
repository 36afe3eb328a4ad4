// Browser sign-in through the real better-auth handler: a session cookie that the API accepts, failed attempts
// audited, sign-in rate limited per client IP, and no open sign-up.
import { describe, expect, it } from "vitest";
import { GET as authGet, POST as authPost } from "@/app/api/auth/[...all]/route";
import { GET as getMe } from "@/app/api/v1/me/route";
import { createLocalAccount } from "@/lib/server/access/local-account";
import { SIGN_IN_RATE_LIMIT } from "@/lib/server/auth/auth-config";
import { db } from "@/lib/server/db/client";
import { MeSchema } from "@/lib/schemas/access";
import { makeTeam } from "../../support/actors";
import { expectJson, expectProblem } from "../support";

const AUTH = "http://localhost:3000/api/auth";
const PASSWORD = "correct-horse-battery";

async function person(email: string, isAdmin = false) {
  return db().$transaction((tx) => createLocalAccount(tx, { name: email.split("@")[0] ?? email, email, password: PASSWORD, isAdmin }));
}

function signIn(email: string, password: string, ip: string) {
  return authPost(
    new Request(`${AUTH}/sign-in/email`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": ip },
      body: JSON.stringify({ email, password }),
    }),
  );
}

/** The session cookie a browser would send back: name=value pairs of Set-Cookie. */
function cookieOf(res: Response): string {
  return res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

const me = (headers: Record<string, string>) => getMe(new Request("http://localhost/api/v1/me", { headers }), { params: Promise.resolve({}) });

describe("sign-in with email and password", () => {
  it("sets a session cookie that GET /api/v1/me accepts, with the person's teams and roles", async () => {
    const user = await person("ana@example.test");
    const team = await makeTeam("sign-in-team");
    await db().membership.create({ data: { userId: user.id, teamId: team.id, role: "reviewer" } });
    const res = await signIn("ana@example.test", PASSWORD, "192.0.2.1");
    expect(res.status, await res.clone().text()).toBe(200);
    const cookie = cookieOf(res);
    expect(cookie).toMatch(/session_token=/);
    const body = MeSchema.parse(await expectJson(await me({ cookie })));
    expect(body).toMatchObject({ kind: "session", user: { id: user.id, email: "ana@example.test" }, isAdmin: false, token: null });
    expect(body.teams).toEqual([{ id: team.id, slug: "sign-in-team", name: team.name, role: "reviewer" }]);
  });

  it("answers 401 for a wrong password and audits the attempt without the password", async () => {
    const user = await person("ben@example.test");
    const res = await signIn("ben@example.test", "not-the-password", "192.0.2.2");
    expect(res.status).toBe(401);
    expect(res.headers.getSetCookie()).toEqual([]);
    const events = await db().auditEvent.findMany({ where: { action: "auth.sign-in.failed", subjectId: user.id } });
    expect(events).toHaveLength(1);
    expect(events[0]?.detail).toMatchObject({ email: "ben@example.test", ip: "192.0.2.2" });
    expect(JSON.stringify(events)).not.toContain("not-the-password");
  });

  it("audits attempts for unknown emails too", async () => {
    expect((await signIn("nobody@example.test", "whatever-password", "192.0.2.3")).status).toBe(401);
    expect(await db().auditEvent.count({ where: { action: "auth.sign-in.failed", subjectId: "nobody@example.test" } })).toBe(1);
  });

  it(`rate-limits sign-in after ${SIGN_IN_RATE_LIMIT.max} attempts per minute from one address, in the shared rate_limits table`, async () => {
    await person("cleo@example.test");
    for (let i = 0; i < SIGN_IN_RATE_LIMIT.max; i++) expect((await signIn("cleo@example.test", `wrong-password-${i}`, "198.51.100.20")).status).toBe(401);
    // Even the right password waits now; another address does not.
    expect((await signIn("cleo@example.test", PASSWORD, "198.51.100.20")).status).toBe(429);
    expect((await signIn("cleo@example.test", PASSWORD, "198.51.100.21")).status).toBe(200);
    expect(await db().rateLimit.count({ where: { key: { contains: "198.51.100.20" } } })).toBe(1);
  });

  it("never rate-limits reading one's own session: an office behind one address loads pages all day", async () => {
    await person("dara@example.test");
    const cookie = cookieOf(await signIn("dara@example.test", PASSWORD, "198.51.100.30"));
    // Every page load asks for the session; better-auth's default (100 a minute per address and path) would answer
    // 429 to a whole office sharing one NAT address after a hundred page views.
    const statuses = new Set<number>();
    for (let i = 0; i < 150; i++) {
      const res = await authGet(new Request(`${AUTH}/get-session`, { headers: { cookie, "x-forwarded-for": "198.51.100.30" } }));
      statuses.add(res.status);
    }
    expect([...statuses]).toEqual([200]);
  });

  it("accepts the origin the request arrived on when PUBLIC_URL is unset (Host and scheme), and no other", async () => {
    await person("gia@example.test");
    // Next.js builds the request URL from its own idea of the host (http://localhost:PORT), whatever the browser used.
    const attempt = (origin: string, host: string) =>
      authPost(
        new Request(`${AUTH}/sign-in/email`, {
          method: "POST",
          headers: { "content-type": "application/json", "x-forwarded-for": "192.0.2.31", host, "x-forwarded-proto": "http", origin },
          body: JSON.stringify({ email: "gia@example.test", password: PASSWORD }),
        }),
      );
    expect((await attempt("http://127.0.0.1:3000", "127.0.0.1:3000")).status).toBe(200);
    expect((await attempt("http://192.0.2.2:3000", "192.0.2.2:3000")).status).toBe(200);
    const refused = await attempt("http://evil.example", "127.0.0.1:3000");
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ code: "INVALID_ORIGIN" });
  });

  it("has no open sign-up, and sign-up cannot make anyone an admin", async () => {
    const res = await authPost(
      new Request(`${AUTH}/sign-up/email`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-forwarded-for": "192.0.2.9" },
        body: JSON.stringify({ email: "eve@example.test", password: "eve-password-123", name: "Eve", isAdmin: true }),
      }),
    );
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(await db().user.findUnique({ where: { email: "eve@example.test" } })).toBeNull();
  });

  it("refuses a forged session cookie with 401", async () => {
    await expectProblem(await me({ cookie: "better-auth.session_token=forged.value" }), 401);
  });

  it("signs out: the cookie no longer works", async () => {
    await person("dan@example.test");
    const cookie = cookieOf(await signIn("dan@example.test", PASSWORD, "192.0.2.5"));
    await expectJson(await me({ cookie }));
    const out = await authPost(
      new Request(`${AUTH}/sign-out`, { method: "POST", headers: { cookie, origin: "http://localhost:3000", "content-type": "application/json" }, body: "{}" }),
    );
    expect(out.status).toBe(200);
    await expectProblem(await me({ cookie }), 401);
  });
});
