// The review queue in a real browser, as a reviewer meets it: more requests waiting than a page, a workload change
// and a decommission that need a reviewer. The header counts what waits for her; /reviews lists all three kinds,
// longest waiting first, and "Load more" reaches the oldest; the dashboard shows the same queue; a change opens on
// its datastore's page where she decides it. At 1440×900 and at 390×844.
//
// Requests are created through the API with mo's session; every name of this file starts with "rq-".
import { mkdirSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { CANONICAL_USE_CASES } from "@/lib/planner/examples";
import type { Me } from "@/lib/schemas/access";
import type { DatastoreChangeDto } from "@/lib/schemas/change";
import type { DatastoreDto } from "@/lib/schemas/datastore";
import type { OperationList } from "@/lib/schemas/operation";
import type { RequestDetailDto } from "@/lib/schemas/request";
import type { ReviewQueue } from "@/lib/schemas/review";
import { CHROMIUM_ARGS, PortalHttp, openPageAs, until, type Session } from "./http";

const SHOTS = "/tmp/shots-11";
/** A bound on waiting for the simulated engine, not an assertion about its speed. */
const WAITING_REQUESTS = 27;

describe("the review queue (requests, changes, decommissions)", () => {
  const baseUrl = inject("baseUrl");
  const password = inject("demoPassword");
  const http = new PortalHttp(baseUrl, "198.51.100.111");
  let mo: Session;
  let rita: Session;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const consoleErrors: string[] = [];
  const requestIds: string[] = [];
  let change: DatastoreChangeDto;
  let decommission: DatastoreChangeDto;

  const vh = CANONICAL_USE_CASES.find((u) => u.id === "viewing-history");
  const workload = (name: string, extra: Record<string, unknown> = {}) => ({ ...vh?.workload, name, ...extra });

  async function submitted(name: string, extra: Record<string, unknown> = {}): Promise<string> {
    const me = await http.call<Me>("/api/v1/me", { cookie: mo.cookie });
    const teamId = me.body.teams[0]?.id ?? "";
    const created = await http.call<RequestDetailDto>(
      "/api/v1/requests",
      { cookie: mo.cookie },
      { method: "POST", body: { teamId, name, workload: workload(name, extra) } },
    );
    expect(created.status, created.text).toBe(201);
    const sent = await http.call<RequestDetailDto>(`/api/v1/requests/${created.body.id}/submit`, { cookie: mo.cookie }, { method: "POST" });
    expect(sent.status, sent.text).toBe(200);
    return created.body.id;
  }

  async function approved(name: string, extra: Record<string, unknown> = {}): Promise<string> {
    const id = await submitted(name, extra);
    const decided = await http.call<RequestDetailDto>(
      `/api/v1/requests/${id}/decisions`,
      { cookie: rita.cookie },
      { method: "POST", body: { decision: "approved" } },
    );
    expect(decided.status, decided.text).toBe(200);
    return decided.body.datastoreId ?? "";
  }

  const queue = async () => (await http.call<ReviewQueue>("/api/v1/reviews?limit=100", { cookie: rita.cookie })).body;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    mo = await http.signIn("mo@portal.local", password);
    rita = await http.signIn("rita@portal.local", password);
    browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });

    // A tier-1 datastore never provisioned: its decommission waits for a reviewer.
    const retiring = await approved("rq-retiring", { regions: ["us-east-1"] });
    const retiringStore = (await http.call<DatastoreDto>(`/api/v1/datastores/${retiring}`, { cookie: mo.cookie })).body;
    const asked = await http.call<DatastoreChangeDto>(
      `/api/v1/datastores/${retiring}/changes`,
      { cookie: mo.cookie },
      { method: "POST", body: { kind: "decommission", confirmName: retiringStore.name } },
    );
    expect(asked.status, asked.text).toBe(201);
    decommission = asked.body;
    expect(decommission.status).toBe("pending-approval");

    for (let i = 0; i < WAITING_REQUESTS; i++) requestIds.push(await submitted(`rq-wait-${String(i).padStart(2, "0")}`));

    // An active datastore whose workload grows: a change a reviewer must approve.
    const growing = await approved("rq-growing", { regions: ["us-east-1"] });
    const ops = async () => (await http.call<OperationList>(`/api/v1/datastores/${growing}/operations`, { cookie: mo.cookie })).body.items;
    const [preview] = await until("the preview of rq-growing", ops, (o) => o[0]?.kind === "preview" && o[0].status === "succeeded");
    const up = await http.call(
      `/api/v1/datastores/${growing}/operations`,
      { cookie: mo.cookie },
      { method: "POST", body: { kind: "up", previewId: preview?.id } },
    );
    expect(up.status, up.text).toBe(202);
    await until(
      "rq-growing to become active",
      async () => (await http.call<DatastoreDto>(`/api/v1/datastores/${growing}`, { cookie: mo.cookie })).body,
      (d) => d.status === "active",
    );
    const grown = await http.call<DatastoreChangeDto>(
      `/api/v1/datastores/${growing}/changes`,
      { cookie: mo.cookie },
      {
        method: "POST",
        body: { kind: "update", workload: workload("rq-growing", { regions: ["us-east-1"], writesPerSecond: 400_000 }), reason: "Launch traffic." },
      },
    );
    expect(grown.status, grown.text).toBe(201);
    change = grown.body;
    expect(change.status).toBe("pending-approval");
  }, 300_000);

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
  });

  const pageAs = (viewport: { width: number; height: number }): Promise<Page> =>
    openPageAs(browser, { baseUrl, who: "rita", session: rita, viewport, contexts, errors: consoleErrors });

  it("the header counts what waits for the reviewer, and the dashboard shows the queue with each item's kind", async () => {
    const { waiting } = await queue();
    expect(waiting.forYou).toBeGreaterThanOrEqual(WAITING_REQUESTS + 2);
    const page = await pageAs({ width: 1440, height: 900 });
    await page.goto("/");
    const badge = page.getByTestId("review-badge");
    await badge.waitFor();
    expect(Number(await badge.getAttribute("data-count"))).toBe(waiting.forYou);
    // The count is in the link's accessible name, not only in a red circle.
    const reviewsLink = page
      .getByRole("navigation", { name: "Main" })
      .getByRole("link", { name: new RegExp(`^Reviews\\b.*\\b${waiting.forYou} waiting for your review$`) });
    expect(await reviewsLink.count()).toBe(1);
    const section = page.getByTestId("reviews-waiting");
    await section.getByTestId("review-table").waitFor();
    expect(await section.getByRole("heading", { level: 2 }).textContent()).toContain(`(${waiting.forYou} for you)`);
    expect(await section.getByRole("columnheader", { name: "Kind" }).count()).toBe(1);
    // The first page holds the longest waiting, as the server orders them: the decommission asked before every request.
    const first = section.getByTestId("review-row").first();
    const all = (await queue()).items;
    expect(await first.getAttribute("data-id")).toBe(all[0]?.id);
    expect(await section.locator(`[data-testid="review-row"][data-kind="decommission"][data-id="${decommission.id}"]`).count()).toBe(1);
    expect(await section.getByTestId("load-more").count()).toBe(1);
    await page.screenshot({ path: `${SHOTS}/dashboard-reviewer-1440.png`, fullPage: true });
  });

  it("/reviews lists requests, changes and decommissions longest waiting first, and Load more reaches every one", async () => {
    const page = await pageAs({ width: 1440, height: 900 });
    await page.goto("/reviews");
    const table = page.getByTestId("review-queue");
    await table.getByTestId("review-table").waitFor();
    expect(await table.getByTestId("review-row").count()).toBe(25);
    while ((await table.getByTestId("load-more").count()) > 0) {
      const before = await table.getByTestId("review-row").count();
      await table.getByTestId("load-more").click();
      await until(
        "the next page",
        () => table.getByTestId("review-row").count(),
        (n) => n > before,
      );
    }
    const rows = await table
      .getByTestId("review-row")
      .evaluateAll((els) => els.map((e) => ({ id: e.getAttribute("data-id"), kind: e.getAttribute("data-kind") })));
    const expected = (await queue()).items.map((i) => ({ id: i.id, kind: i.kind }));
    expect(rows).toEqual(expected);
    // Ours among them, in the order they started waiting.
    const ours = rows.map((r) => r.id).filter((id) => id === decommission.id || id === change.id || requestIds.includes(id ?? ""));
    expect(ours).toEqual([decommission.id, ...requestIds, change.id]);
    expect(await table.locator(`[data-testid="review-row"][data-kind="change"][data-id="${change.id}"] [data-testid="review-kind"]`).textContent()).toBe(
      "Change",
    );
    expect(await table.locator(`[data-testid="review-row"][data-kind="request"][data-id="${requestIds[0]}"] [data-testid="review-kind"]`).textContent()).toBe(
      "Request",
    );
    expect(await page.getByTestId("shown-count").textContent()).toBe(`${rows.length} of ${rows.length} shown`);
    await page.screenshot({ path: `${SHOTS}/reviews-1440.png`, fullPage: true });
  });

  it("opens a change on its datastore's page, where the reviewer decides it, and the header's count drops at once", async () => {
    const page = await pageAs({ width: 1440, height: 900 });
    await page.goto("/reviews");
    const table = page.getByTestId("review-queue");
    await table.getByTestId("review-table").waitFor();
    while ((await table.locator(`[data-testid="review-row"][data-id="${change.id}"]`).count()) === 0) {
      const before = await table.getByTestId("review-row").count();
      await table.getByTestId("load-more").click();
      await until(
        "the next page",
        () => table.getByTestId("review-row").count(),
        (n) => n > before,
      );
    }
    await table.locator(`[data-testid="review-row"][data-id="${change.id}"]`).getByRole("link").click();
    await page.waitForURL(new RegExp(`/catalog/${change.datastoreId}#changes-title$`));
    const item = page.locator(`[data-testid="change"][data-change-id="${change.id}"]`);
    await item.waitFor();
    const badge = page.getByTestId("review-badge");
    await badge.waitFor();
    const before = Number(await badge.getAttribute("data-count"));
    expect(before).toBe((await queue()).waiting.forYou);
    await item.getByRole("button", { name: "Approve" }).click();
    // The outcome shows once the decision is saved and what depends on it refreshed: the badge counts one fewer
    // then, not at its next minute's refresh.
    await item.getByTestId("change-outcome").waitFor();
    expect(await item.getByTestId("change-outcome").getAttribute("data-ok")).toBe("true");
    expect(Number(await badge.getAttribute("data-count"))).toBe(before - 1);
    expect((await queue()).items.map((i) => i.id)).not.toContain(change.id);
  });

  it("fits a phone: the queue scrolls inside its card, the page does not overflow", async () => {
    const page = await pageAs({ width: 390, height: 844 });
    await page.goto("/reviews");
    await page.getByTestId("review-table").waitFor();
    const overflow = await page.getByTestId("review-queue").evaluate((el) => el.getBoundingClientRect().right - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await page.screenshot({ path: `${SHOTS}/reviews-390.png`, fullPage: true });
    // Kind, name, cost and waiting time fit without scrolling sideways; the kind rides with the name.
    const sideways = await page
      .getByTestId("review-queue")
      .locator(".table-wrap")
      .evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(sideways).toBeLessThanOrEqual(1);
    const kinds = page.locator(`[data-testid="review-row"][data-id="${decommission.id}"] .review-kind`);
    expect(await kinds.evaluateAll((els) => els.filter((e) => e.getBoundingClientRect().width > 0).map((e) => e.textContent))).toEqual(["Decommission"]);
    await page.goto("/");
    await page.getByTestId("reviews-waiting").getByTestId("review-table").waitFor();
    await page.screenshot({ path: `${SHOTS}/dashboard-reviewer-390.png`, fullPage: true });
    await page.goto("/catalog");
    await page.getByTestId("datastore-table").waitFor();
    await page.screenshot({ path: `${SHOTS}/catalog-390.png`, fullPage: true });
  });

  it("logs no errors in the browser console", () => {
    expect(consoleErrors).toEqual([]);
  });
});
