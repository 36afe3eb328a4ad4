// Same-site request forgery, with a real second origin: a page served on another port of the same host (same-site,
// so the browser attaches the victim's SameSite=Lax session cookie) fires the empty-body POSTs — submit, cancel —
// at the portal. They must change nothing; the same calls from the portal's own pages still work. And the page
// cannot frame the portal (CSP frame-ancestors 'none').
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import type { RequestDetailDto } from "@/lib/schemas";
import type { Me } from "@/lib/schemas/access";
import { viewingHistory } from "../api/support";
import { CHROMIUM_ARGS, PortalHttp, type Session } from "./http";

const SHOTS = "/tmp/shots-10s";

describe("a page on another origin of the same site", () => {
  const baseUrl = inject("baseUrl");
  const http = new PortalHttp(baseUrl, "198.51.100.61");
  let attacker: Server;
  let attackerUrl = "";
  /** What the attacker's page does, set by each test: JavaScript run in the page. */
  let attackScript = "";
  let browser: Browser;
  let context: BrowserContext;
  let mo: Session;
  let teamId = "";

  async function draftRequest(): Promise<string> {
    const created = await http.call<RequestDetailDto>("/api/v1/requests", mo, {
      method: "POST",
      body: { teamId, workload: { ...viewingHistory, name: `forgery-${Math.random().toString(36).slice(2, 8)}` } },
    });
    expect(created.status).toBe(201);
    return created.body.id;
  }
  const statusOf = async (id: string) => (await http.call<RequestDetailDto>(`/api/v1/requests/${id}`, mo)).body.status;

  beforeAll(async () => {
    mo = await http.signIn("mo@portal.local", inject("demoPassword"));
    teamId = (await http.call<Me>("/api/v1/me", mo)).body.teams[0]?.id ?? "";
    attacker = createServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      res.end(
        `<!doctype html><title>prize</title><h1>You won</h1><script>(async () => { ${attackScript}; document.title = "done"; })().catch((e) => { document.title = "done " + e; });</script>`,
      );
    });
    await new Promise<void>((resolve) => attacker.listen(0, "127.0.0.1", resolve));
    attackerUrl = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}/`;
    expect(new URL(attackerUrl).origin).not.toBe(new URL(baseUrl).origin);
    browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
    context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    await context.addCookies(mo.cookies.map((c) => ({ ...c, url: baseUrl })));
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await new Promise((resolve) => attacker?.close(resolve));
  });

  async function visitAttacker(script: string): Promise<Page> {
    attackScript = script;
    const page = await context.newPage();
    await page.goto(attackerUrl);
    await page.waitForFunction(() => document.title.startsWith("done"), undefined, { timeout: 30_000 });
    return page;
  }

  it("cannot submit or cancel the victim's requests with empty-body POSTs", async () => {
    const [toSubmit, toCancel] = [await draftRequest(), await draftRequest()];
    const page = await visitAttacker(
      [`/api/v1/requests/${toSubmit}/submit`, `/api/v1/requests/${toCancel}/cancel`]
        .map((p) => `await fetch(${JSON.stringify(baseUrl + p)}, { method: "POST", credentials: "include", mode: "no-cors" }).catch(() => undefined)`)
        .join(";"),
    );
    await page.screenshot({ path: `${SHOTS}/forgery-attacker.png` });
    expect(await statusOf(toSubmit)).toBe("draft");
    expect(await statusOf(toCancel)).toBe("draft");
    await page.close();
  });

  it("can when the same calls come from the portal's own page", async () => {
    const [toSubmit, toCancel] = [await draftRequest(), await draftRequest()];
    const page = await context.newPage();
    await page.goto(`${baseUrl}/plan`);
    const statuses = await page.evaluate(
      async (paths) => Promise.all(paths.map(async (p) => (await fetch(p, { method: "POST", credentials: "same-origin" })).status)),
      [`/api/v1/requests/${toSubmit}/submit`, `/api/v1/requests/${toCancel}/cancel`],
    );
    expect(statuses).toEqual([200, 200]);
    expect(await statusOf(toSubmit)).toBe("submitted");
    expect(await statusOf(toCancel)).toBe("cancelled");
    await page.close();
  });

  it("cannot frame the portal", async () => {
    const page = await visitAttacker(
      `const f = document.createElement("iframe"); f.src = ${JSON.stringify(`${baseUrl}/plan`)}; document.body.append(f); await new Promise((r) => { f.onload = r; setTimeout(r, 5000); })`,
    );
    const frame = page.frames().find((f) => f !== page.mainFrame());
    // A framed page that loaded would have the portal's heading; a blocked one is Chromium's error page.
    const framed = frame ? await frame.evaluate(() => document.querySelector("h1")?.textContent ?? "").catch(() => "") : "";
    expect(framed).not.toMatch(/plan|data store/i);
    expect(frame?.url() ?? "").not.toBe(`${baseUrl}/plan`);
    await page.close();
  });
});
