// Security headers on every page type, in a real browser: a Content Security Policy whose scripts run only with
// this response's nonce (no 'unsafe-inline' scripts), frame-ancestors 'none', nosniff and a Referrer-Policy — with
// no CSP violation reported while each page loads and works (its scripts hydrate it and react to a click). API
// responses carry the headers too. HSTS only when PUBLIC_URL is https.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import type { RequestDetailDto } from "@/lib/schemas";
import type { DatastoreList } from "@/lib/schemas/datastore";
import type { Me } from "@/lib/schemas/access";
import { viewingHistory } from "../api/support";
import { CHROMIUM_ARGS, PortalHttp, type Session } from "./http";
import { startPortal } from "./portal-server";

const SHOTS = "/tmp/shots-10s";

/** The directives of a CSP header, by name. */
function directives(csp: string | undefined): Map<string, string[]> {
  return new Map(
    (csp ?? "")
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name = "", ...values]) => [name, values]),
  );
}

function expectPageHeaders(headers: Record<string, string>, where: string): string {
  const csp = directives(headers["content-security-policy"]);
  const scripts = csp.get("script-src") ?? [];
  const nonce = scripts.find((s) => /^'nonce-[A-Za-z0-9+/=]{16,}'$/.test(s));
  expect(nonce, `${where}: script-src ${scripts.join(" ")}`).toBeDefined();
  expect(scripts, where).not.toContain("'unsafe-inline'");
  expect(scripts, where).not.toContain("'unsafe-eval'");
  expect(csp.get("frame-ancestors"), where).toEqual(["'none'"]);
  expect(csp.get("object-src"), where).toEqual(["'none'"]);
  expect(headers["x-content-type-options"], where).toBe("nosniff");
  expect(headers["referrer-policy"], where).toBe("strict-origin-when-cross-origin");
  expect(headers["strict-transport-security"], `${where}: PUBLIC_URL is http`).toBeUndefined();
  return nonce ?? "";
}

