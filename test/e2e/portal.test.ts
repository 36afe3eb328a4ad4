// The portal's main walkthrough in a real browser: a requester signs in, requests a store for the viewing-history
// workload, sees Cassandra recommended and submits; they cannot approve their own request (no action in the page,
// 403 from the API); a reviewer approves it from the queue with a comment; the catalog then shows the datastore
// with its SLA thresholds.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { CHROMIUM_ARGS } from "./http";

describe("request → review → catalog", () => {
  const baseUrl = inject("baseUrl");
  const password = inject("demoPassword");
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const consoleErrors: string[] = [];
  let requestId = "";

  async function newPage(): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, baseURL: baseUrl });
    contexts.push(context);
    const page = await context.newPage();
    page.on("console", (message) => {
      if (message.type() === "error") consoleErrors.push(`${page.url()}: ${message.text()}`);
    });
    page.on("pageerror", (error) => consoleErrors.push(`uncaught on ${page.url()}: ${error.message}`));
    return page;
  }

  async function signIn(page: Page, email: string) {
    await page.getByLabel("Email", { exact: true }).fill(email);
    await page.getByLabel("Password", { exact: true }).fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
  }

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
  });

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
  });

  describe("the requester (mo, streaming)", () => {
    let page: Page;
    beforeAll(async () => {
      page = await newPage();
    });

    it("is sent to sign in, told when the password is wrong, and brought back after signing in", async () => {
      await page.goto("/requests/new");
      await page.waitForURL(/\/sign-in\?next=%2Frequests%2Fnew$/);
      await page.getByLabel("Email", { exact: true }).fill("mo@portal.local");
      await page.getByLabel("Password", { exact: true }).fill("not-the-password");
      await page.getByRole("button", { name: "Sign in" }).click();
      expect(await page.getByTestId("sign-in-error").textContent()).toMatch(/wrong email or password/i);
      await page.screenshot({ path: "/tmp/portal-sign-in.png", fullPage: true });

      await signIn(page, "mo@portal.local");
      await page.waitForURL(/\/requests\/new$/);
      expect(await page.getByTestId("header-user-name").textContent()).toBe("Mo Member");
      expect(await page.getByTestId("header-user-teams").textContent()).toMatch(/Streaming/);
    });

    it("requests a store for the viewing-history workload, sees Cassandra recommended, and submits it", async () => {
      // One team: it is preselected.
      expect(await page.getByLabel("Team", { exact: true }).inputValue()).not.toBe("");
      await page.getByTestId("preset-viewing-history").click();
      await page.locator('[data-testid="recommended-family"][data-family="cassandra"]').waitFor();
      expect(await page.getByTestId("plan-card").count()).toBeGreaterThan(1);
      await page.screenshot({ path: "/tmp/portal-wizard.png", fullPage: true });

      await page.getByRole("button", { name: "Submit for review" }).click();
      await page.waitForURL(/\/requests\/(?!new$)[A-Za-z0-9_-]+$/);
      requestId = page.url().split("/").at(-1) ?? "";
      const status = page.getByTestId("request-detail").getByTestId("status").first();
      expect(await status.getAttribute("data-status")).toBe("submitted");
      // The server pinned its own plan: Cassandra, priced.
      await page.getByTestId("pinned-plan").locator('[data-testid="recommended-family"][data-family="cassandra"]').waitFor();
      expect(Number(await page.getByTestId("plan-annual-cost").getAttribute("data-value"))).toBeGreaterThan(0);
      expect(await page.getByTestId("status-text").textContent()).toMatch(/cannot approve your own request/);
      await page.screenshot({ path: "/tmp/portal-request.png", fullPage: true });
    });

    it("cannot approve their own request: no decision in the page, 403 from the API", async () => {
      await page.goto(`/reviews/${requestId}`);
      await page.getByTestId("review-page").waitFor();
      expect(await page.getByTestId("decide-denied").textContent()).toMatch(/cannot approve your own request/);
      expect(await page.getByTestId("decision-box").count()).toBe(0);
      expect(await page.getByRole("button", { name: "Approve" }).count()).toBe(0);

      const forced = await page.request.post(`/api/v1/requests/${requestId}/decisions`, { data: { decision: "approved", comment: "LGTM (me)" } });
      expect(forced.status()).toBe(403);
      expect(forced.headers()["content-type"]).toMatch(/application\/problem\+json/);
    });
  });

  describe("the reviewer (rita, data-platform)", () => {
    let page: Page;
    beforeAll(async () => {
      page = await newPage();
    });

    it("approves the request from the review queue with a comment", async () => {
      await page.goto("/reviews");
      await page.waitForURL(/\/sign-in\?next=%2Freviews$/);
      await signIn(page, "rita@portal.local");
      await page.waitForURL(/\/reviews$/);
      const row = page.locator(`[data-testid="review-row"][data-kind="request"][data-id="${requestId}"]`);
      // The queue is longest waiting first: other files' requests on this shared portal may have waited longer.
      await page.getByTestId("review-table").waitFor();
      while ((await row.count()) === 0) {
        const shown = await page.getByTestId("review-row").count();
        await page.getByTestId("load-more").click();
        await page.waitForFunction((n) => document.querySelectorAll('[data-testid="review-row"]').length > n, shown);
      }
      await row.getByRole("link").click();
      await page.waitForURL(new RegExp(`/reviews/${requestId}$`));
      await page.getByTestId("decision-box").waitFor();
      expect(await page.getByTestId("plan-choice-row").count()).toBeGreaterThan(1);
      expect(await page.getByTestId("threshold-row").count()).toBeGreaterThan(0);
      await page.getByLabel("Comment", { exact: true }).fill("Sized right for the write rate; approved.");
      await page.screenshot({ path: "/tmp/portal-review.png", fullPage: true });

      await page.getByRole("button", { name: "Approve" }).click();
      await page.waitForURL(new RegExp(`/requests/${requestId}$`));
      await page.locator('[data-testid="request-detail"] [data-testid="status"][data-status="approved"]').first().waitFor();
      const decision = page.locator('[data-testid="decision"][data-decision="approved"]');
      expect(await decision.textContent()).toMatch(/Sized right for the write rate/);
    });

    it("finds the new datastore in the catalog with its thresholds", async () => {
      await page.goto("/catalog");
      const row = page.locator('[data-testid="datastore-row"][data-name="viewing-history"]');
      await row.waitFor();
      await page.getByRole("searchbox").fill("viewing");
      await row.waitFor();
      await page.screenshot({ path: "/tmp/portal-catalog.png", fullPage: true });
      await row.getByRole("link").click();
      await page.getByTestId("datastore-detail").waitFor();
      expect(await page.getByTestId("threshold-row").count()).toBeGreaterThan(0);
      expect(await page.getByTestId("topology").locator("tbody tr").count()).toBeGreaterThan(0);
      expect(await page.getByTestId("origin-request").getAttribute("href")).toBe(`/requests/${requestId}`);
      await page.getByTestId("audit-event").first().waitFor();
      await page.screenshot({ path: "/tmp/portal-datastore.png", fullPage: true });
    });
  });

  it("logs no console errors", () => {
    // The sign-in page's deliberate failed attempt answers 401; the browser logs that as a failed resource load.
    expect(consoleErrors.filter((e) => !/status of 401/.test(e))).toEqual([]);
  });
});
