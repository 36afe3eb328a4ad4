// Proactive maintenance in Chromium on the simulated cloud (global setup: PROVISIONER=simulated, the maintenance
// scheduler every 6 s): the owner of an active EVCache datastore sets a window that is open now from the Maintenance
// tab; an administrator injects retirements on two nodes in different zones (the fleet slice's API, which refreshes
// the inventory); the events show on the tab with their deadline; the scheduler places ONE replacement in the window
// (the last that ends before the deadline); it runs zone by zone with visible progress (one node replaced while the
// other is not yet); at the end the Nodes tab lists the new instances instead of the retired ones and the events are
// gone. The tab fits a phone's width.
//
// Every datastore of this file starts with "maint-" (no other test file uses it).
import { mkdirSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { CANONICAL_USE_CASES } from "@/lib/planner/examples";
import type { FleetNodeList } from "@/lib/schemas/fleet";
import type { MaintenanceOverview } from "@/lib/schemas/maintenance";
import type { OperationDto, OperationEventList } from "@/lib/schemas/operation";
import { CHROMIUM_ARGS, PortalHttp, horizontalOverflow, openPageAs, provisionDatastore, until, type Session } from "./http";

type Person = "mo" | "rita" | "admin";
const SHOTS = "/tmp/shots-maint";
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1440, height: 900 };
const pad = (n: number) => String(n).padStart(2, "0");

