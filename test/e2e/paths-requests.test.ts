// The request paths, walked in Chromium: number fields take what people type ("2,000", "1.5k", a size in TiB) and say
// what is wrong with the allowed range; regions without provisioning settings are marked in the region chips and
// warned about in the plan and on the request, and prices borrowed from us-east-1 are said in the plan summary
// there too (members learn which regions are provisionable from GET /api/v1/regions); once approved, the request
// page calls the reviewer's choice the approved plan and opens it; and the small states: a styled 404, no
// "Try again" for a record that does not exist, an in-page dialog to cancel a request, a no-CLI banner that says
// its sentence once.
//
// Requests of this file are named "req-…" (no other test file uses the prefix).
import { existsSync } from "node:fs";
import { delimiter, join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { CANONICAL_USE_CASES } from "@/lib/planner/examples";
import type { Me } from "@/lib/schemas/access";
import type { RequestDetailDto, RequestList } from "@/lib/schemas/request";
import { CHROMIUM_ARGS, PortalHttp, openPageAs, type Session } from "./http";
import { DEMO_PASSWORD, startPortal } from "./portal-server";

type Person = "mo" | "rita";
const SHOTS = "/tmp/shots-9";

interface RegionList {
  items: { code: string; provisionable: boolean; pricedAs: string; families: string[] }[];
}

describe("request paths", () => {
  const baseUrl = inject("baseUrl");
  const http = new PortalHttp(baseUrl, "198.51.100.42");
  const sessions = new Map<Person, Session>();
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const consoleErrors: string[] = [];

  const session = (who: Person) => {
    const s = sessions.get(who);
    if (!s) throw new Error(`${who} is not signed in`);
    return s;
  };
  const as = (who: Person) => ({ cookie: session(who).cookie });
  const pageAs = (who: Person, viewport = { width: 1440, height: 900 }): Promise<Page> =>
    openPageAs(browser, { baseUrl, who, session: session(who), viewport, contexts, errors: consoleErrors });

  async function submitted(name: string, useCaseId: string): Promise<string> {
    const useCase = CANONICAL_USE_CASES.find((u) => u.id === useCaseId);
    if (!useCase) throw new Error(`no use case ${useCaseId}`);
    const me = await http.call<Me>("/api/v1/me", as("mo"));
    const created = await http.call<RequestDetailDto>("/api/v1/requests", as("mo"), {
      method: "POST",
      body: { teamId: me.body.teams[0]?.id, name, workload: { ...useCase.workload, name } },
    });
    expect(created.status, created.text).toBe(201);
    expect((await http.call(`/api/v1/requests/${created.body.id}/submit`, as("mo"), { method: "POST" })).status).toBe(200);
    return created.body.id;
  }

  /** The newest request of mo's team named `name`. */
  async function requestNamed(name: string): Promise<RequestDetailDto> {
    const me = await http.call<Me>("/api/v1/me", as("mo"));
    const list = await http.call<RequestList>(`/api/v1/requests?teamId=${me.body.teams[0]?.id ?? ""}&limit=100`, as("mo"));
    const found = list.body.items.find((r) => r.name === name);
    if (!found) throw new Error(`no request ${name}`);
    return (await http.call<RequestDetailDto>(`/api/v1/requests/${found.id}`, as("mo"))).body;
  }

  beforeAll(async () => {
    sessions.set("mo", await http.signIn("mo@portal.local", inject("demoPassword")));
    sessions.set("rita", await http.signIn("rita@portal.local", inject("demoPassword")));
    browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
  });

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
  });

  describe("number fields", () => {
    it("take 2,000, 1.5k and a size in TiB, and say what is wrong with the allowed range", async () => {
      const page = await pageAs("mo");
      await page.goto("/requests/new");
      await page.getByTestId("plan-summary").waitFor();
      await page.getByLabel("Name", { exact: true }).fill("req-numbers");
      await page.getByLabel("Reads per second", { exact: true }).fill("2,000");
      await page.getByLabel("Writes per second", { exact: true }).fill("1.5k");
      await page.getByLabel("Dataset size unit", { exact: true }).selectOption("TiB");
      await page.getByLabel("Dataset size", { exact: true }).fill("2");
      // Valid as typed: no field errors, and a plan.
      await page.getByTestId("plan-summary").waitFor();
      expect(await page.locator('[data-testid^="field-error-"]').count()).toBe(0);

      // Wrong inputs say what is wrong and what is allowed.
      await page.getByLabel("Reads per second", { exact: true }).fill("abc");
      const readsError = page.getByTestId("field-error-readsPerSecond");
      await readsError.waitFor();
      expect(await readsError.textContent()).toMatch(/“abc” is not a number/);
      expect(await readsError.textContent()).toMatch(/2,000|2k/);
      await page.getByLabel("Planning horizon", { exact: true }).fill("200");
      const horizonError = page.getByTestId("field-error-horizonMonths");
      await horizonError.waitFor();
      expect(await horizonError.textContent()).toMatch(/1.*120/);
      expect(await page.locator(".field-error").allTextContents()).not.toContain("Invalid input");
      await page.screenshot({ path: `${SHOTS}/numbers-errors-1440.png`, fullPage: true });

      await page.getByLabel("Reads per second", { exact: true }).fill("2,000");
      await page.getByLabel("Planning horizon", { exact: true }).fill("12");
      await page.getByRole("button", { name: "Save draft" }).click();
      await page.waitForURL(/\/requests\/(?!new$)[A-Za-z0-9_-]+$/);
      const saved = await requestNamed("req-numbers");
      expect(saved.workload).toMatchObject({ readsPerSecond: 2000, writesPerSecond: 1500, datasetGiB: 2048 });
    });
  });

  describe("regions without provisioning settings", () => {
    it("members read which regions are provisionable from the API", async () => {
      const res = await http.call<RegionList>("/api/v1/regions", as("mo"));
      expect(res.status, res.text).toBe(200);
      const byCode = new Map(res.body.items.map((r) => [r.code, r]));
      // The demo seed has settings for us-east-1, us-west-2 and eu-west-1.
      expect(byCode.get("us-east-1")).toMatchObject({ provisionable: true, pricedAs: "us-east-1" });
      expect(byCode.get("eu-west-1")).toMatchObject({ provisionable: true, pricedAs: "us-east-1" });
      expect(byCode.get("eu-central-1")).toMatchObject({ provisionable: false });
      expect(byCode.get("us-east-1")?.families).toContain("cassandra");
      expect((await http.call("/api/v1/regions", {})).status).toBe(401);
      const doc = await http.call<{ paths: Record<string, unknown> }>("/api/v1/openapi.json", {});
      expect(Object.keys(doc.body.paths)).toContain("/api/v1/regions");
    });

    it("are marked in the region chips, warned about in the plan and on the request, with borrowed prices said in the summary", async () => {
      const page = await pageAs("mo");
      await page.goto("/requests/new");
      await page.getByTestId("preset-viewing-history").click();
      await page.getByTestId("plan-summary").waitFor();
      const chips = page.getByRole("group", { name: "Common regions" });
      const central = chips.getByRole("button", { name: /eu-central-1/ });
      await page.waitForFunction(() => /not provisionable yet/.test(document.querySelector('[aria-label="Common regions"]')?.textContent ?? ""), null, {
        timeout: 10_000,
      });
      expect(await central.textContent()).toMatch(/not provisionable yet/);
      expect(await chips.getByRole("button", { name: /us-east-1/ }).textContent()).not.toMatch(/not provisionable/);
      expect(await page.getByTestId("region-warning").count()).toBe(0);

      await central.click();
      const warning = page.getByTestId("region-warning");
      await warning.waitFor();
      expect(await warning.textContent()).toMatch(/eu-central-1/);
      expect(await warning.textContent()).toMatch(/no provisioning settings/);
      expect(await page.getByTestId("plan-summary").getByTestId("pricing-notes").textContent()).toMatch(/eu-central-1.*us-east-1/);
      await page.screenshot({ path: `${SHOTS}/region-warning-1440.png`, fullPage: true });

      await page.getByLabel("Name", { exact: true }).fill("req-central");
      await page.getByRole("button", { name: "Submit for review" }).click();
      await page.waitForURL(/\/requests\/(?!new$)[A-Za-z0-9_-]+$/);
      const onRequest = page.getByTestId("region-warning");
      await onRequest.waitFor();
      expect(await onRequest.textContent()).toMatch(/eu-central-1/);
      const notes = page.getByTestId("pinned-plan").getByTestId("plan-summary").getByTestId("pricing-notes");
      expect(await notes.textContent()).toMatch(/eu-west-1.*us-east-1/);
      expect(await notes.textContent()).toMatch(/eu-central-1.*us-east-1/);
      await page.screenshot({ path: `${SHOTS}/request-region-warning-1440.png`, fullPage: true });
    });
  });

  it("after approval, the request page calls the reviewer's choice the approved plan and opens it", async () => {
    const id = await submitted("req-approved", "viewing-history");
    const decided = await http.call<RequestDetailDto>(`/api/v1/requests/${id}/decisions`, as("rita"), {
      method: "POST",
      body: { decision: "approved", chosenRank: 2 },
    });
    expect(decided.status, decided.text).toBe(200);
    const page = await pageAs("mo");
    await page.goto(`/requests/${id}`);
    const pinned = page.getByTestId("pinned-plan");
    await pinned.waitFor();
    expect(await pinned.getByTestId("plan-summary").locator(".eyebrow").first().textContent()).toMatch(/^Approved plan/);
    expect(await pinned.getByTestId("plan-summary").textContent()).not.toMatch(/Recommended plan/);
    const second = pinned.locator('[data-testid="plan-card"][data-rank="2"] details');
    const first = pinned.locator('[data-testid="plan-card"][data-rank="1"] details');
    expect(await second.evaluate((el) => (el as HTMLDetailsElement).open)).toBe(true);
    expect(await first.evaluate((el) => (el as HTMLDetailsElement).open)).toBe(false);
    expect(Number(await pinned.getByTestId("plan-annual-cost").getAttribute("data-value"))).toBe(decided.body.planResult?.plans[1]?.annualCost);
    await page.screenshot({ path: `${SHOTS}/approved-plan-1440.png`, fullPage: true });
  });

  describe("small states", () => {
    it("a page that does not exist is a styled 404 inside the portal, with a way back", async () => {
      const page = await pageAs("mo");
      const res = await page.goto("/no-such-page");
      expect(res?.status()).toBe(404);
      const main = page.getByRole("main");
      expect(await main.getByRole("heading", { level: 1 }).textContent()).toMatch(/not found/i);
      await main.getByRole("link", { name: /dashboard/i }).waitFor();
      // The portal's own styles: its background and the signed-in header.
      expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe("rgb(244, 245, 248)");
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Catalog" }).waitFor();
      await page.screenshot({ path: `${SHOTS}/404-1440.png`, fullPage: true });
    });

    it("a record that does not exist offers no 'Try again', but a way back", async () => {
      const page = await pageAs("mo");
      for (const path of ["/requests/no-such-request", "/catalog/no-such-datastore"]) {
        await page.goto(path);
        const state = page.getByTestId("error-state");
        await state.waitFor();
        expect(await state.textContent(), path).toMatch(/no (request|datastore)/i);
        expect(await state.getByRole("button", { name: "Try again" }).count(), path).toBe(0);
        await state.getByRole("link").first().waitFor();
      }
      await page.screenshot({ path: `${SHOTS}/missing-record-1440.png`, fullPage: true });
    });

    it("cancelling a request asks in the page, not with the browser's confirm()", async () => {
      const id = await submitted("req-cancel", "delayed-queues");
      const page = await pageAs("mo");
      const native: string[] = [];
      page.on("dialog", (d) => {
        native.push(d.message());
        void d.dismiss();
      });
      await page.goto(`/requests/${id}`);
      await page.getByRole("button", { name: "Cancel request" }).click();
      const dialog = page.getByRole("dialog");
      await dialog.waitFor({ timeout: 5_000 }).catch(() => undefined);
      expect(native, "no native confirm()").toEqual([]);
      expect(await dialog.textContent()).toMatch(/cannot be reopened/);
      // Keeping it closes the dialog and changes nothing.
      await dialog.getByRole("button", { name: "Keep the request" }).click();
      expect(await page.getByRole("dialog").count()).toBe(0);
      await page.getByRole("button", { name: "Cancel request" }).click();
      await page.getByRole("dialog").getByRole("button", { name: "Cancel the request" }).click();
      await page.locator('[data-testid="request-detail"] [data-testid="status"][data-status="cancelled"]').first().waitFor();
      await page.screenshot({ path: `${SHOTS}/cancelled-1440.png`, fullPage: true });
    });

    it("the banner of a portal without the Pulumi CLI says each thing once", async () => {
      const path = (process.env.PATH ?? "")
        .split(delimiter)
        .filter((dir) => dir && !existsSync(join(dir, "pulumi")))
        .join(delimiter);
      const portal = await startPortal({ PATH: path, PROVISIONER: "pulumi" });
      let page: Page | undefined;
      try {
        const own = new PortalHttp(portal.baseUrl, "198.51.100.43");
        const mo = await own.signIn("mo@portal.local", DEMO_PASSWORD);
        page = await openPageAs(browser, {
          baseUrl: portal.baseUrl,
          who: "mo (no CLI)",
          session: mo,
          viewport: { width: 1440, height: 900 },
          contexts,
          errors: consoleErrors,
        });
        await page.goto("/catalog");
        const banner = page.getByTestId("provisioner-unavailable");
        await banner.waitFor();
        const text = (await banner.textContent()) ?? "";
        expect(text.match(/keeps working/g)?.length, text).toBe(1);
        expect(text).toMatch(/install/i);
        await page.screenshot({ path: `${SHOTS}/no-cli-banner-1440.png` });
      } finally {
        // Closed before its server stops: a request the page still had in flight would log a reset connection.
        await page?.context().close();
        await portal.stop();
      }
    });
  });

  it("logs no console errors", () => {
    // The 404 page and the missing records are deliberate 404s; the browser logs those loads.
    expect(consoleErrors.filter((e) => !/status of 404/.test(e))).toEqual([]);
  });
});
