// Benchmark runs in a real browser, on the simulated portal (global setup: PROVISIONER=simulated): an EVCache
// datastore (the CDN URL use case) is provisioned through the API; its owner opens the Benchmarks tab, starts a run
// from the form prefilled with the derived profile (a bad key count is refused beside its field, and nothing is
// queued), watches it live — the progress chart gains points while the run is running — against the real memcached
// the simulation starts, and reads its result; a second run with the same profile is compared with the first (each
// percentile's change as the API computed it from the two results, a verdict with reasons); a third is cancelled
// from its page. A Cassandra datastore's run is synthetic, and its row and page say so. No page overflows a phone's
// width. Every datastore of this file starts with "bench-".
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { CANONICAL_USE_CASES } from "@/lib/planner/examples";
import type { BenchComparison, BenchRun, BenchRunList } from "@/lib/schemas/bench-run";
import { CHROMIUM_ARGS, LIFECYCLE_TIMEOUT, PortalHttp, horizontalOverflow, openPageAs, provisionDatastore, until, type Session } from "./http";

type Person = "mo" | "rita";

describe("benchmark runs in the browser (simulated EVCache, real memcached)", () => {
  const baseUrl = inject("baseUrl");
  const http = new PortalHttp(baseUrl, "198.51.100.57");
  const sessions = new Map<Person, Session>();
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const consoleErrors: string[] = [];
  let datastoreId = "";
  /** A Cassandra datastore: no server can run here, so its runs are the simulation's labelled model. */
  let cassandraId = "";

  const session = (who: Person) => {
    const s = sessions.get(who);
    if (!s) throw new Error(`${who} is not signed in`);
    return s;
  };
  const as = (who: Person) => ({ cookie: session(who).cookie });
  const pageAs = (who: Person, width: number): Promise<Page> =>
    openPageAs(browser, { baseUrl, who, session: session(who), viewport: { width, height: 1000 }, contexts, errors: consoleErrors });
  const runs = async () => (await http.call<BenchRunList>(`/api/v1/datastores/${datastoreId}/benchmarks`, as("mo"))).body.runs;
  const run = async (id: string) => (await http.call<BenchRun>(`/api/v1/benchmarks/${id}`, as("mo"))).body;
  const finished = (r: BenchRun) => !["queued", "running"].includes(r.status);

  beforeAll(async () => {
    const password = inject("demoPassword");
    sessions.set("mo", await http.signIn("mo@portal.local", password));
    sessions.set("rita", await http.signIn("rita@portal.local", password));
    browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
    const provision = (useCaseId: string, name: string) => {
      const useCase = CANONICAL_USE_CASES.find((u) => u.id === useCaseId);
      if (!useCase) throw new Error(`no ${useCaseId} use case`);
      return provisionDatastore(http, { requester: as("mo"), reviewer: as("rita"), name, workload: { ...useCase.workload, tier: 2 } });
    };
    [datastoreId, cassandraId] = await Promise.all([provision("cdn-url", "bench-cdn"), provision("viewing-history", "bench-history")]);
  }, 3 * LIFECYCLE_TIMEOUT);

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
  });

  it(
    "starts a run from the derived profile, watches it live, reads its result, compares a second run and cancels a third",
    async () => {
      const page = await pageAs("mo", 1440);
      await page.goto(`/catalog/${datastoreId}`);
      await page.getByTestId("tab-benchmarks").click();
      await page.waitForURL(/tab=benchmarks/);
      await page.getByTestId("bench-no-runs").waitFor();

      // The form opens with the profile derived from the workload (300k reads/s and 30k writes/s: 10/11 reads).
      await page.getByRole("button", { name: "Start a benchmark" }).click();
      const form = page.getByTestId("bench-start-form");
      await form.waitFor();
      expect(Number(await form.getByLabel("Reads (%)").inputValue())).toBeCloseTo((300_000 / 330_000) * 100, 3);
      expect(Number(await form.getByLabel("Keys").inputValue())).toBeGreaterThan(0);
      expect(await form.getByTestId("bench-synthetic-note").count()).toBe(0);

      // A key count of 0 is refused beside its field, and nothing is queued.
      await form.getByLabel("Keys").fill("0");
      await form.getByRole("button", { name: "Start the run" }).click();
      const keysError = form.locator("#bench-keys-error");
      await keysError.waitFor();
      expect(await keysError.innerText()).toMatch(/whole number from 1/);
      expect(await form.getByLabel("Keys").getAttribute("aria-invalid")).toBe("true");
      expect(await runs()).toEqual([]);

      // A short run: 2,000 keys at 400 requests/s, 1 s of warm-up and 6 s measured.
      await form.getByLabel("Label").fill("first run");
      await form.getByLabel("Keys").fill("2000");
      await form.getByLabel("Rate (requests/s)").fill("400");
      await form.getByLabel("Connections").fill("4");
      await form.getByLabel("Duration (s)").fill("6");
      await form.getByLabel("Warm-up (s)").fill("1");
      await form.getByRole("button", { name: "Start the run" }).click();
      await page.waitForURL(new RegExp(`/catalog/${datastoreId}/benchmarks/[^/?]+$`));
      const firstId = page.url().split("/").at(-1) ?? "";
      const view = page.getByTestId("bench-run");
      await view.waitFor();
      expect(await view.getAttribute("data-run-id")).toBe(firstId);

      // Live: while it runs, the chart gains points from the run's progress.
      await page.waitForFunction(
        () => {
          const v = document.querySelector('[data-testid="bench-run"]');
          const chart = document.querySelector('[data-testid="bench-chart-throughput"]');
          return v?.getAttribute("data-status") === "running" && Number(chart?.getAttribute("data-points") ?? 0) >= 2;
        },
        undefined,
        { timeout: LIFECYCLE_TIMEOUT, polling: 100 },
      );
      await page.screenshot({ path: "/tmp/portal-bench-live-1440.png", fullPage: true });
      await page.waitForFunction(() => document.querySelector('[data-testid="bench-run"]')?.getAttribute("data-status") === "succeeded", undefined, {
        timeout: LIFECYCLE_TIMEOUT,
      });
      const first = await run(firstId);
      expect(first.target).toBe("local-server");
      expect(first.synthetic).toBe(false);
      expect(first.profile.keySpace.count).toBe(2000);
      expect(first.profile.durationS).toBe(6);
      expect(first.result?.outcome).toBe("completed");
      const readP99 = first.result?.reads.latency.percentilesMs.p99 ?? -1;
      expect(readP99).toBeGreaterThan(0);
      await page.getByTestId("bench-result").waitFor();
      expect(await page.getByTestId("bench-target").innerText()).toMatch(/memcached · a local server/);
      const p99Cell = page.locator('[data-testid="result-row-reads"][data-kind="response"] [data-percentile="p99"]');
      expect(Number.parseFloat(await p99Cell.innerText())).toBeCloseTo(readP99, readP99 >= 10 ? 0 : 1);
      expect(await page.locator('[data-testid="result-row-reads"][data-kind="service"]').count()).toBe(1);
      expect(Number(await page.getByTestId("bench-chart-throughput").getAttribute("data-points"))).toBeGreaterThanOrEqual(5);
      await page.screenshot({ path: "/tmp/portal-bench-run-1440.png", fullPage: true });

      // A second run with the same profile (through the API), then the two compared in the browser.
      const second = await http.call<BenchRun>(`/api/v1/datastores/${datastoreId}/benchmarks`, as("mo"), {
        method: "POST",
        body: { label: "second run", region: first.region, role: first.role, profile: first.profile },
        headers: { "idempotency-key": `bench-second-${datastoreId}` },
      });
      expect([201, 202], second.text).toContain(second.status);
      const secondDone = await until("the second run to finish", () => run(second.body.id), finished, LIFECYCLE_TIMEOUT);
      expect(secondDone.status).toBe("succeeded");

      await page.goto(`/catalog/${datastoreId}?tab=benchmarks`);
      await expect.poll(() => page.getByTestId("bench-run-row").count()).toBe(2);
      const picker = page.getByTestId("bench-compare-picker");
      expect(await picker.getByLabel("Baseline").inputValue()).toBe(firstId);
      expect(await picker.getByLabel("Candidate").inputValue()).toBe(second.body.id);
      expect(await page.locator('[data-testid="bench-run-row"] [data-testid="bench-target"]').first().innerText()).toMatch(/memcached · a local server/);
      await page.screenshot({ path: "/tmp/portal-bench-tab-1440.png", fullPage: true });
      await picker.getByRole("button", { name: "Compare" }).click();
      await page.waitForURL(/\/benchmarks\/compare\?/);
      const verdict = page.getByTestId("compare-verdict");
      await verdict.waitFor();
      const comparison = (await http.call<BenchComparison>(`/api/v1/benchmarks/compare?baseline=${firstId}&candidate=${second.body.id}`, as("mo"))).body;
      expect(await verdict.getAttribute("data-verdict")).toBe(comparison.verdict);
      expect(await page.getByTestId("compare-reasons").locator("li").count()).toBe(comparison.reasons.length);
      const expectedPct = comparison.comparison.reads?.percentiles.p99.deltaPct ?? null;
      const row = page.locator('[data-testid="compare-reads"] [data-testid="compare-delta"][data-percentile="p99"]');
      expect(await row.getAttribute("data-delta-pct")).toBe(expectedPct === null ? "" : String(expectedPct));
      // The delta the page shows is the one between the two stored results.
      const b = first.result?.reads.latency.percentilesMs.p99 ?? 0;
      const c = secondDone.result?.reads.latency.percentilesMs.p99 ?? 0;
      expect(comparison.comparison.reads?.percentiles.p99.deltaMs).toBeCloseTo(c - b, 2);
      await page.screenshot({ path: "/tmp/portal-bench-compare-1440.png", fullPage: true });

      // A field error on the comparison's own input.
      await page.getByLabel("Regression allowed (%)").fill("-5");
      await page.getByRole("button", { name: "Recompare" }).click();
      await page.locator("#bench-max-regression-error").waitFor();
      expect(await page.locator("#bench-max-regression-error").innerText()).toMatch(/from 0 to 1,000/);

      // A third, long run is cancelled from its page: it stops and keeps what it measured.
      const third = await http.call<BenchRun>(`/api/v1/datastores/${datastoreId}/benchmarks`, as("mo"), {
        method: "POST",
        body: { label: "cancelled run", profile: { ...first.profile, durationS: 120 } },
        headers: { "idempotency-key": `bench-third-${datastoreId}` },
      });
      expect([201, 202], third.text).toContain(third.status);
      await page.goto(`/catalog/${datastoreId}/benchmarks/${third.body.id}`);
      await page.waitForFunction(() => document.querySelector('[data-testid="bench-run"]')?.getAttribute("data-status") === "running", undefined, {
        timeout: LIFECYCLE_TIMEOUT,
      });
      await page.getByRole("button", { name: "Cancel the run" }).click();
      await page.waitForFunction(() => document.querySelector('[data-testid="bench-run"]')?.getAttribute("data-status") === "cancelled", undefined, {
        timeout: LIFECYCLE_TIMEOUT,
      });
      expect(await page.getByRole("button", { name: "Cancel the run" }).count()).toBe(0);
      const cancelled = await run(third.body.id);
      expect(cancelled.status).toBe("cancelled");

      // Cassandra cannot run here: its run is synthetic, and every place that shows it says so.
      await page.goto(`/catalog/${cassandraId}?tab=benchmarks`);
      await page.getByRole("button", { name: "Start a benchmark" }).click();
      await page.getByTestId("bench-start-form").getByTestId("bench-synthetic-note").waitFor();
      const synthetic = await http.call<BenchRun>(`/api/v1/datastores/${cassandraId}/benchmarks`, as("mo"), {
        method: "POST",
        body: { label: "modelled run", derive: { durationS: 3, warmupS: 0 } },
        headers: { "idempotency-key": `bench-synthetic-${cassandraId}` },
      });
      expect(synthetic.status, synthetic.text).toBe(202);
      expect(synthetic.body.target).toBe("synthetic");
      await until("the synthetic run to finish", () => run(synthetic.body.id), finished, LIFECYCLE_TIMEOUT);
      await page.goto(`/catalog/${cassandraId}?tab=benchmarks`);
      const syntheticRow = page.locator(`[data-testid="bench-run-row"][data-run-id="${synthetic.body.id}"]`);
      await syntheticRow.waitFor();
      expect(await syntheticRow.getByTestId("bench-synthetic").innerText()).toMatch(/^synthetic$/i);
      await syntheticRow.getByRole("link", { name: "modelled run" }).click();
      await page.getByTestId("bench-result").waitFor();
      expect(await page.getByTestId("bench-synthetic-note").innerText()).toMatch(/synthetic.*No load was sent/s);

      // A phone: the tab, a run and the comparison stay inside the page (wide tables scroll in their own boxes).
      const phone = await pageAs("mo", 390);
      await phone.goto(`/catalog/${datastoreId}?tab=benchmarks`);
      await phone.getByTestId("bench-run-row").first().waitFor();
      expect(await horizontalOverflow(phone)).toBeLessThanOrEqual(0);
      await phone.getByRole("button", { name: "Start a benchmark" }).click();
      await phone.getByTestId("bench-start-form").waitFor();
      expect(await horizontalOverflow(phone)).toBeLessThanOrEqual(0);
      await phone.screenshot({ path: "/tmp/portal-bench-tab-390.png", fullPage: true });
      await phone.goto(`/catalog/${datastoreId}/benchmarks/${firstId}`);
      await phone.getByTestId("bench-result").waitFor();
      expect(await horizontalOverflow(phone)).toBeLessThanOrEqual(0);
      await phone.screenshot({ path: "/tmp/portal-bench-run-390.png", fullPage: true });
      await phone.goto(`/catalog/${datastoreId}/benchmarks/compare?baseline=${firstId}&candidate=${second.body.id}`);
      await phone.getByTestId("compare-verdict").waitFor();
      expect(await horizontalOverflow(phone)).toBeLessThanOrEqual(0);
      await phone.screenshot({ path: "/tmp/portal-bench-compare-390.png", fullPage: true });

      // The one failed request is the deliberate 422 of the comparison's bad input.
      expect(consoleErrors.filter((e) => !(e.includes("/benchmarks/compare") && /status of 422/.test(e)))).toEqual([]);
    },
    8 * LIFECYCLE_TIMEOUT,
  );
});
