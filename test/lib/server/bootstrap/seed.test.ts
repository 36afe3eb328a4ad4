// The first-start seed: an administrator and the walkthrough's demo data, idempotent across restarts.
import { describe, expect, it } from "vitest";
import { POST as authPost } from "@/app/api/auth/[...all]/route";
import { DEMO_PASSWORD, seedPortal } from "@/lib/server/bootstrap/seed";
import { db } from "@/lib/server/db/client";

async function counts() {
  const [users, accounts, teams, memberships, audit] = await Promise.all([
    db().user.count(),
    db().account.count(),
    db().team.count(),
    db().membership.count(),
    db().auditEvent.count(),
  ]);
  return { users, accounts, teams, memberships, audit };
}

const signIn = (email: string, password: string) =>
  authPost(
    new Request("http://localhost:3000/api/auth/sign-in/email", {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}` },
      body: JSON.stringify({ email, password }),
    }),
  );

describe("seedPortal", () => {
  it("creates the admin with a one-time password, the demo teams and people, and nothing on a second run", async () => {
    const first = await seedPortal({ demo: "random" });
    expect(first.teams).toEqual(["data-platform", "streaming"]);
    expect(first.accounts.map((a) => a.email)).toEqual(["admin@portal.local", "rita@portal.local", "mo@portal.local", "sam@portal.local"]);
    for (const a of first.accounts) expect(a.password).toMatch(/^[\w-]{24}$/);
    const admin = first.accounts[0];
    expect((await signIn("admin@portal.local", admin?.password ?? "")).status).toBe(200);
    expect(await db().user.findUnique({ where: { email: "admin@portal.local" } })).toMatchObject({ isAdmin: true });
    const rita = await db().user.findUniqueOrThrow({ where: { email: "rita@portal.local" }, include: { memberships: { include: { team: true } } } });
    expect(rita.memberships.map((m) => [m.team.slug, m.role])).toEqual([["data-platform", "reviewer"]]);
    // rita reviews every team's requests (the walkthrough's reviewer): the explicit grant, not her team role.
    expect(rita.platformReviewer).toBe(true);
    expect(await db().user.count({ where: { platformReviewer: true } })).toBe(1);

    const before = await counts();
    const second = await seedPortal({ demo: "random" });
    expect(second).toEqual({ accounts: [], teams: [] });
    expect(await counts()).toEqual(before);
    // The password chosen the first time still works: the seed never touches an existing account.
    expect((await signIn("admin@portal.local", admin?.password ?? "")).status).toBe(200);
  });

  it("uses ADMIN_EMAIL/ADMIN_PASSWORD without returning the password, and the documented demo password with DEMO_SEED=1", async () => {
    const result = await seedPortal({ adminEmail: "Boss@Example.test", adminPassword: "boss-password-123", demo: "fixed" });
    expect(result.accounts.find((a) => a.email === "boss@example.test")).toEqual({ email: "boss@example.test", password: null, isAdmin: true });
    expect((await signIn("boss@example.test", "boss-password-123")).status).toBe(200);
    // The demo people exist from the first test in this file: DEMO_SEED=1 later does not change their passwords.
    expect(result.accounts.filter((a) => !a.isAdmin)).toEqual([]);
  });

  it("creates no demo data when DEMO_SEED=0", async () => {
    const before = await counts();
    const result = await seedPortal({ adminEmail: "solo@example.test", adminPassword: "solo-password-123", demo: "none" });
    expect(result.teams).toEqual([]);
    expect((await counts()).teams).toBe(before.teams);
  });

  it("gives demo people the fixed demo password on a fresh database with DEMO_SEED=1", async () => {
    await db().user.deleteMany({ where: { email: { endsWith: "@portal.local" } } });
    const result = await seedPortal({ demo: "fixed" });
    expect(result.accounts.filter((a) => !a.isAdmin).map((a) => a.password)).toEqual([null, null, null]);
    expect((await signIn("mo@portal.local", DEMO_PASSWORD)).status).toBe(200);
  });
});
