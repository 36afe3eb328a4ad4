// Hostile input over real HTTP, against a portal run as `npm start` runs it (no PUBLIC_URL, no TRUSTED_PROXIES,
// every interface): a forged X-Forwarded-For neither dodges the sign-in limit nor locks someone else out of their
// API token; a malformed %-escape in any id, an unknown /api/v1 path and CR/LF/non-ASCII in ?next= get a 4xx, never
// a 500 or Next.js's HTML; a lone surrogate in free text is a 422.
import { readdirSync } from "node:fs";
import { networkInterfaces } from "node:os";
import { join, relative, sep } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { CreatedToken, Me } from "@/lib/schemas/access";
import type { RequestDetailDto } from "@/lib/schemas";
import { viewingHistory } from "../api/support";
import { PortalHttp, type Session } from "./http";
import { DEMO_PASSWORD, startPortal, type Portal } from "./portal-server";

const APP = join(__dirname, "..", "..", "app");
const BAD_ESCAPE = "%E0%A4%A";

/** Every file under app/ named `name`, as its URL path with [params] (route groups dropped). */
function routes(dir: string, name: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = join(dir, e.name);
    if (e.isDirectory()) return routes(full, name);
    if (e.name !== name) return [];
    return [
      "/" +
        relative(APP, dir)
          .split(sep)
          .filter((s) => !/^\(.*\)$/.test(s))
          .join("/"),
    ];
  });
}

/** The machine's first non-loopback IPv4 address: another client than 127.0.0.1, on the same machine. */
const networkAddress = () =>
  Object.values(networkInterfaces())
    .flat()
    .find((a) => a && a.family === "IPv4" && !a.internal)?.address;

