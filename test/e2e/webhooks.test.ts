// The webhooks page in Chromium, on its own portal that allows private targets (WEBHOOK_ALLOW_PRIVATE=1, as an
// administrator would for receivers inside the network) so that a real receiver on 127.0.0.1 can take deliveries:
// create a webhook → its secret is shown once → send a test → the delivery row shows it delivered, verified by the
// receiver with the secret the page showed → redeliver → a second row, the same webhook-id. At a desktop's size and
// a phone's, with screenshots.
import { mkdirSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { CHROMIUM_ARGS, openPageAs, PortalHttp, until, type Session } from "./http";
import { DEMO_PASSWORD, startPortal, type Portal } from "./portal-server";
import { startReceiver, type Receiver } from "../support/webhook-receiver";

const SHOTS = process.env.SHOTS_DIR ?? "/tmp/shots-13c";

describe("the webhooks page", () => {
  let portal: Portal;
  let http: PortalHttp;
  let browser: Browser;
  let receiver: Receiver;
  let mo: Session;
  const contexts: BrowserContext[] = [];
  const errors: string[] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    receiver = await startReceiver();
    portal = await startPortal({ WEBHOOK_ALLOW_PRIVATE: "1", WEBHOOK_FAILURE_LIMIT: "2", PROVISIONER: "simulated", SIMULATED_STEP_MS: "20" });
    http = new PortalHttp(portal.baseUrl, "198.51.100.131");
    mo = await http.signIn("mo@portal.local", DEMO_PASSWORD);
    browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
  }, 240_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await portal?.stop();
    await receiver?.close();
  });

  const open = (viewport: { width: number; height: number }): Promise<Page> =>
    openPageAs(browser, { baseUrl: portal.baseUrl, who: "mo", session: mo, viewport, contexts, errors });

  it("creates a webhook, shows its secret once, sends a test that the receiver verifies, and redelivers it", async () => {
    const path = "/e2e-hook";
    const page = await open({ width: 1440, height: 900 });
    await page.goto("/webhooks");
    await page.getByRole("heading", { name: "Webhooks", level: 1 }).waitFor();
    await page.getByLabel("Endpoint URL").fill(receiver.url(path));
    await page.getByLabel("Description (optional)").fill("e2e receiver");
    await page.getByRole("button", { name: "Create webhook" }).click();

    const secretBox = page.getByTestId("webhook-secret-value");
    await secretBox.waitFor();
    const secret = (await secretBox.textContent()) ?? "";
    expect(secret).toMatch(/^whsec_/);
    receiver.secretFor(path, secret);
    await page.screenshot({ path: `${SHOTS}/webhooks-created-1440.png`, fullPage: true });
    await page.getByRole("button", { name: "I have stored it" }).click();
    await expect(page.getByTestId("webhook-secret").count()).resolves.toBe(0);

    const row = page.locator(`[data-testid="webhook-row"][data-url="${receiver.url(path)}"]`);
    await row.waitFor();
    expect(await row.getByTestId("webhook-status").textContent()).toBe("enabled");
    // Shown once: after a reload the page holds no trace of it.
    await page.reload();
    await row.waitFor();
    expect(await page.content()).not.toContain(secret.slice(6));

    await row.getByRole("button", { name: "Send test" }).click();
    const delivered = row.locator('[data-testid="delivery-row"][data-status="delivered"]');
    await delivered.first().waitFor({ timeout: 30_000 });
    const got = await until(
      "the receiver to get the test",
      async () => receiver.received(path),
      (r) => r.length === 1,
      30_000,
    );
    expect(got[0]?.verified).toMatchObject({ type: "webhook.ping" });
    const webhookId = String(got[0]?.headers["webhook-id"]);
    expect(await delivered.first().getAttribute("data-webhook-id")).toBe(webhookId);
    await expect(delivered.first().textContent()).resolves.toMatch(/200/);
    await page.screenshot({ path: `${SHOTS}/webhooks-delivered-1440.png`, fullPage: true });

    await delivered.first().getByRole("button", { name: "Redeliver" }).click();
    await until(
      "two delivered rows",
      () => delivered.count(),
      (n) => n === 2,
      30_000,
    );
    const again = await until(
      "the receiver to get the redelivery",
      async () => receiver.received(path),
      (r) => r.length === 2,
      30_000,
    );
    expect(again[1]?.headers["webhook-id"]).toBe(webhookId);
    expect(again[1]?.verified).toMatchObject({ type: "webhook.ping" });
    await expect(row.getByTestId("delivery-row").first().textContent()).resolves.toContain("redelivery");
    await page.screenshot({ path: `${SHOTS}/webhooks-redelivered-1440.png`, fullPage: true });
    expect(errors).toEqual([]);
  });

  it("shows a subscription the portal disabled after failed deliveries, and enables it again", async () => {
    const path = "/e2e-down";
    receiver.script(path, [{ status: 503, body: "maintenance" }]);
    const page = await open({ width: 1440, height: 900 });
    await page.goto("/webhooks");
    await page.getByLabel("Endpoint URL").fill(receiver.url(path));
    await page.getByRole("button", { name: "Create webhook" }).click();
    await page.getByTestId("webhook-secret-value").waitFor();
    await page.getByRole("button", { name: "I have stored it" }).click();
    const row = page.locator(`[data-testid="webhook-row"][data-url="${receiver.url(path)}"]`);
    await row.getByRole("button", { name: "Send test" }).click();
    // WEBHOOK_FAILURE_LIMIT=2 here: the first attempt and its retry (about 5 s later) fail, and the portal disables it.
    await until(
      "the subscription to be disabled",
      async () => {
        await page.reload();
        await row.waitFor();
        return row.getByTestId("webhook-status").getAttribute("data-status");
      },
      (s) => s === "disabled",
      60_000,
    );
    await expect(row.getByRole("status").textContent()).resolves.toMatch(/after 2 failed delivery attempts in a row/);
    await row.getByRole("button", { name: "Deliveries" }).click();
    await row.getByTestId("delivery-row").first().waitFor();
    await expect(row.getByTestId("delivery-row").first().textContent()).resolves.toMatch(/503/);
    await page.screenshot({ path: `${SHOTS}/webhooks-disabled-1440.png`, fullPage: true });
    expect(receiver.received(path)).toHaveLength(2);

    receiver.script(path, [{ status: 200, body: "back" }]);
    await row.getByRole("button", { name: "Enable" }).click();
    await until(
      "the waiting delivery to go out",
      async () => receiver.received(path).length,
      (n) => n === 3,
      30_000,
    );
    await row.locator('[data-testid="delivery-row"][data-status="delivered"]').first().waitFor({ timeout: 30_000 });
    expect(await row.getByTestId("webhook-status").textContent()).toBe("enabled");
    expect(errors).toEqual([]);
  });

  it("reads on a phone: the list, the actions and the delivery log fit 390 px", async () => {
    const page = await open({ width: 390, height: 844 });
    await page.goto("/webhooks");
    const row = page.getByTestId("webhook-row").first();
    await row.waitFor();
    await row.getByRole("button", { name: "Deliveries" }).click();
    await row.getByTestId("delivery-row").first().waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `${SHOTS}/webhooks-phone-390.png`, fullPage: true });
    expect(errors).toEqual([]);
  });
});
