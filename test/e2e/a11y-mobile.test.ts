// Every main page, as its people reach it, on a desktop (1440×900) and a phone (390×844): axe-core (injected into
// the page) finds no critical, serious or moderate violation, and no page is wider than the screen. Also: a skip
// link that moves focus to the main content, one <main> with the page's h1, the navigation collapsed behind a
// button on a phone, stat cards stacked, and the plan shown before the wizard's Submit.
//
// The pages need data: beforeAll makes a submitted request, an approved datastore and a draft through the API
// (datastores of this file start with "a11y-", a prefix no other test file uses). Screenshots go to /tmp/shots-a11y/.
import { mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { CANONICAL_USE_CASES } from "@/lib/planner/examples";
import type { Me } from "@/lib/schemas/access";
import type { RequestDetailDto } from "@/lib/schemas/request";
import { CHROMIUM_ARGS, PortalHttp, type Session } from "./http";

type Person = "mo" | "rita" | "admin";
const SHOTS = "/tmp/shots-a11y";
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const VIEWPORTS = { desktop: { width: 1440, height: 900 }, phone: { width: 390, height: 844 } } as const;
/** Impacts the portal must have none of (axe's scale: minor < moderate < serious < critical). */
const BLOCKING = new Set(["moderate", "serious", "critical"]);

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

describe("accessibility and phone layout of every main page", () => {
  const baseUrl = inject("baseUrl");
  const http = new PortalHttp(baseUrl, "198.51.100.31");
  const sessions = new Map<Person, Session>();
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const consoleErrors: string[] = [];
  const ids = { submitted: "", approved: "", datastore: "" };

  const session = (who: Person) => {
    const s = sessions.get(who);
    if (!s) throw new Error(`${who} is not signed in`);
    return s;
  };
  const as = (who: Person) => ({ cookie: session(who).cookie });

  async function requestFor(name: string, useCaseId: string): Promise<string> {
    const useCase = CANONICAL_USE_CASES.find((u) => u.id === useCaseId);
    if (!useCase) throw new Error(`no use case ${useCaseId}`);
    const me = await http.call<Me>("/api/v1/me", as("mo"));
    const created = await http.call<RequestDetailDto>("/api/v1/requests", as("mo"), {
      method: "POST",
      body: { teamId: me.body.teams[0]?.id, name, workload: { ...useCase.workload, name } },
    });
    expect(created.status, created.text).toBe(201);
    const submitted = await http.call(`/api/v1/requests/${created.body.id}/submit`, as("mo"), { method: "POST" });
    expect(submitted.status, submitted.text).toBe(200);
    return created.body.id;
  }

  /** A page at `viewport` as `who` (null: signed out), with axe allowed in despite the CSP. */
  async function open(who: Person | null, viewport: { width: number; height: number }): Promise<Page> {
    const context = await browser.newContext({ viewport, baseURL: baseUrl, bypassCSP: true });
    contexts.push(context);
    if (who) await context.addCookies(session(who).cookies.map((c) => ({ ...c, url: baseUrl })));
    const page = await context.newPage();
    page.on("pageerror", (error) => consoleErrors.push(`uncaught (${who ?? "signed out"}) on ${page.url()}: ${error.message}`));
    return page;
  }

  async function axeViolations(page: Page): Promise<Violation[]> {
    await page.addScriptTag({ content: AXE_SOURCE });
    const result = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: Violation[] }> } }).axe;
      return axe.run(document, { resultTypes: ["violations"] });
    });
    return result.violations.filter((v) => BLOCKING.has(v.impact ?? ""));
  }

  const describeViolations = (vs: readonly Violation[]) =>
    vs
      .map(
        (v) =>
          `${v.impact} ${v.id}: ${v.help}\n${v.nodes
            .slice(0, 4)
            .map((n) => `    ${n.target.join(" ")} — ${(n.failureSummary ?? "").split("\n").slice(0, 2).join(" ")}`)
            .join("\n")}`,
      )
      .join("\n");

  /** How far the page is wider than the window, and which elements stick out (for the failure message). */
  async function overflow(page: Page): Promise<{ excess: number; culprits: string[] }> {
    return page.evaluate(() => {
      const width = document.documentElement.clientWidth;
      const excess = Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - width;
      const culprits: string[] = [];
      for (const el of Array.from(document.querySelectorAll("body *"))) {
        const r = el.getBoundingClientRect();
        if (r.right > width + 1 && r.width > 0 && culprits.length < 8) {
          // Skip descendants of an element that scrolls horizontally itself (tables in a .table-wrap): they do not widen the page.
          let p: Element | null = el.parentElement,
            scrolls = false;
          while (p && !scrolls) {
            const o = getComputedStyle(p).overflowX;
            scrolls = o === "auto" || o === "scroll" || o === "hidden";
            p = p.parentElement;
          }
          if (!scrolls) culprits.push(`${el.tagName.toLowerCase()}.${(el.getAttribute("class") ?? "").split(" ").join(".")} right=${Math.round(r.right)}`);
        }
      }
      return { excess, culprits };
    });
  }

  interface MainPage {
    name: string;
    who: Person | null;
    path: () => string;
    /** What shows once the page has its data. */
    ready: (page: Page) => Promise<unknown>;
  }

  const PAGES: MainPage[] = [
    { name: "sign-in", who: null, path: () => "/sign-in", ready: (p) => p.getByRole("button", { name: "Sign in" }).waitFor() },
    { name: "dashboard", who: "mo", path: () => "/", ready: (p) => p.getByRole("heading", { level: 1 }).waitFor() },
    { name: "plan", who: "mo", path: () => "/plan", ready: (p) => p.getByTestId("plan-summary").waitFor() },
    { name: "request wizard", who: "mo", path: () => "/requests/new", ready: (p) => p.getByTestId("plan-summary").waitFor() },
    { name: "request page", who: "mo", path: () => `/requests/${ids.approved}`, ready: (p) => p.getByTestId("pinned-plan").waitFor() },
    { name: "reviews", who: "rita", path: () => "/reviews", ready: (p) => p.getByRole("heading", { level: 1 }).waitFor() },
    { name: "review page", who: "rita", path: () => `/reviews/${ids.submitted}`, ready: (p) => p.getByTestId("decision-box").waitFor() },
    { name: "catalog", who: "mo", path: () => "/catalog", ready: (p) => p.locator('[data-testid="datastore-row"]').first().waitFor() },
    { name: "datastore page", who: "mo", path: () => `/catalog/${ids.datastore}`, ready: (p) => p.getByTestId("audit-event").first().waitFor() },
    { name: "tokens", who: "mo", path: () => "/settings/tokens", ready: (p) => p.getByRole("heading", { level: 1 }).waitFor() },
    { name: "admin", who: "admin", path: () => "/admin", ready: (p) => p.getByRole("form", { name: "Provisioning settings" }).waitFor() },
    { name: "api-docs", who: "mo", path: () => "/api-docs", ready: (p) => p.getByTestId("api-operation").first().waitFor() },
    { name: "404", who: "mo", path: () => "/no-such-page", ready: (p) => p.getByRole("heading", { level: 1 }).waitFor() },
  ];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    const password = inject("demoPassword");
    sessions.set("mo", await http.signIn("mo@portal.local", password));
    sessions.set("rita", await http.signIn("rita@portal.local", password));
    sessions.set("admin", await http.signIn("admin@portal.local", inject("adminPassword")));
    ids.submitted = await requestFor("a11y-queue", "delayed-queues");
    ids.approved = await requestFor("a11y-history", "viewing-history");
    const approved = await http.call<RequestDetailDto>(`/api/v1/requests/${ids.approved}/decisions`, as("rita"), {
      method: "POST",
      body: { decision: "approved", comment: "Fine." },
    });
    expect(approved.status, approved.text).toBe(200);
    ids.datastore = approved.body.datastoreId ?? "";
    browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
  });

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
  });

  for (const [device, viewport] of Object.entries(VIEWPORTS)) {
    describe(`at ${viewport.width}×${viewport.height}`, () => {
      for (const main of PAGES) {
        it(`${main.name}: no moderate, serious or critical axe violation${device === "phone" ? ", and no horizontal overflow" : ""}`, async () => {
          const page = await open(main.who, viewport);
          await page.goto(main.path());
          await main.ready(page);
          // Let late layout (charts, fonts, live plans) settle before measuring.
          await page.waitForTimeout(300);
          await page.screenshot({ path: `${SHOTS}/${main.name.replace(/\W+/g, "-")}-${viewport.width}.png`, fullPage: true });
          if (device === "phone") {
            const { excess, culprits } = await overflow(page);
            expect(excess, `${main.name} is ${excess}px wider than the ${viewport.width}px screen; sticking out: ${culprits.join(", ")}`).toBeLessThanOrEqual(
              0,
            );
          }
          const violations = await axeViolations(page);
          expect(describeViolations(violations), `${main.name} at ${viewport.width}px`).toBe("");
        });
      }
    });
  }

  describe("structure", () => {
    it("every page has one main landmark with one h1, and a skip link that moves focus to it", async () => {
      for (const main of PAGES) {
        const page = await open(main.who, VIEWPORTS.desktop);
        await page.goto(main.path());
        await main.ready(page);
        expect(await page.locator("main").count(), main.name).toBe(1);
        expect(await page.locator("main h1").count(), main.name).toBe(1);
        await page.keyboard.press("Tab");
        const skip = page.getByRole("link", { name: "Skip to main content" });
        expect(await skip.evaluate((el) => el === document.activeElement), `${main.name}: the first Tab reaches the skip link`).toBe(true);
        expect(await skip.isVisible(), `${main.name}: the focused skip link is visible`).toBe(true);
        await page.keyboard.press("Enter");
        expect(await page.evaluate(() => document.activeElement?.closest("main") !== null), `${main.name}: Enter moves focus into main`).toBe(true);
      }
    });

    it("on a phone, the navigation is collapsed behind a Menu button that opens and closes it", async () => {
      const page = await open("rita", VIEWPORTS.phone);
      await page.goto("/catalog");
      const nav = page.getByRole("navigation", { name: "Main" });
      const toggle = page.getByRole("button", { name: "Menu" });
      // The sections are rendered (hidden) once the page knows who is signed in.
      await page.locator('nav[aria-label="Main"] a[href="/reviews"]').waitFor({ state: "attached" });
      expect(await toggle.getAttribute("aria-expanded")).toBe("false");
      expect(await nav.getByRole("link", { name: "Reviews" }).isVisible()).toBe(false);
      await toggle.click();
      expect(await toggle.getAttribute("aria-expanded")).toBe("true");
      await nav.getByRole("link", { name: "Reviews" }).click();
      await page.waitForURL(/\/reviews$/);
      // Following a link closes the menu again.
      expect(await page.getByRole("button", { name: "Menu" }).getAttribute("aria-expanded")).toBe("false");
      await page.screenshot({ path: `${SHOTS}/menu-closed-390.png` });
      // On a desktop there is no Menu button: the sections are simply there.
      const desktop = await open("rita", VIEWPORTS.desktop);
      await desktop.goto("/catalog");
      // The sections appear once the page knows who is signed in.
      await desktop.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Reviews" }).waitFor();
      expect(await desktop.getByRole("button", { name: "Menu" }).isVisible()).toBe(false);
    });

    it("on a phone, stat cards stack and the wizard shows the plan before Submit", async () => {
      const page = await open("mo", VIEWPORTS.phone);
      await page.goto(`/catalog/${ids.datastore}`);
      const stats = page.locator('[aria-label="Cost and size"] .stat');
      await stats.first().waitFor();
      const boxes = await stats.evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).map((r) => ({ left: r.left, top: r.top })));
      expect(boxes.length).toBeGreaterThan(1);
      expect(new Set(boxes.map((b) => Math.round(b.left))).size, "stat cards share one column").toBe(1);

      await page.goto("/requests/new");
      await page.getByTestId("plan-summary").waitFor();
      const summaryTop = await page.getByTestId("plan-summary").evaluate((el) => el.getBoundingClientRect().top);
      const submitTop = await page.getByRole("button", { name: "Submit for review" }).evaluate((el) => el.getBoundingClientRect().top);
      expect(summaryTop, "the plan summary is above Submit for review").toBeLessThan(submitTop);
    });
  });

  it("throws no uncaught errors", () => {
    expect(consoleErrors).toEqual([]);
  });
});