describe("security headers on every page type", () => {
  const baseUrl = inject("baseUrl");
  const http = new PortalHttp(baseUrl, "198.51.100.62");
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const sessions: Record<"mo" | "rita" | "admin", Session | null> = { mo: null, rita: null, admin: null };
  const ids = { draft: "", submitted: "", datastore: "" };
  const nonces: string[] = [];

  beforeAll(async () => {
    const password = inject("demoPassword");
    sessions.mo = await http.signIn("mo@portal.local", password);
    sessions.rita = await http.signIn("rita@portal.local", password);
    sessions.admin = await http.signIn("admin@portal.local", inject("adminPassword"));
    const teamId = (await http.call<Me>("/api/v1/me", sessions.mo)).body.teams[0]?.id ?? "";
    const create = async (name: string) =>
      (await http.call<RequestDetailDto>("/api/v1/requests", sessions.mo ?? {}, { method: "POST", body: { teamId, workload: { ...viewingHistory, name } } }))
        .body.id;
    ids.draft = await create("headers-draft");
    ids.submitted = await create("headers-submitted");
    expect((await http.call(`/api/v1/requests/${ids.submitted}/submit`, sessions.mo, { method: "POST" })).status).toBe(200);
    const toApprove = await create("headers-approved");
    expect((await http.call(`/api/v1/requests/${toApprove}/submit`, sessions.mo, { method: "POST" })).status).toBe(200);
    expect((await http.call(`/api/v1/requests/${toApprove}/decisions`, sessions.rita, { method: "POST", body: { decision: "approved" } })).status).toBe(200);
    ids.datastore = (await http.call<DatastoreList>("/api/v1/datastores?q=headers-approved", sessions.mo)).body.items[0]?.id ?? "";
    expect(ids.datastore).not.toBe("");
    browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
  });

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
  });

  /** A page for `who` that records CSP violations (the DOM event, before any script of the page runs) and console errors. */
  async function pageFor(who: keyof typeof sessions | null): Promise<{ page: Page; problems: string[] }> {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, baseURL: baseUrl });
    contexts.push(context);
    const session = who ? sessions[who] : null;
    if (session) await context.addCookies(session.cookies.map((c) => ({ ...c, url: baseUrl })));
    await context.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (e) => {
        console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || "inline"}`);
      });
    });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error" || /Content Security Policy/.test(m.text())) problems.push(m.text());
    });
    page.on("pageerror", (e) => problems.push(e.message));
    return { page, problems };
  }

  /** Each page type: who opens it, and what shows that its scripts ran. */
  const PAGES: [string, keyof typeof sessions | null, () => string, (page: Page) => Promise<void>][] = [
    [
      "sign-in",
      null,
      () => "/sign-in",
      async (page) => {
        await page.getByRole("button", { name: "Sign in" }).click();
        await page.getByText("is required").first().waitFor();
      },
    ],
    [
      "planner",
      null,
      () => "/plan",
      async (page) => {
        await page.getByTestId("preset-viewing-history").click();
        await page.locator('[data-testid="recommended-family"][data-family="cassandra"]').first().waitFor();
      },
    ],
    [
      "not found",
      null,
      () => "/no-such-page",
      async (page) => {
        await page.getByRole("link", { name: "Planner" }).waitFor();
      },
    ],
    [
      "dashboard",
      "mo",
      () => "/",
      async (page) => {
        await page.getByRole("heading", { name: "Hello, Mo" }).waitFor();
      },
    ],
    [
      "request wizard",
      "mo",
      () => "/requests/new",
      async (page) => {
        await page.getByTestId("preset-viewing-history").click();
        await page.locator('[data-testid="recommended-family"][data-family="cassandra"]').first().waitFor();
      },
    ],
    [
      "request",
      "mo",
      () => `/requests/${ids.draft}`,
      async (page) => {
        await page.getByTestId("request-detail").waitFor();
      },
    ],
    [
      "request edit",
      "mo",
      () => `/requests/${ids.draft}/edit`,
      async (page) => {
        await page.getByRole("heading", { name: "Edit request" }).waitFor();
      },
    ],
    [
      "catalog",
      "mo",
      () => "/catalog",
      async (page) => {
        await page.getByTestId("catalog").getByText("headers-approved").first().waitFor();
      },
    ],
    [
      "datastore",
      "mo",
      () => `/catalog/${ids.datastore}`,
      async (page) => {
        await page.getByRole("heading", { name: /headers-approved/ }).waitFor();
      },
    ],
    [
      "change",
      "mo",
      () => `/catalog/${ids.datastore}/change`,
      async (page) => {
        await page.getByRole("heading", { name: "Change workload" }).waitFor();
      },
    ],
    [
      "tokens",
      "mo",
      () => "/settings/tokens",
      async (page) => {
        await page.getByRole("button", { name: "Create token" }).waitFor();
      },
    ],
    [
      "API reference",
      "mo",
      () => "/api-docs",
      async (page) => {
        await page.getByTestId("api-operation").first().click();
      },
    ],
    [
      "review queue",
      "rita",
      () => "/reviews",
      async (page) => {
        // The queue lists the longest-waiting first: on the shared portal other files' requests may fill its first page.
        await page.getByTestId("review-queue").getByRole("link").first().waitFor();
      },
    ],
    [
      "review",
      "rita",
      () => `/reviews/${ids.submitted}`,
      async (page) => {
        await page.getByRole("heading", { name: /headers-submitted/ }).waitFor();
      },
    ],
    [
      "administration",
      "admin",
      () => "/admin",
      async (page) => {
        await page.getByTestId("user-table").waitFor();
      },
    ],
  ];

  it.each(PAGES)("%s: nonce CSP and the other headers, no violation, and the page works", async (name, who, path, works) => {
    const { page, problems } = await pageFor(who);
    const response = await page.goto(path());
    expect(response, name).not.toBeNull();
    nonces.push(expectPageHeaders(response?.headers() ?? {}, name));
    // The header's signed-in part comes from the API through react-query: the page's scripts ran.
    if (who) await page.getByTestId("header-user-name").waitFor();
    await works(page);
    // Next.js put this response's nonce on every script it wrote.
    const unnonced = await page.evaluate(() => [...document.querySelectorAll("script")].filter((s) => !s.nonce).length);
    expect(unnonced, name).toBe(0);
    await page.screenshot({ path: `${SHOTS}/headers-${name.replace(/\s+/g, "-")}.png` });
    // The not-found page is answered with a 404, which the browser reports; nothing else may go wrong.
    expect(
      problems.filter((p) => !(name === "not found" && /status of 404/.test(p))),
      name,
    ).toEqual([]);
  });

  it("gives every response its own nonce", () => {
    expect(nonces).toHaveLength(PAGES.length);
    expect(new Set(nonces).size).toBe(nonces.length);
  });

  it("sets the headers on API responses, errors included", async () => {
    for (const [path, status] of [
      ["/api/v1/openapi.json", 200],
      ["/api/v1/me", 401],
      ["/api/v1/no-such-thing", 404],
    ] as const) {
      const res = await fetch(`${baseUrl}${path}`);
      expect(res.status, path).toBe(status);
      expect(res.headers.get("x-content-type-options"), path).toBe("nosniff");
      expect(directives(res.headers.get("content-security-policy") ?? "").get("frame-ancestors"), path).toEqual(["'none'"]);
    }
  });
});

describe("HSTS", () => {
  it("is sent, with upgrade-insecure-requests, when PUBLIC_URL is https", async () => {
    const portal = await startPortal({ PUBLIC_URL: "https://portal.example.test" });
    try {
      for (const path of ["/plan", "/api/v1/openapi.json"]) {
        const res = await fetch(`${portal.baseUrl}${path}`);
        expect(res.headers.get("strict-transport-security"), path).toMatch(/^max-age=\d{7,}/);
      }
      const page = await fetch(`${portal.baseUrl}/plan`);
      expect(directives(page.headers.get("content-security-policy") ?? "").has("upgrade-insecure-requests")).toBe(true);
    } finally {
      await portal.stop();
    }
  });
});