describe("proactive maintenance", () => {
  const baseUrl = inject("baseUrl");
  const http = new PortalHttp(baseUrl, "198.51.100.71");
  const sessions = new Map<Person, Session>();
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const consoleErrors: string[] = [];
  let datastoreId = "";
  let targets: { instanceId: string; zone: string }[] = [];
  let windowStart = new Date();
  let operationId = "";

  const session = (who: Person) => {
    const s = sessions.get(who);
    if (!s) throw new Error(`${who} is not signed in`);
    return s;
  };
  const as = (who: Person) => ({ cookie: session(who).cookie });
  const pageAs = (who: Person, viewport = DESKTOP): Promise<Page> =>
    openPageAs(browser, { baseUrl, who, session: session(who), viewport, contexts, errors: consoleErrors });
  const maintenance = async () => (await http.call<MaintenanceOverview>(`/api/v1/datastores/${datastoreId}/maintenance`, as("mo"))).body;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    const password = inject("demoPassword");
    sessions.set("mo", await http.signIn("mo@portal.local", password));
    sessions.set("rita", await http.signIn("rita@portal.local", password));
    sessions.set("admin", await http.signIn("admin@portal.local", inject("adminPassword")));

    // mo asks for the CDN URL cache (EVCache, one region, tier 2: no approval needed), rita approves, mo provisions.
    const useCase = CANONICAL_USE_CASES.find((u) => u.id === "cdn-url");
    if (!useCase) throw new Error("no cdn-url use case");
    datastoreId = await provisionDatastore(http, {
      requester: as("mo"),
      reviewer: as("rita"),
      name: "maint-cdn-urls",
      workload: { ...useCase.workload, tier: 2, regions: ["us-east-1"] },
    });
    // Two nodes in different zones: EVCache replaces a zone at a time, so two batches one after the other.
    const nodes = await until(
      "the inventory after the up",
      async () => (await http.call<FleetNodeList>(`/api/v1/fleet/nodes?datastore=${datastoreId}`, as("mo"))).body.items,
      (items) => new Set(items.map((n) => n.zone)).size >= 2,
    );
    const zones = [...new Set(nodes.map((n) => n.zone))].sort().slice(0, 2);
    targets = zones.map((z) => {
      const n = nodes.find((x) => x.zone === z);
      if (!n) throw new Error(`no node in ${z}`);
      return { instanceId: n.instanceId, zone: z };
    });
    browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
  });

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
  });

  it("the owner sets a window that opens in a minute or two from the Maintenance tab", async () => {
    const page = await pageAs("mo");
    await page.goto(`/catalog/${datastoreId}`);
    await page.getByTestId("tab-maintenance").click();
    const card = page.getByTestId("maintenance-windows");
    await card.getByTestId("no-windows").waitFor();
    await card.getByRole("button", { name: "Edit windows" }).click();
    await card.getByRole("button", { name: "Add a window" }).click();
    // Opening in one to two minutes, for two hours: the only occurrence that ends before a deadline three days away.
    windowStart = new Date((Math.ceil(Date.now() / 60_000) + 1) * 60_000);
    const row = card.getByTestId("window-row");
    await row.getByLabel("Day").selectOption(String(windowStart.getUTCDay()));
    await row.getByLabel("Starts (UTC)").fill(`${pad(windowStart.getUTCHours())}:${pad(windowStart.getUTCMinutes())}`);
    await row.getByLabel("Minutes").fill("120");
    await card.getByRole("button", { name: "Save windows" }).click();
    await card.getByTestId("window-list").waitFor();
    expect(await card.getByTestId("window-list").textContent()).toContain(`${pad(windowStart.getUTCHours())}:${pad(windowStart.getUTCMinutes())}–`);
    expect((await maintenance()).windows).toEqual([
      { weekday: windowStart.getUTCDay(), startMinute: windowStart.getUTCHours() * 60 + windowStart.getUTCMinutes(), durationMinutes: 120 },
    ]);
    await page.screenshot({ path: `${SHOTS}/windows-1440.png`, fullPage: true });
  });

  it("retirements show on the tab, one replacement is placed in the window, it runs zone by zone, and the inventory shows the new nodes", async () => {
    const page = await pageAs("mo");
    await page.goto(`/catalog/${datastoreId}?tab=maintenance`);
    await page.getByTestId("maintenance-panel").waitFor();

    const deadline = new Date(Date.now() + 3 * 86_400_000);
    for (const t of targets) {
      const injected = await http.call(`/api/v1/fleet/simulated/events`, as("admin"), {
        method: "POST",
        body: { instanceId: t.instanceId, code: "instance-retirement", notBefore: deadline.toISOString() },
      });
      expect(injected.status, injected.text).toBeLessThan(300);
    }

    // The events on the tab (the inject refreshed the inventory), before or as the scheduler answers them.
    await page.reload();
    for (const t of targets) await page.locator(`[data-testid="maintenance-event"][data-instance-id="${t.instanceId}"]`).waitFor();
    expect(await page.getByTestId("maintenance-event").first().textContent()).toContain("Retirement");

    // One replacement for both (one placed after the first event is superseded by one for both), at the start of the
    // window (the last that ends before the deadline), waiting for it on the page.
    // The scheduler may answer the first event before the second is injected: wait for the replacement for both.
    const both = targets.map((t) => t.instanceId).sort();
    const scheduled = await until(
      "the scheduler to place one replacement for both retirements",
      maintenance,
      (m) => m.replacements.some((r) => r.status !== "cancelled" && r.steps.length === both.length),
      60_000,
    );
    const r = scheduled.replacements.find((x) => x.status !== "cancelled");
    // Any other is the first one, superseded before it started.
    for (const other of scheduled.replacements.filter((x) => x !== r)) expect(other.status).toBe("cancelled");
    operationId = r?.operationId ?? "";
    expect(r?.notBefore).toBe(windowStart.toISOString());
    expect(r?.steps.map((s) => s.instanceId).sort()).toEqual(targets.map((t) => t.instanceId).sort());
    expect(new Set(r?.steps.map((s) => s.batch)).size).toBe(2);
    const events = (await http.call<OperationEventList>(`/api/v1/operations/${operationId}/events`, as("mo"))).body.items;
    expect(events.some((e) => e.data.type === "diagnostic" && e.data.message.startsWith("Scheduled in the maintenance window"))).toBe(true);

    // Node by node: a moment where the first zone's node is replaced and the second's is not, on the page.
    const card = page.locator(`[data-testid="replacement"][data-operation-id="${operationId}"]`);
    await card.waitFor();
    if (Date.now() < windowStart.getTime() - 3000)
      expect(await card.getByTestId("replacement-state").textContent()).toContain("waiting for its window (starts");
    await page.screenshot({ path: `${SHOTS}/scheduled-1440.png`, fullPage: true });
    await card.locator('[data-testid="replacement-step"][data-status="done"]').first().waitFor({ timeout: 180_000 });
    const midway = await card.getByTestId("replacement-step").evaluateAll((rows) => rows.map((row) => row.getAttribute("data-status")));
    expect(midway).toHaveLength(2);
    expect(midway[0]).toBe("done");
    expect(midway[1]).not.toBe("done");
    expect(await card.getByTestId("replacement-state").textContent()).toMatch(/Running: 1 of 2 replaced/);
    await page.screenshot({ path: `${SHOTS}/replacing-1440.png`, fullPage: true });

    await page.locator(`[data-testid="replacement"][data-operation-id="${operationId}"][data-status="succeeded"]`).waitFor({ timeout: 60_000 });
    const finished = await maintenance();
    const steps = finished.replacements.find((x) => x.operationId === operationId)?.steps ?? [];
    expect(steps.every((s) => s.status === "done" && s.replacementInstanceId)).toBe(true);
    // The refresh after it: the events are gone from the tab.
    await page
      .getByTestId("maintenance-events")
      .getByText(/No scheduled events/)
      .waitFor();

    // The Nodes tab lists the replacements in place of the retired nodes.
    await page.getByTestId("tab-nodes").click();
    for (const s of steps) await page.locator(`[data-testid="node-row"][data-instance="${s.replacementInstanceId}"]`).waitFor();
    for (const t of targets) expect(await page.locator(`[data-testid="node-row"][data-instance="${t.instanceId}"]`).count()).toBe(0);
    const op = (await http.call<OperationDto>(`/api/v1/operations/${operationId}`, as("mo"))).body;
    expect(op).toMatchObject({ kind: "replace-nodes", purpose: "maintenance", status: "succeeded", progress: { planned: 2, done: 2 } });
    expect(op.startedAt && Date.parse(op.startedAt)).toBeGreaterThanOrEqual(windowStart.getTime());
  }, 300_000);

  it("the Maintenance tab fits a phone's width", async () => {
    const page = await pageAs("mo", PHONE);
    await page.goto(`/catalog/${datastoreId}?tab=maintenance`);
    await page.getByTestId("maintenance-replacements").getByTestId("replacement").first().waitFor();
    await page.screenshot({ path: `${SHOTS}/maintenance-390.png`, fullPage: true });
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    expect(consoleErrors).toEqual([]);
  });
});
