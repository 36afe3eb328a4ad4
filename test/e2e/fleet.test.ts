// The fleet inventory in Chromium on the simulated cloud (global setup: PROVISIONER=simulated): a datastore is
// provisioned, the refresh after its up lists its nodes; an administrator injects a retirement on one node from the
// fleet page's form and refreshes; the event shows on /fleet under "pending events" with its deadline, on the
// datastore's Nodes tab and banner for its owner, and on the owner's dashboard. Both pages fit a phone's width.
//
// Every datastore of this file starts with "fleet-" (no other test file uses it).
import { mkdirSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { CANONICAL_USE_CASES } from "@/lib/planner/examples";
import type { FleetNodeList } from "@/lib/schemas/fleet";
import { CHROMIUM_ARGS, PortalHttp, horizontalOverflow, openPageAs, provisionDatastore, until, type Session } from "./http";

type Person = "mo" | "rita" | "admin";
const SHOTS = "/tmp/shots-fleet";
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1440, height: 900 };
/** The retirement's date as the portal prints deadlines (en-GB, UTC). */
const NOT_BEFORE_LOCAL = "2027-03-14T09:30";
const DEADLINE_TEXT = "14 Mar 2027, 09:30 UTC";

describe("the fleet inventory", () => {
  const baseUrl = inject("baseUrl");
  const http = new PortalHttp(baseUrl, "198.51.100.61");
  const sessions = new Map<Person, Session>();
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const consoleErrors: string[] = [];
  let datastoreId = "";
  let target = "";

  const session = (who: Person) => {
    const s = sessions.get(who);
    if (!s) throw new Error(`${who} is not signed in`);
    return s;
  };
  const as = (who: Person) => ({ cookie: session(who).cookie });
  const pageAs = (who: Person, viewport = DESKTOP): Promise<Page> =>
    openPageAs(browser, { baseUrl, who, session: session(who), viewport, contexts, errors: consoleErrors });
  const nodesOf = async (id: string, query = "") => (await http.call<FleetNodeList>(`/api/v1/fleet/nodes?datastore=${id}${query}`, as("mo"))).body;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    const password = inject("demoPassword");
    sessions.set("mo", await http.signIn("mo@portal.local", password));
    sessions.set("rita", await http.signIn("rita@portal.local", password));
    sessions.set("admin", await http.signIn("admin@portal.local", inject("adminPassword")));

    // mo asks for the delayed queues (Dynomite, one region), rita approves, mo confirms the preview.
    const useCase = CANONICAL_USE_CASES.find((u) => u.id === "delayed-queues");
    if (!useCase) throw new Error("no delayed-queues use case");
    datastoreId = await provisionDatastore(http, {
      requester: as("mo"),
      reviewer: as("rita"),
      name: "fleet-queues",
      workload: { ...useCase.workload, tier: 2 },
    });
    // The portal's maintenance scheduler answers the retirement injected below: a weekly window three days away
    // keeps that replacement waiting for it, so the node this file follows stays in place while the file runs.
    const windows = await http.call(`/api/v1/datastores/${datastoreId}/maintenance/windows`, as("mo"), {
      method: "PUT",
      body: { windows: [{ weekday: (new Date().getUTCDay() + 3) % 7, startMinute: 0, durationMinutes: 60 }] },
    });
    expect(windows.status, windows.text).toBe(200);
    browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
  });

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
  });

  it("lists the new datastore's nodes after the refresh its up queued, labelled simulated", async () => {
    const list = await until(
      "the refresh after the up",
      () => nodesOf(datastoreId),
      (l) => l.total > 0,
    );
    expect(list.simulated).toBe(true);
    expect(list.items.every((n) => n.lifecycle === "in-service" && n.events.length === 0)).toBe(true);
    target = list.items[0]?.instanceId ?? "";
    expect(target).toMatch(/^i-[0-9a-f]{17}$/);
  });

  it("an administrator injects a retirement from the fleet page; after a refresh it shows under pending events with its deadline", async () => {
    const page = await pageAs("admin");
    await page.goto("/fleet");
    await page.getByTestId("simulated-badge").first().waitFor();
    expect(await page.getByRole("link", { name: "Fleet" }).count()).toBeGreaterThan(0);
    // Pick the node from its row, then schedule the retirement.
    await page.getByRole("button", { name: `Inject an event on ${target}` }).click();
    const form = page.getByTestId("inject-event");
    expect(await form.getByLabel("Instance").inputValue()).toBe(target);
    await form.getByLabel("Event").selectOption("instance-retirement");
    await form.getByLabel("Not before (UTC)").fill(NOT_BEFORE_LOCAL);
    await form.getByTestId("inject-submit").click();
    // Either it is done, or the form says why not (shown in the failure).
    await form.locator('[data-testid="inject-done"], [role="alert"], .field-error').first().waitFor();
    expect(await form.locator('[role="alert"], .field-error').allTextContents()).toEqual([]);
    await form.getByTestId("inject-done").waitFor();

    // The scheduled way too: ask for a refresh and let the worker run it.
    await page.getByTestId("fleet-refresh").click();
    await page.getByText(/Refresh queued/).waitFor();

    await page.getByTestId("facet-pendingEvents").selectOption("true");
    // The filtered page replaces the previous one (shown meanwhile): only nodes with events are left, this one among
    // them (other test files share the portal and may leave events on their own datastores).
    const row = page.locator(`[data-testid="node-row"][data-instance="${target}"]`);
    await page.waitForFunction(
      () => {
        const rows = [...document.querySelectorAll('[data-testid="node-row"]')];
        return rows.length > 0 && rows.every((r) => r.querySelector('[data-testid="fleet-event"]') !== null);
      },
      null,
      { timeout: 30_000 },
    );
    await row.waitFor();
    const withEvents = await page.getByTestId("node-row").count();
    expect(await row.getByTestId("fleet-event").getAttribute("data-code")).toBe("instance-retirement");
    expect(await row.getByTestId("fleet-event-deadline").textContent()).toBe(`by ${DEADLINE_TEXT}`);
    expect(await page.getByTestId("facet-pendingEvents").locator("option:checked").textContent()).toBe(`With pending events (${withEvents})`);
    await page.screenshot({ path: `${SHOTS}/fleet-pending-1440.png`, fullPage: true });
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  });

  it("the owner sees it on the datastore's Nodes tab and banner, and on the dashboard", async () => {
    const page = await pageAs("mo");
    await page.goto(`/catalog/${datastoreId}`);
    const banner = page.getByTestId("pending-events-banner");
    await banner.waitFor();
    expect(await banner.textContent()).toContain(DEADLINE_TEXT);
    await page.getByTestId("tab-nodes").click();
    const row = page.locator(`[data-testid="node-row"][data-instance="${target}"]`);
    await row.waitFor();
    expect(await row.getByTestId("fleet-event-deadline").textContent()).toBe(`by ${DEADLINE_TEXT}`);
    await page.screenshot({ path: `${SHOTS}/nodes-tab-1440.png`, fullPage: true });
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);

    await page.goto("/");
    const dashboard = page.getByTestId("dashboard-pending-events");
    await dashboard.waitFor();
    expect(await dashboard.getByTestId("dashboard-event").filter({ hasText: target }).textContent()).toContain(DEADLINE_TEXT);
  });

  it("the fleet page and the Nodes tab fit a phone's width (wide tables scroll in their own box)", async () => {
    const admin = await pageAs("admin", PHONE);
    await admin.goto("/fleet?pendingEvents=true");
    await admin.locator(`[data-testid="node-row"][data-instance="${target}"]`).waitFor();
    await admin.screenshot({ path: `${SHOTS}/fleet-390.png`, fullPage: true });
    expect(await horizontalOverflow(admin)).toBeLessThanOrEqual(0);
    const mo = await pageAs("mo", PHONE);
    await mo.goto(`/catalog/${datastoreId}?tab=nodes`);
    await mo.locator(`[data-testid="node-row"][data-instance="${target}"]`).waitFor();
    await mo.screenshot({ path: `${SHOTS}/nodes-tab-390.png`, fullPage: true });
    expect(await horizontalOverflow(mo)).toBeLessThanOrEqual(0);
    expect(consoleErrors).toEqual([]);
  });

  it("a member may not inject events", async () => {
    const denied = await http.call(`/api/v1/fleet/simulated/events`, as("mo"), { method: "POST", body: { instanceId: target, code: "instance-stop" } });
    expect(denied.status).toBe(403);
  });
});