describe("hostile input, with no proxy trusted", () => {
  let portal: Portal;
  /** Calls that carry a forged X-Forwarded-For: the header a client may send, not one the portal believes. */
  let forger: PortalHttp;
  let mo: Session;

  beforeAll(async () => {
    portal = await startPortal({ PUBLIC_URL: "", TRUSTED_PROXIES: "" }, { allInterfaces: true });
    forger = new PortalHttp(portal.baseUrl, "203.0.113.1");
    mo = await forger.signIn("mo@portal.local", DEMO_PASSWORD);
  });

  afterAll(async () => {
    await portal?.stop();
  });

  const signIn = (email: string, password: string, forwardedFor: string) =>
    fetch(`${portal.baseUrl}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: portal.baseUrl, "x-forwarded-for": forwardedFor },
      body: JSON.stringify({ email, password }),
    });

  it("keeps the sign-in limit when every attempt claims another address", async () => {
    const statuses: number[] = [];
    // mo's sign-in above was the first of this client's five a minute.
    for (let i = 2; i <= 8; i++) statuses.push((await signIn("sam@portal.local", `wrong-password-${i}`, `203.0.113.${i}`)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429, 429]);
    expect((await signIn("sam@portal.local", DEMO_PASSWORD, "203.0.113.99")).status).toBe(429);
  });

  it("does not let a client lock another out of its API token by naming its address", async () => {
    const victimAddress = networkAddress();
    expect(victimAddress, "this machine has no second address to be the victim at").toBeDefined();
    const teamId = (await forger.call<Me>("/api/v1/me", mo)).body.teams[0]?.id ?? "";
    const token = await forger.call<CreatedToken>("/api/v1/tokens", mo, {
      method: "POST",
      body: { name: "victim-ci", teamId, role: "member", expiresInDays: 1 },
    });
    expect(token.status).toBe(201);
    const attacks: number[] = [];
    // Both ways the victim's address can be written (a dual-stack server sees IPv4 clients as ::ffff:a.b.c.d).
    for (const forged of [victimAddress ?? "", `::ffff:${victimAddress}`]) {
      for (let i = 0; i < 11; i++)
        attacks.push((await fetch(`${portal.baseUrl}/api/v1/me`, { headers: { authorization: `Bearer dsp_guess${i}`, "x-forwarded-for": forged } })).status);
    }
    // The victim's token still works from the victim's address; the attacker locked out only itself (its real address).
    const victim = await fetch(`http://${victimAddress}:${new URL(portal.baseUrl).port}/api/v1/me`, {
      headers: { authorization: `Bearer ${token.body.secret}` },
    });
    expect(victim.status).toBe(200);
    expect(attacks.slice(-2)).toEqual([429, 429]);
  });

  it("answers a malformed %-escape in any id with a 400 — a problem document on the API", async () => {
    const apiRoutes = routes(join(APP, "api", "v1"), "route.ts").filter((r) => r.includes("[") && !r.includes("[..."));
    expect(apiRoutes.length).toBeGreaterThanOrEqual(18);
    for (const route of apiRoutes) {
      for (const method of ["GET", "POST"]) {
        const path = route.replace(/\[[^\]]+\]/g, BAD_ESCAPE);
        const res = await forger.call(path, mo, { method, ...(method === "POST" ? { body: {} } : {}) });
        expect(res.status, `${method} ${path}: ${res.text.slice(0, 200)}`).toBe(400);
        expect(res.headers.get("content-type"), path).toBe("application/problem+json");
      }
    }
    for (const route of routes(APP, "page.tsx").filter((r) => r.includes("["))) {
      const res = await forger.call(route.replace(/\[[^\]]+\]/g, BAD_ESCAPE), mo);
      expect(res.status, route).toBe(400);
    }
  });

  it("answers an unknown /api/v1 path with a 404 problem document, whatever the method", async () => {
    for (const method of ["GET", "POST", "PUT", "DELETE"]) {
      const res = await forger.call("/api/v1/datastores/x/no-such-thing", mo, { method });
      expect(res.status, method).toBe(404);
      expect(res.headers.get("content-type"), method).toBe("application/problem+json");
      expect(res.body).toMatchObject({ status: 404, code: "not_found" });
    }
  });

  it("redirects a signed-in person to a path here for CR/LF and non-ASCII in ?next=", async () => {
    for (const next of ["/%0D%0ASet-Cookie:%20x=1", "/caf%C3%A9", "/%E2%9C%93%0A"]) {
      const res = await fetch(`${portal.baseUrl}/sign-in?next=${next}`, { headers: { cookie: mo.cookie }, redirect: "manual" });
      expect(res.status, next).toBe(307);
      expect(res.headers.get("set-cookie") ?? "", next).not.toMatch(/x=1/);
      expect(new URL(res.headers.get("location") ?? "", portal.baseUrl).origin, next).toBe(portal.baseUrl);
    }
  });

  it("answers a lone surrogate in free text with a 422 naming the field", async () => {
    const teamId = (await forger.call<Me>("/api/v1/me", mo)).body.teams[0]?.id ?? "";
    const draft = await forger.call<RequestDetailDto>("/api/v1/requests", mo, {
      method: "POST",
      body: { teamId, workload: { ...viewingHistory, name: "surrogate-probe" } },
    });
    const res = await fetch(`${portal.baseUrl}/api/v1/requests/${draft.body.id}/comments`, {
      method: "POST",
      headers: { cookie: mo.cookie, origin: portal.baseUrl, "content-type": "application/json" },
      body: '{"body":"half a pair: \\ud83d"}',
    });
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ errors: [{ field: "body", message: expect.stringMatching(/surrogate/) }] });
  });
});

describe("behind a trusted proxy", () => {
  it("believes X-Forwarded-For from it: each forwarded client has its own sign-in allowance", async () => {
    // The shared portal trusts the loopback (the test runner plays the proxy).
    const baseUrl = inject("baseUrl");
    const attempt = (forwardedFor: string) =>
      fetch(`${baseUrl}/api/auth/sign-in/email`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: baseUrl, "x-forwarded-for": forwardedFor },
        body: JSON.stringify({ email: "sam@portal.local", password: "not-the-password" }),
      });
    const one: number[] = [];
    for (let i = 0; i < 6; i++) one.push((await attempt("198.51.100.70")).status);
    expect(one).toEqual([401, 401, 401, 401, 401, 429]);
    expect((await attempt("198.51.100.71")).status).toBe(401);
    expect((await new PortalHttp(baseUrl, "198.51.100.72").signIn("sam@portal.local", inject("demoPassword"))).cookie).toMatch(/session_token=/);
  });
});
