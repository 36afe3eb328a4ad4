// The planner page in a real browser: a team describes the viewing-history workload and sees Cassandra
// recommended with a priced plan; a bad value shows an error beside its field and nothing breaks.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { chromium, type Browser, type Page } from "playwright-core";
import { CHROMIUM_ARGS } from "./http";

describe("planner page", () => {
  const baseUrl = inject("baseUrl");
  let browser: Browser;
  let page: Page;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    page.on("console", (message) => {
      if (message.type() === "error") consoleErrors.push(message.text());
    });
    page.on("pageerror", (error) => consoleErrors.push(`uncaught: ${error.message}`));
    await page.goto(`${baseUrl}/plan`);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("recommends Cassandra with a priced plan for the viewing-history workload", async () => {
    const field = (label: string) => page.getByLabel(label, { exact: true });
    await field("Name").fill("viewing-history");
    await field("Tier").selectOption("1");
    await field("Access pattern").selectOption("time-series");
    await field("Reads per second").fill("20000");
    await field("Writes per second").fill("100000");
    await field("Read item size").fill("1024");
    await field("Write item size").fill("512");
    await field("Dataset size").fill("5000");
    await field("Growth").fill("200");
    await field("Consistency").selectOption("read-your-writes");
    await field("Durability").selectOption("durable");
    await field("Regions").fill("us-east-1, eu-west-1");
    await field("Cross-region replication").check();

    const recommended = page.getByTestId("recommended-family");
    await page.locator('[data-testid="recommended-family"][data-family="cassandra"]').waitFor();
    expect(await recommended.getAttribute("data-family")).toBe("cassandra");

    // The plan follows the whole workload: two regions, so clusters in both.
    await page.getByText("2 regions", { exact: false }).first().waitFor();
    const cost = page.getByTestId("plan-annual-cost");
    expect(Number(await cost.getAttribute("data-value"))).toBeGreaterThan(0);
    expect(await cost.textContent()).toMatch(/^\$[\d,]+$/);
    expect(await page.getByTestId("plan-card").count()).toBeGreaterThan(1);
    expect(await page.getByTestId("field-error-readsPerSecond").count()).toBe(0);
  });

  it("shows a bad value's error beside its field and keeps the page alive", async () => {
    const reads = page.getByLabel("Reads per second", { exact: true });
    await reads.fill("-5");

    const error = page.getByTestId("field-error-readsPerSecond");
    await error.waitFor();
    expect(await error.textContent()).toMatch(/must be 0 or more/);
    expect(await reads.getAttribute("aria-invalid")).toBe("true");
    // Beside its field: the message lives in the same field group as the input it describes.
    const group = page.locator("fieldset.quantity", { has: error });
    expect(await group.locator("input").first().getAttribute("aria-describedby")).toBe(await error.getAttribute("id"));
    await page.getByTestId("plan-invalid").waitFor();

    await page.screenshot({ path: "/tmp/plan-invalid.png", fullPage: true });

    // Fixing the value brings the live plan back.
    await reads.fill("20000");
    await page.getByTestId("plan-invalid").waitFor({ state: "detached" });
    await page.locator('[data-testid="recommended-family"][data-family="cassandra"]').waitFor();
    expect(await error.count()).toBe(0);
    await page.screenshot({ path: "/tmp/plan.png", fullPage: true });
  });

  it("logs no console errors", () => {
    expect(consoleErrors).toEqual([]);
  });
});
