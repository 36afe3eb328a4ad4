// Following an operation live in a real browser (simulated engine), when the stream does not behave: refused, the
// page polls /events and still ends with the whole log; dropped, EventSource reconnects with Last-Event-ID and the
// page resumes after the last id it had and its log ends whole; closed by the server (`event: closed`: the session ended), the page
// stops following, says why, and neither polls nor reconnects. The log is the query cache's pages of /events in
// every case: its rows are exactly the API's events.
//
// Datastores of this file are named "live-…", names no other test file uses.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { chromium, type Browser, type BrowserContext, type Page, type Route } from "playwright-core";
import { CANONICAL_USE_CASES } from "@/lib/planner/examples";
import type { Me } from "@/lib/schemas/access";
import type { OperationDto, OperationEventList, OperationList } from "@/lib/schemas/operation";
import type { RequestDetailDto } from "@/lib/schemas/request";
import { CHROMIUM_ARGS, LIFECYCLE_TIMEOUT, PortalHttp, openPageAs, until, type Session } from "./http";

/** A bound on waiting for the simulated engine, not an assertion about its speed. */
const STREAM = "**/api/v1/operations/*/stream**";

describe("following an operation live when the stream misbehaves", () => {
  const baseUrl = inject("baseUrl");
  const http = new PortalHttp(baseUrl, "198.51.100.31");
  let mo: Session;
  let rita: Session;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const consoleErrors: string[] = [];

  const page = (): Promise<Page> =>
    openPageAs(browser, { baseUrl, who: "mo", session: mo, viewport: { width: 1440, height: 1000 }, contexts, errors: consoleErrors });

  /** A datastore approved through the API whose first preview has succeeded: Provision is one click away. */
  async function previewedDatastore(name: string): Promise<string> {
    const useCase = CANONICAL_USE_CASES.find((u) => u.id === "cdn-url") ?? CANONICAL_USE_CASES[0];
    if (!useCase) throw new Error("no canonical use case");
    const teamId = (await http.call<Me>("/api/v1/me", { cookie: mo.cookie })).body.teams[0]?.id ?? "";
    const created = await http.call<RequestDetailDto>(
      "/api/v1/requests",
      { cookie: mo.cookie },
      { method: "POST", body: { teamId, name, workload: { ...useCase.workload, name, tier: 2, regions: ["us-east-1"] } } },
    );
    expect(created.status, created.text).toBe(201);
    expect((await http.call(`/api/v1/requests/${created.body.id}/submit`, { cookie: mo.cookie }, { method: "POST" })).status).toBe(200);
    const approved = await http.call<RequestDetailDto>(
      `/api/v1/requests/${created.body.id}/decisions`,
      { cookie: rita.cookie },
      { method: "POST", body: { decision: "approved" } },
    );
    expect(approved.status, approved.text).toBe(200);
    const id = approved.body.datastoreId ?? "";
    await until(
      `the preview of ${name}`,
      async () => (await http.call<OperationList>(`/api/v1/datastores/${id}/operations`, { cookie: mo.cookie })).body.items,
      (ops) => ops[0]?.kind === "preview" && ops[0].status === "succeeded",
    );
    return id;
  }

  /** Clicks Provision and answers the up's card, once the page shows it. */
  async function provision(p: Page, datastoreId: string) {
    await p.goto(`/catalog/${datastoreId}`);
    await p.getByRole("button", { name: "Provision", exact: true }).click();
    const card = p.locator('[data-testid="operation"][data-kind="up"][data-latest="true"]');
    await card.waitFor();
    return { card, id: (await card.getAttribute("data-operation-id")) ?? "" };
  }

  /** The log's rows as shown, by their event type: compared with the API's events, in order. */
  const logTypes = (card: ReturnType<Page["locator"]>) => card.getByTestId("log-row").evaluateAll((els) => els.map((e) => e.getAttribute("data-type")));
  const apiTypes = async (operationId: string) => {
    const types: string[] = [];
    let after = 0;
    for (;;) {
      const page = (await http.call<OperationEventList>(`/api/v1/operations/${operationId}/events?after=${after}&limit=1000`, { cookie: mo.cookie })).body;
      types.push(...page.items.map((e) => e.data.type));
      if (page.items.length === 0) return types;
      after = page.lastSeq;
    }
  };

  beforeAll(async () => {
    const password = inject("demoPassword");
    mo = await http.signIn("mo@portal.local", password);
    rita = await http.signIn("rita@portal.local", password);
    browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
  });

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
  });

  it("polls /events when the stream is refused, and ends with every event of the operation in its log", async () => {
    const datastoreId = await previewedDatastore("live-poll");
    const p = await page();
    let streams = 0;
    await p.route(STREAM, (route: Route) => {
      streams += 1;
      return route.fulfill({
        status: 503,
        contentType: "application/problem+json",
        body: JSON.stringify({ type: "about:blank", title: "Service unavailable", status: 503, detail: "The test refuses the stream." }),
      });
    });
    const { card, id } = await provision(p, datastoreId);
    await card.getByText("Live stream unavailable: polling for events.").waitFor();
    await card.getByRole("button", { name: "Show log" }).click();
    await p.locator(`[data-testid="operation"][data-operation-id="${id}"][data-status="succeeded"]`).waitFor({ timeout: LIFECYCLE_TIMEOUT });
    // The last poll reads the final events: the log is the API's, in order.
    const expected = await apiTypes(id);
    await until(
      "the log to hold every event",
      () => logTypes(card),
      (types) => types.length === expected.length,
    );
    expect(await logTypes(card)).toEqual(expected);
    expect(expected.at(-1)).toBe("status");
    const bar = card.getByRole("progressbar");
    expect(await bar.getAttribute("aria-valuenow")).toBe(await bar.getAttribute("aria-valuemax"));
    expect(streams).toBeGreaterThanOrEqual(1);
    await p.screenshot({ path: "/tmp/shots-12b/live-polling-1440.png", fullPage: true });
    // The refused stream is the only console error this page may log.
    const errors = consoleErrors.splice(0).filter((e) => !/status of 503/.test(e));
    expect(errors).toEqual([]);
  });

  it("resumes after a dropped stream with Last-Event-ID (EventSource reconnects by itself): the log ends whole", async () => {
    const datastoreId = await previewedDatastore("live-resume");
    const p = await page();
    // Which event ids the page's EventSources receive (Playwright does not show the Last-Event-ID header Chromium adds).
    await p.addInitScript(() => {
      const w = window as unknown as { __sse: string[]; EventSource: typeof EventSource };
      w.__sse = [];
      const Original = w.EventSource;
      w.EventSource = class extends Original {
        constructor(url: string | URL, init?: EventSourceInit) {
          super(url, init);
          this.addEventListener("operation-event", (e) => w.__sse.push((e as MessageEvent).lastEventId));
        }
      };
    });
    const urls: string[] = [];
    const LAST = 999_999;
    await p.route(STREAM, async (route: Route) => {
      urls.push(route.request().url());
      if (urls.length > 1) return route.continue();
      // The first connection delivers one event under an id past every event of the operation, and drops. The
      // reconnect sends Last-Event-ID: 999999, so the server (which prefers it to ?lastEventId=) sends no event again.
      const operationId = /operations\/([^/]+)\/stream/.exec(route.request().url())?.[1] ?? "";
      const first = (await http.call<OperationEventList>(`/api/v1/operations/${operationId}/events?after=0&limit=1`, { cookie: mo.cookie })).body.items[0];
      return route.fulfill({
        status: 200,
        headers: { "content-type": "text/event-stream", "cache-control": "no-cache" },
        body: `retry: 300\n\nid: ${LAST}\nevent: operation-event\ndata: ${JSON.stringify(first)}\n\n`,
      });
    });
    const { card, id } = await provision(p, datastoreId);
    await card.getByRole("button", { name: "Show log" }).click();
    await p.locator(`[data-testid="operation"][data-operation-id="${id}"][data-status="succeeded"]`).waitFor({ timeout: LIFECYCLE_TIMEOUT });
    const expected = await apiTypes(id);
    await until(
      "the log to hold every event",
      () => logTypes(card),
      (types) => types.length === expected.length,
    );
    expect(await logTypes(card)).toEqual(expected);
    // It reconnected on its own (the same URL: the same EventSource), resumed after the id it had, never polled.
    expect(urls.length).toBeGreaterThanOrEqual(2);
    expect(new Set(urls).size).toBe(1);
    expect(await p.evaluate(() => (window as unknown as { __sse: string[] }).__sse)).toEqual([String(LAST)]);
    expect(await card.getByText("Live stream unavailable").count()).toBe(0);
    expect(expected.length).toBeGreaterThan(3);
    expect(consoleErrors.splice(0)).toEqual([]);
  });

  it("stops following when the server closes the stream (the session ended), says so, and neither polls nor reconnects", async () => {
    const datastoreId = await previewedDatastore("live-closed");
    const p = await page();
    let streams = 0;
    let eventReads = 0;
    p.on("request", (r) => {
      if (/\/api\/v1\/operations\/[^/]+\/events\?/.test(r.url())) eventReads += 1;
    });
    await p.route(STREAM, (route: Route) => {
      streams += 1;
      return route.fulfill({
        status: 200,
        headers: { "content-type": "text/event-stream", "cache-control": "no-cache" },
        body: `retry: 300\n\nevent: closed\ndata: {"reason":"unauthenticated"}\n\n`,
      });
    });
    const { card } = await provision(p, datastoreId);
    const closed = card.getByTestId("events-closed");
    await closed.waitFor();
    expect(await closed.textContent()).toMatch(/session has ended.*Sign in again/);
    const reads = eventReads;
    // Well past the reconnect delay (300 ms) and the poll interval (1 s): nothing more is asked for.
    await new Promise((r) => setTimeout(r, 2500));
    expect(streams).toBe(1);
    expect(eventReads).toBe(reads);
    expect(await card.getByText("Live stream unavailable").count()).toBe(0);
    await p.screenshot({ path: "/tmp/shots-12b/live-closed-1440.png", fullPage: true });
    await p.setViewportSize({ width: 390, height: 844 });
    await closed.scrollIntoViewIfNeeded();
    await p.screenshot({ path: "/tmp/shots-12b/live-closed-390.png", fullPage: true });
    expect(consoleErrors.splice(0)).toEqual([]);
  });

  it("reads a finished operation's whole log when it is opened", async () => {
    const datastoreId = await previewedDatastore("live-finished");
    const ops = (await http.call<OperationList>(`/api/v1/datastores/${datastoreId}/operations`, { cookie: mo.cookie })).body.items;
    const preview = ops[0] as OperationDto;
    const p = await page();
    await p.goto(`/catalog/${datastoreId}`);
    const card = p.locator(`[data-testid="operation"][data-operation-id="${preview.id}"]`);
    await card.getByRole("button", { name: "Show log" }).click();
    const expected = await apiTypes(preview.id);
    await until(
      "the log to hold every event",
      () => logTypes(card),
      (types) => types.length === expected.length,
    );
    expect(await logTypes(card)).toEqual(expected);
    expect(consoleErrors.splice(0)).toEqual([]);
  });
});
