// Retention as people meet it: a portal runs an operation, is stopped, and a month passes (the operation's finish
// is moved back 40 days in its database while no portal holds it). Started again on the same data directory, its
// worker prunes the operation's engine events at once (retention runs when a worker starts), and the datastore page
// says so in the operation's log instead of showing a log that looks cut short. At 1440×900 and 390×844.
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromium, type Browser, type BrowserContext } from "playwright-core";
import { CANONICAL_USE_CASES } from "@/lib/planner/examples";
import type { Me } from "@/lib/schemas/access";
import type { OperationDto, OperationList } from "@/lib/schemas/operation";
import type { RequestDetailDto } from "@/lib/schemas/request";
import { CHROMIUM_ARGS, PortalHttp, openPageAs, until, type Session } from "./http";
import { DEMO_PASSWORD, startPortal, type Portal } from "./portal-server";

const SHOTS = "/tmp/shots-11";
/** A bound on waiting for the simulated engine and the worker, not an assertion about their speed. */
const DAY_MS = 86_400_000;

/** Moves an operation's finish (and start and creation) back `days`, in the stopped portal's SQLite file, as stored. */
function backdate(file: string, operationId: string, days: number): void {
  const sqlite = new Database(file);
  try {
    const row = sqlite.prepare(`SELECT typeof("finishedAt") AS t, "finishedAt" AS v FROM "operations" WHERE "id" = ?`).get(operationId) as
      { t: string; v: number | string } | undefined;
    if (!row || row.t === "null") throw new Error(`operation ${operationId} has not finished`);
    // Written in the representation the portal's client stored (epoch milliseconds, or ISO text).
    const earlier = (v: number | string) => (typeof v === "number" ? v - days * DAY_MS : new Date(new Date(v).getTime() - days * DAY_MS).toISOString());
    for (const column of ["createdAt", "startedAt", "finishedAt"]) {
      const current = sqlite.prepare(`SELECT "${column}" AS v FROM "operations" WHERE "id" = ?`).get(operationId) as { v: number | string | null };
      if (current.v !== null) sqlite.prepare(`UPDATE "operations" SET "${column}" = ? WHERE "id" = ?`).run(earlier(current.v), operationId);
    }
  } finally {
    sqlite.close();
  }
}

describe("retention, a month on", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "portal-e2e-retention-"));
  const env = { DATA_DIR: dataDir, PROVISIONER: "simulated", SIMULATED_STEP_MS: "20" };
  let portal: Portal | undefined;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const consoleErrors: string[] = [];
  let datastoreId = "";
  let previewId = "";
  let eventsBefore = 0;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    portal = await startPortal(env);
    const http = new PortalHttp(portal.baseUrl, "198.51.100.112");
    const mo = await http.signIn("mo@portal.local", DEMO_PASSWORD);
    const rita = await http.signIn("rita@portal.local", DEMO_PASSWORD);
    const me = await http.call<Me>("/api/v1/me", { cookie: mo.cookie });
    const vh = CANONICAL_USE_CASES.find((u) => u.id === "viewing-history");
    const name = "ret-old-log";
    const created = await http.call<RequestDetailDto>(
      "/api/v1/requests",
      { cookie: mo.cookie },
      { method: "POST", body: { teamId: me.body.teams[0]?.id, name, workload: { ...vh?.workload, name, regions: ["us-east-1"] } } },
    );
    expect(created.status, created.text).toBe(201);
    expect((await http.call(`/api/v1/requests/${created.body.id}/submit`, { cookie: mo.cookie }, { method: "POST" })).status).toBe(200);
    const decided = await http.call<RequestDetailDto>(
      `/api/v1/requests/${created.body.id}/decisions`,
      { cookie: rita.cookie },
      { method: "POST", body: { decision: "approved" } },
    );
    expect(decided.status, decided.text).toBe(200);
    datastoreId = decided.body.datastoreId ?? "";
    const [preview] = await until(
      "the approval's preview",
      async () => (await http.call<OperationList>(`/api/v1/datastores/${datastoreId}/operations`, { cookie: mo.cookie })).body.items,
      (o) => o[0]?.status === "succeeded",
    );
    previewId = preview?.id ?? "";
    eventsBefore = preview?.eventCount ?? 0;
    expect(preview?.eventsPrunedAt).toBeNull();
    await portal.stop();
    portal = undefined;

    backdate(join(dataDir, "portal.db"), previewId, 40);
    portal = await startPortal(env);
    browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
  }, 300_000);

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await portal?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function signedIn(): Promise<{ http: PortalHttp; mo: Session }> {
    if (!portal) throw new Error("no portal");
    const http = new PortalHttp(portal.baseUrl, "198.51.100.113");
    return { http, mo: await http.signIn("mo@portal.local", DEMO_PASSWORD) };
  }

  it("the restarted worker prunes the old operation's engine events; its status lines, summary and diff stay", async () => {
    const { http, mo } = await signedIn();
    const op = await until(
      "retention to prune the old preview",
      async () => (await http.call<OperationDto>(`/api/v1/operations/${previewId}`, { cookie: mo.cookie })).body,
      (o) => o.eventsPrunedAt !== null,
    );
    expect(op.status).toBe("succeeded");
    expect(op.summary).not.toBeNull();
    expect(op.diff?.length ?? 0).toBeGreaterThan(0);
    const events = (await http.call<{ items: { data: { type: string } }[] }>(`/api/v1/operations/${previewId}/events?limit=1000`, { cookie: mo.cookie })).body
      .items;
    expect(events.length).toBeGreaterThan(0);
    expect(events.length).toBeLessThan(eventsBefore);
    expect(events.every((e) => e.data.type === "status")).toBe(true);
  });

  for (const viewport of [
    { width: 1440, height: 900 },
    { width: 390, height: 844 },
  ]) {
    it(`the datastore page says why the old log is short (${viewport.width}×${viewport.height})`, async () => {
      const { mo } = await signedIn();
      if (!portal) throw new Error("no portal");
      const page = await openPageAs(browser, { baseUrl: portal.baseUrl, who: "mo", session: mo, viewport, contexts, errors: consoleErrors });
      await page.goto(`/catalog/${datastoreId}`);
      const card = page.locator(`[data-testid="operation"][data-operation-id="${previewId}"]`);
      await card.waitFor();
      await card.getByRole("button", { name: "Show log" }).click();
      const note = card.getByTestId("log-pruned");
      await note.waitFor();
      expect(await note.textContent()).toMatch(/step-by-step events were removed on .+ by the portal's retention/);
      await card.getByTestId("log-row").first().waitFor();
      const rows = await card.getByTestId("log-row").evaluateAll((els) => els.map((e) => e.getAttribute("data-type")));
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.every((t) => t === "status")).toBe(true);
      await note.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SHOTS}/retention-log-${viewport.width}.png`, fullPage: false });
      // The note wraps inside the operation's card, whatever the width.
      const fits = await note.evaluate((el) => {
        const card = el.closest('[data-testid="operation"]');
        return { overflow: el.scrollWidth - el.clientWidth, pastCard: el.getBoundingClientRect().right - (card?.getBoundingClientRect().right ?? 0) };
      });
      expect(fits.overflow).toBeLessThanOrEqual(1);
      expect(fits.pastCard).toBeLessThanOrEqual(1);
    });
  }

  it("logs no errors in the browser console", () => {
    expect(consoleErrors).toEqual([]);
  });
});
