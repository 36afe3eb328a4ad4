// Browser-session writes must come from the portal's own pages: every state-changing route refuses a session cookie
// sent from another origin — a sibling port or subdomain is same-site, so the cookie rides along — including the
// empty-body POSTs (submit, cancel, retry, withdraw) that no Content-Type check stops. API tokens are exempt: a page
// cannot make a browser attach one.
import { readdirSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { isMethodNotAllowedHandler } from "@/lib/server/http/method-not-allowed";
import { makePerson, makeTeam, signedInPerson, type TestPerson } from "../../support/actors";
import { api, draft, json } from "../../support/requests";
import { expectProblem } from "../support";

const API_DIR = join(__dirname, "..", "..", "..", "app", "api", "v1");
const UNSAFE = ["POST", "PUT", "PATCH", "DELETE"] as const;

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? routeFiles(join(dir, e.name)) : e.name === "route.ts" ? [join(dir, e.name)] : [],
  );
}

let team: { id: string };
let mo: TestPerson;
let moToken: TestPerson;
beforeAll(async () => {
  team = await makeTeam();
  mo = await signedInPerson(team.id, "member", "mo");
  moToken = await makePerson(team.id, "member", "mo-token");
});

/** mo's session cookie with other browser headers. */
const withCookie = (headers: Record<string, string>): TestPerson => ({ ...mo, headers: { cookie: mo.headers.cookie ?? "", ...headers } });

describe("a session-cookie write from another origin", () => {
  it.each([
    ["a sibling port", { origin: "http://localhost:3001", "sec-fetch-site": "same-site" }],
    ["a sibling subdomain", { origin: "http://evil.localhost", "sec-fetch-site": "same-site" }],
    ["another site", { origin: "https://evil.example", "sec-fetch-site": "cross-site" }],
    ["an opaque origin (sandboxed frame)", { origin: "null", "sec-fetch-site": "cross-site" }],
    ["no Origin, Sec-Fetch-Site same-site", { "sec-fetch-site": "same-site" }],
    ["neither Origin nor Sec-Fetch-Site", {}],
  ])("is refused from %s (403), and the empty-body submit changes nothing", async (_from, headers) => {
    const d = await draft(moToken, team.id);
    const p = await expectProblem(await api.submit(withCookie(headers), d.id), 403);
    expect(p.detail).toMatch(/refused|Origin/);
    expect((await json(await api.get(moToken, d.id), 200)).status).toBe("draft");
  });

  it("is accepted from the portal's own origin, or with Sec-Fetch-Site same-origin and no Origin", async () => {
    expect((await json(await api.submit(withCookie({ origin: "http://localhost" }), (await draft(moToken, team.id)).id), 200)).status).toBe("submitted");
    expect((await json(await api.submit(withCookie({ "sec-fetch-site": "same-origin" }), (await draft(moToken, team.id)).id), 200)).status).toBe("submitted");
  });

  it("does not concern API tokens, whatever Origin comes with them", async () => {
    const d = await draft(moToken, team.id);
    const evil = { ...moToken, headers: { ...moToken.headers, origin: "https://evil.example" } };
    expect((await json(await api.submit(evil, d.id), 200)).status).toBe("submitted");
  });

  it("is refused on every state-changing route of the API, before anything else happens", async () => {
    const files = routeFiles(API_DIR).filter((f) => !relative(API_DIR, f).includes("[..."));
    let checked = 0;
    for (const file of files) {
      const mod = (await import(file)) as Record<string, unknown>;
      const path = "/api/v1/" + relative(API_DIR, file).split(sep).slice(0, -1).join("/");
      for (const method of UNSAFE) {
        const handler = mod[method];
        if (typeof handler !== "function" || isMethodNotAllowedHandler(handler)) continue;
        const request = new Request(`http://localhost${path}`, {
          method,
          headers: { cookie: mo.headers.cookie ?? "", origin: "http://localhost:3001", "content-type": "application/json" },
          body: "{}",
        });
        const res = await (handler as (r: Request, c: unknown) => Promise<Response>)(request, {
          params: Promise.resolve({ id: "x", changeId: "x", teamId: "x", userId: "x" }),
        });
        expect(res.status, `${method} ${path}`).toBe(403);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(20);
  });
});
