// SLA health in a real browser, on the simulated portal (global setup: PROVISIONER=simulated): a viewing-history
// datastore is provisioned through the API; its owner makes every alarm fire after one minute (the audited
// thresholds update); an administrator injects a latency spike through the API; the datastore's health tab shows the
// p99 read latency alarm firing and its chart over the critical line; the at-risk page lists the datastore; neither
// page overflows a phone's width. Every datastore of this file starts with "health-".
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { CANONICAL_USE_CASES } from "@/lib/planner/examples";
import type { DatastoreDto } from "@/lib/schemas/datastore";
import type { AtRiskList, DatastoreHealth, IncidentDto } from "@/lib/schemas/sla-health";
import { CHROMIUM_ARGS, LIFECYCLE_TIMEOUT, PortalHttp, openPageAs, provisionDatastore, until, type Session } from "./http";

type Person = "mo" | "rita" | "admin";

describe("SLA health in the browser (simulated metrics)", () => {
  const baseUrl = inject("baseUrl");
  const http = new PortalHttp(baseUrl, "198.51.100.41");
  const sessions = new Map<Person, Session>();
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const consoleErrors: string[] = [];
  let datastoreId = "";

  const session = (who: Person) => {
    const s = sessions.get(who);
    if (!s) throw new Error(`${who} is not signed in`);
    return s;
  };
  const as = (who: Person) => ({ cookie: session(who).cookie });
  const pageAs = (who: Person, width: number): Promise<Page> =>
    openPageAs(browser, { baseUrl, who, session: session(who), viewport: { width, height: 1000 }, contexts, errors: consoleErrors });

  /** Nothing wider than the viewport: wide tables and charts scroll or shrink inside their own boxes. */
  async function expectNoHorizontalOverflow(page: Page): Promise<void> {
    const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
    expect(scroll, "the page scrolls sideways").toBeLessThanOrEqual(client);
  }

  async function activeDatastore(name: string): Promise<string> {
    const useCase = CANONICAL_USE_CASES.find((u) => u.id === "viewing-history");
    if (!useCase) throw new Error("no viewing-history use case");
    return provisionDatastore(http, { requester: as("mo"), reviewer: as("rita"), name, workload: { ...useCase.workload, tier: 2 } });
  }

  beforeAll(async () => {
    const password = inject("demoPassword");
    sessions.set("mo", await http.signIn("mo@portal.local", password));
    sessions.set("rita", await http.signIn("rita@portal.local", password));
    sessions.set("admin", await http.signIn("admin@portal.local", inject("adminPassword")));
    browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
    datastoreId = await activeDatastore("health-history");
  }, 3 * LIFECYCLE_TIMEOUT);

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
  });

  it(
    "an injected latency spike fires the p99 alarm: the health tab shows it over the threshold, and the at-risk page lists it",
    async () => {
      // A datastore active for seconds has no five minutes of data yet: the owner lets every alarm fire after one.
      const current = await http.call<DatastoreDto>(`/api/v1/datastores/${datastoreId}`, as("mo"));
      const thresholds = current.body.thresholds.map((t) => ({ ...t, forMinutes: 1 }));
      const put = await http.call<DatastoreDto>(`/api/v1/datastores/${datastoreId}/thresholds`, as("mo"), {
        method: "PUT",
        body: { thresholds },
        headers: { "if-match": current.headers.get("etag") ?? "" },
      });
      expect(put.status, put.text).toBe(200);

      // Only an administrator injects, through the API.
      const refused = await http.call(`/api/v1/datastores/${datastoreId}/health/incidents`, as("mo"), {
        method: "POST",
        body: { kind: "latency-spike", magnitude: 8 },
      });
      expect(refused.status).toBe(403);
      const injected = await http.call<IncidentDto>(`/api/v1/datastores/${datastoreId}/health/incidents`, as("admin"), {
        method: "POST",
        body: { kind: "latency-spike", magnitude: 8, role: "data", startsAt: new Date(Date.now() - 10 * 60_000).toISOString() },
      });
      expect(injected.status, injected.text).toBe(201);

      const health = await until(
        "the p99 read latency alarm to fire",
        async () => (await http.call<DatastoreHealth>(`/api/v1/datastores/${datastoreId}/health`, as("mo"))).body,
        (h) => h.alarms.some((a) => a.metric === "read-latency-p99" && a.severity === "critical" && a.state === "alarm"),
        150_000,
      );
      expect(health.source).toBe("simulated");

      const page = await pageAs("mo", 1440);
      await page.goto(`/catalog/${datastoreId}?tab=health`);
      await page.getByTestId("health-tab").waitFor();
      await page.getByTestId("health-simulated").waitFor();
      const firing = page.locator('[data-testid="alarm-row"][data-state="alarm"]', { hasText: "p99 read latency" });
      await firing.first().waitFor();
      expect(await firing.first().getByTestId("alarm-fires").innerText()).toMatch(/^[1-9]/);
      await expect.poll(() => firing.first().getByRole("link", { name: "Runbook" }).getAttribute("href")).toBe("/runbooks#read-latency-p99");
      const chart = page.locator('[data-testid="health-cluster"][data-role="data"] [data-testid="chart-read-latency-p99"]').first();
      await expect.poll(() => chart.getAttribute("data-over")).toBe("critical");
      await page.getByTestId("health-incidents").waitFor();
      await page.screenshot({ path: "/tmp/portal-health-tab-1440.png", fullPage: true });
      await page.getByTestId("range-7d").click();
      await page.waitForFunction(() => document.querySelector('[data-testid="range-7d"]')?.getAttribute("aria-pressed") === "true");
      await chart.waitFor();

      const atRisk = await http.call<AtRiskList>("/api/v1/health/at-risk", as("mo"));
      expect(atRisk.body.items.map((i) => i.datastore.id)).toContain(datastoreId);
      await page.getByRole("link", { name: "At risk" }).first().click();
      await page.waitForURL(/\/health$/);
      const row = page.locator(`[data-testid="at-risk-row"][data-datastore="${datastoreId}"]`);
      await row.waitFor();
      expect(await row.getAttribute("data-severity")).toBe("critical");
      await expect.poll(() => row.innerText()).toMatch(/p99 read latency above its critical threshold/);
      await page.screenshot({ path: "/tmp/portal-at-risk-1440.png", fullPage: true });

      // A phone: the alarm table and the charts stay inside the page.
      const phone = await pageAs("mo", 390);
      await phone.goto(`/catalog/${datastoreId}?tab=health`);
      await phone.getByTestId("health-tab").waitFor();
      await phone.locator('[data-testid="alarm-row"]').first().waitFor();
      await expectNoHorizontalOverflow(phone);
      await phone.screenshot({ path: "/tmp/portal-health-tab-390.png", fullPage: true });
      await phone.goto("/health");
      await phone.locator(`[data-testid="at-risk-row"][data-datastore="${datastoreId}"]`).waitFor();
      await expectNoHorizontalOverflow(phone);
      await phone.screenshot({ path: "/tmp/portal-at-risk-390.png", fullPage: true });
      await phone.goto("/runbooks#disk-used");
      await phone.locator("#disk-used").waitFor();
      await expectNoHorizontalOverflow(phone);

      expect(consoleErrors).toEqual([]);
    },
    6 * LIFECYCLE_TIMEOUT,
  );
});
