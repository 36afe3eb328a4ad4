// How a plan reads (issue 9 items 6–8), in Chromium at 1440×900 and 390×844: utilisation bars say what they measure
// and show disk IOPS, the real sizing driver is named (floors included), a dominant cost line is called out with
// what would change it, the per-role column says it is instances and drives only, and ranged plans print their
// deltas with one sign and say how often cheaper plans fall short across the simulated worlds.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { chromium, type Browser, type Page } from "playwright-core";
import { CHROMIUM_ARGS } from "./http";

const SHOTS = "/tmp/shots-8";

describe("plan display", () => {
  const baseUrl = inject("baseUrl");
  let browser: Browser;
  let page: Page;
  const consoleErrors: string[] = [];
  const field = (label: string) => page.getByLabel(label, { exact: true });

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.on("console", (message) => {
      if (message.type() === "error") consoleErrors.push(message.text());
    });
    page.on("pageerror", (error) => consoleErrors.push(`uncaught: ${error.message}`));
    await page.goto(`${baseUrl}/plan`);
    await page.getByTestId("preset-viewing-history").click();
    await page.locator('[data-testid="recommended-family"][data-family="cassandra"]').waitFor();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("labels utilisation as a share of planned capacity with headroom included, shows disk IOPS and explains the marker", async () => {
    const summary = page.getByTestId("plan-summary");
    await summary.getByText("% of planned capacity (headroom included)").first().waitFor();
    const bars = summary.getByTestId("utilisation-bars");
    expect(await bars.getByText("Disk IOPS", { exact: true }).count()).toBe(1);
    expect(await bars.getByTestId("util-value-iops").textContent()).toMatch(/^\d+%$/);
    // The marker is explained in words next to the bars, not left as a bare ◆.
    expect(await summary.getByTestId("utilisation-legend").textContent()).toMatch(/set the node count/);
    await page.screenshot({ path: `${SHOTS}/viewing-history-1440.png`, fullPage: true });
  });

  it("shows the planned family's model defaults as the SLO placeholders (Cassandra sizes and alarms at 5 ms)", async () => {
    expect(await field("Read latency p99").getAttribute("placeholder")).toBe("default 5");
    expect(await field("Write latency p99").getAttribute("placeholder")).toBe("default 4");
    // The form says how rates are counted.
    expect(await page.getByText("Per region: each region's cluster serves this many at peak.").count()).toBe(1);
    expect(await page.getByText(/with cross-region replication every region applies every write/).count()).toBe(1);
  });

  it("names a tier floor as what sized the plan, not a resource", async () => {
    await field("Reads per second").fill("10");
    await field("Writes per second").fill("10");
    await field("Dataset size").fill("1");
    await field("Growth").fill("0");
    const sizedBy = page.getByTestId("plan-bottleneck");
    await expect.poll(async () => sizedBy.textContent(), { timeout: 15_000 }).toMatch(/tier-1 floor of 2 nodes per zone/);
    expect(await page.getByTestId("plan-card").first().locator(".plan-title").textContent()).toMatch(/sized by the tier-1 floor of 2 nodes per zone/);
    // Back to the preset for the next checks.
    await page.getByTestId("preset-viewing-history").click();
    await expect.poll(async () => sizedBy.textContent(), { timeout: 15_000 }).not.toMatch(/floor/);
  });

  it("calls out a dominant cost line with what would change it, and names the per-role column as instances and drives", async () => {
    const callout = page.getByTestId("cost-callout");
    await callout.waitFor();
    const text = (await callout.textContent()) ?? "";
    expect(text).toMatch(/Network transfer is \d+% of the annual cost/);
    expect(text).toMatch(/What would change it/);
    expect(text).toMatch(/cross-region replication|regions/);
    const card = page.getByTestId("plan-card").first();
    expect(await card.locator("thead").textContent()).toMatch(/Instances and drives \/ year/);
    expect(await card.locator("thead").textContent()).not.toMatch(/Annual cost/);
    const foot = (await card.locator("tfoot").textContent()) ?? "";
    expect(foot).toMatch(/Network transfer/);
    expect(foot).toMatch(/Backup/);
    expect(foot).toMatch(/Total/);
  });

  it("prints ranged deltas with one sign and says how often cheaper plans fall short", async () => {
    await page.getByTestId("preset-delayed-queues").click();
    await page.locator('[data-testid="recommended-family"][data-family="dynomite"]').waitFor();
    const range = async (label: string, low: string, mid: string, high: string) => {
      await page
        .getByRole("group", { name: `${label}: exact value or range` })
        .getByRole("button", { name: "Range" })
        .click();
      await field(`${label} (low)`).fill(low);
      await field(`${label} (mid)`).fill(mid);
      await field(`${label} (high)`).fill(high);
    };
    await range("Reads per second", "15000", "30000", "60000");
    await range("Writes per second", "5000", "10000", "20000");
    await range("Dataset size", "10", "20", "40");
    await page.getByTestId("cost-spread").waitFor();
    await expect.poll(async () => page.locator(".plan .delta").count(), { timeout: 20_000 }).toBeGreaterThan(1);

    // Deltas first: a cheaper plan below #1 printed "+-$2,093 (+-6%)".
    const deltas = await page.locator(".plan .delta").allTextContents();
    expect(
      deltas.some((d) => /−|-/.test(d)),
      deltas.join(" | "),
    ).toBe(true);
    for (const d of deltas) expect(d).toMatch(/^(\+\$[\d,]+ \(\+\d+%\)|−\$[\d,]+ \(−\d+%\))$/);
    const body = (await page.locator("main").textContent()) ?? "";
    expect(body).not.toMatch(/\+-|\+−|-\$/);

    await expect.poll(async () => page.getByTestId("plan-shortfall").count(), { timeout: 20_000 }).toBeGreaterThan(1);

    for (const s of await page.getByTestId("plan-shortfall").allTextContents()) expect(s).toMatch(/Too few nodes in \d+ of 48 simulated worlds/);
    expect(await page.getByTestId("cost-spread").textContent()).toMatch(/Cheaper plans rank lower because they fall short more often/);
    await page.screenshot({ path: `${SHOTS}/ranged-queues-1440.png`, fullPage: true });
  });

  it("reads on a phone without the plan display overflowing", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByTestId("plan-summary").scrollIntoViewIfNeeded();
    const overflow = await page.evaluate(() => {
      const wide = [...document.querySelectorAll('[data-testid="plan-summary"], [data-testid="plan-list"], [data-testid="cost-callout"]')];
      return wide.map((el) => el.scrollWidth - el.clientWidth).filter((d) => d > 1);
    });
    expect(overflow).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/ranged-queues-390.png`, fullPage: true });
  });

  it("logs no console errors", () => {
    expect(consoleErrors).toEqual([]);
  });
});
