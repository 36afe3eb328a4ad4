// An upgrade campaign in Chromium on the simulated cloud, over three EVCache datastores of two tiers. An administrator
// sets a new EVCache release from /upgrades (a bad version is refused beside its field), previews every affected
// datastore from the release's page (each preview's summary shows), and creates a campaign: its draft shows the waves
// (tier 2: camp-a-steady then camp-b-spike; tier 0: camp-c-critical, needing a reviewer) before it is started.
// camp-a-steady passes its gate — baseline and validation measured for real against a local memcached — and is
// rolled out (every node on the new version). camp-b-spike gets a latency spike injected once its baseline ran: the
// validation benchmark measures it (a loopback proxy holds every answer), the gate fails, the campaign halts and the
// canary zone is rolled back (its nodes on the old version again); its page's banner says so. The administrator
// resumes; the tier 0 wave waits for a reviewer; the reviewer approves it from the campaign page. Every page fits a
// phone's width.
//
// Its own portal (the shared one holds other files' EVCache datastores, which a campaign over the family would
// list too), from the same build, on the same simulated settings as the global setup.
import { mkdirSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from "playwright-core";
import { CANONICAL_USE_CASES } from "@/lib/planner/examples";
import type { AffectedList, CampaignDto, CampaignTargetDto, FamilyReleaseList } from "@/lib/schemas/campaign";
import type { DatastoreDto } from "@/lib/schemas/datastore";
import type { FleetNodeList } from "@/lib/schemas/fleet";
import { CHROMIUM_ARGS, PortalHttp, horizontalOverflow, openPageAs, provisionDatastore, until, type Session } from "./http";
import { ADMIN_PASSWORD, DEMO_PASSWORD, startPortal, type Portal } from "./portal-server";

type Person = "mo" | "rita" | "admin";
const SHOTS = "/tmp/shots-campaign";
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1440, height: 900 };
const NEW_VERSION = "1.6.99";
const NEW_IMAGE = "sim-evcache-1-6-99";
/** How long a campaign step may take on this shared, loaded machine (benchmarks, simulated replacements). */
const CAMPAIGN_TIMEOUT = 240_000;

describe("an upgrade campaign", () => {
  let portal: Portal;
  let http: PortalHttp;
  let browser: Browser;
  const sessions = new Map<Person, Session>();
  const contexts: BrowserContext[] = [];
  const consoleErrors: string[] = [];
  const ids = { steady: "", spike: "", critical: "" };
  let fromVersion = "";
  let releaseId = "";
  let campaignId = "";

  const session = (who: Person) => {
    const s = sessions.get(who);
    if (!s) throw new Error(`${who} is not signed in`);
    return s;
  };
  const as = (who: Person) => ({ cookie: session(who).cookie });
  const pageAs = (who: Person, viewport = DESKTOP): Promise<Page> =>
    openPageAs(browser, { baseUrl: portal.baseUrl, who, session: session(who), viewport, contexts, errors: consoleErrors });
  const campaign = async () => (await http.call<CampaignDto>(`/api/v1/campaigns/${campaignId}`, as("admin"))).body;
  const targetOf = (c: CampaignDto, datastoreId: string): CampaignTargetDto | undefined =>
    c.waves.flatMap((w) => w.targets).find((t) => t.datastore.id === datastoreId);
  const nodesOf = async (id: string) => (await http.call<FleetNodeList>(`/api/v1/fleet/nodes?datastore=${id}&limit=100`, as("admin"))).body.items;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    portal = await startPortal({
      PROVISIONER: "simulated",
      SIMULATED_STEP_MS: "120",
      MAINTENANCE_SCHEDULE_MINUTES: "0.1",
      MAINTENANCE_POLL_MS: "200",
    });
    http = new PortalHttp(portal.baseUrl, "198.51.100.91");
    sessions.set("mo", await http.signIn("mo@portal.local", DEMO_PASSWORD));
    sessions.set("rita", await http.signIn("rita@portal.local", DEMO_PASSWORD));
    sessions.set("admin", await http.signIn("admin@portal.local", ADMIN_PASSWORD));

    // Three CDN URL caches (EVCache) in one region, at 2,000 reads/s (enough samples per benchmark: 300 reads/s gave
    // too few writes for a percentile), with p99 thresholds of 60 ms. The injected spike (×4) makes the proxy in
    // front of the local memcached hold every answer (4 − 1) × 0.4 × 60 = 72 ms.
    const useCase = CANONICAL_USE_CASES.find((u) => u.id === "cdn-url");
    if (!useCase) throw new Error("no cdn-url use case");
    const workload = (tier: number) => ({
      ...useCase.workload,
      tier,
      regions: ["us-east-1"],
      crossRegionReplication: false,
      readsPerSecond: 2_000,
      writesPerSecond: 200,
      readLatencyP99Ms: 60,
      writeLatencyP99Ms: 60,
    });
    const provision = (name: string, tier: number) => provisionDatastore(http, { requester: as("mo"), reviewer: as("rita"), name, workload: workload(tier) });
    ids.steady = await provision("camp-a-steady", 2);
    ids.spike = await provision("camp-b-spike", 2);
    ids.critical = await provision("camp-c-critical", 0);
    for (const id of Object.values(ids))
      await until(
        `the inventory of ${id}`,
        () => nodesOf(id),
        (nodes) => new Set(nodes.map((n) => n.zone)).size >= 2,
      );
    fromVersion = (await http.call<DatastoreDto>(`/api/v1/datastores/${ids.steady}`, as("mo"))).body.engineVersion;
    browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
  }, 600_000);

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await portal?.stop();
  });

  it("an administrator sets a new release from /upgrades; a bad version is refused beside its field", async () => {
    const page = await pageAs("admin");
    await page.goto("/upgrades");
    const form = page.getByTestId("new-release");
    await form.getByLabel("Family").selectOption("evcache");
    await form.getByLabel("Engine version").fill("not a version!");
    // One image per region: once the organisation's regions are read, the rows start with them (typing before that
    // would race their arrival); us-east-1's row gets the image, the others stay empty.
    await imageRowsStarted(form);
    const regions = await form.getByTestId("release-image-row").evaluateAll((rows) => rows.map((r) => r.querySelector("input")?.value));
    const image = form.getByLabel(`Image of region ${regions.indexOf("us-east-1") + 1}`);
    await image.fill(NEW_IMAGE);
    // The whole AMI id is readable in its box (a table input was once capped at 110 px and cut it off).
    expect(await showsWholeValue(image)).toBe(true);
    await form.getByRole("button", { name: "Release", exact: true }).click();
    await form.getByTestId("field-error-engineVersion").waitFor();
    expect(await form.getByTestId("field-error-engineVersion").textContent()).toContain("must be a version");
    expect(
      (await http.call<FamilyReleaseList>("/api/v1/releases", as("admin"))).body.items.some(
        (r) => r.family === "evcache" && r.engineVersion === "not a version!",
      ),
    ).toBe(false);

    await form.getByLabel("Engine version").fill(NEW_VERSION);
    await form.getByLabel("Notes (optional)").fill("the campaign browser test");
    await form.getByRole("button", { name: "Release", exact: true }).click();
    await page.waitForURL(/\/upgrades\/releases\/[^/]+$/);
    releaseId = page.url().split("/").pop() ?? "";
    const releases = (await http.call<FamilyReleaseList>("/api/v1/releases?family=evcache", as("admin"))).body.items;
    expect(releases.find((r) => r.id === releaseId)).toMatchObject({ engineVersion: NEW_VERSION, imageIds: { "us-east-1": NEW_IMAGE }, current: true });
  });

  it("the release's page lists the three datastores and their nodes, and previews each with a summary", async () => {
    const page = await pageAs("admin");
    await page.goto(`/upgrades/releases/${releaseId}`);
    const rows = page.getByTestId("affected-row");
    await rows.first().waitFor();
    expect(await rows.evaluateAll((r) => r.map((row) => row.getAttribute("data-name")))).toEqual(["camp-a-steady", "camp-b-spike", "camp-c-critical"]);
    const affected = (await http.call<AffectedList>(`/api/v1/releases/${releaseId}/affected`, as("admin"))).body;
    expect(await page.getByTestId("affected-summary").textContent()).toContain(`3 datastores · ${affected.nodeCount} nodes not on ${NEW_VERSION}`);
    expect(affected.nodeCount).toBeGreaterThanOrEqual(6);

    await page.getByTestId("preview-all").click();
    await page.getByTestId("preview-all-result").getByText("3 previews queued").waitFor();
    for (const name of ["camp-a-steady", "camp-b-spike", "camp-c-critical"]) {
      const cell = page.locator(`[data-testid="affected-row"][data-name="${name}"] [data-testid="affected-preview"][data-status="succeeded"]`);
      await cell.waitFor({ timeout: 90_000 });
      expect(await cell.textContent()).toContain(`engine ${fromVersion} → ${NEW_VERSION}`);
    }
    await page.screenshot({ path: `${SHOTS}/release-1440.png`, fullPage: true });
  }, 180_000);

  it("a campaign is created as a draft that shows its waves, and starts", async () => {
    const page = await pageAs("admin");
    await page.goto(`/upgrades/releases/${releaseId}`);
    const form = page.getByTestId("new-campaign");
    // A bad bound is refused beside its field. Then 50 %: a local memcached's gate holds its median to it, growth
    // under 10 ms taken for the shared machine's noise (lib/server/bench/compare-bench-runs.ts); the spike's hold
    // (72 ms) is far above both. Each benchmark measures 5 s: a stall of the machine must last half of it to move a
    // median.
    await form.getByLabel("Largest latency regression (%)").fill("abc");
    await form.getByRole("button", { name: "Create campaign" }).click();
    await form.getByTestId("field-error-maxRegressionPct").waitFor();
    await form.getByLabel("Largest latency regression (%)").fill("50");
    await form.getByLabel("Benchmark seconds").fill("5");
    await form.getByRole("button", { name: "Create campaign" }).click();
    await page.waitForURL(/\/upgrades\/campaigns\/[^/]+$/);
    campaignId = page.url().split("/").pop() ?? "";

    await page.getByTestId("campaign-draft").waitFor();
    const waves = page.getByTestId("campaign-wave");
    expect(await waves.evaluateAll((ws) => ws.map((w) => w.getAttribute("data-tier")))).toEqual(["2", "0"]);
    expect(
      await waves
        .nth(0)
        .getByTestId("campaign-target")
        .evaluateAll((ts) => ts.map((t) => t.getAttribute("data-name"))),
    ).toEqual(["camp-a-steady", "camp-b-spike"]);
    expect(await waves.nth(1).getByTestId("wave-approval").textContent()).toBe("needs a reviewer");
    await page.screenshot({ path: `${SHOTS}/draft-1440.png`, fullPage: true });

    await page.getByTestId("campaign-start").click();
    await page.locator('[data-testid="campaign-page"][data-status="running"]').waitFor();
    expect((await campaign()).status).toBe("running");
  });

  it(
    "camp-a-steady passes its gate and is rolled out; camp-b-spike's validation measures an injected spike, its gate fails, the campaign halts and its canary is rolled back",
    async () => {
      const page = await pageAs("admin");
      await page.goto(`/upgrades/campaigns/${campaignId}`);

      // camp-b-spike's baseline is measured clean; the spike comes while its canary is replaced.
      await until("camp-b-spike's canary step", campaign, (c) => targetOf(c, ids.spike)?.step === "canary", CAMPAIGN_TIMEOUT);
      const injected = await http.call(`/api/v1/datastores/${ids.spike}/health/incidents`, as("admin"), {
        method: "POST",
        body: { kind: "latency-spike", magnitude: 4, startsAt: new Date(Date.now() - 60_000).toISOString() },
      });
      expect(injected.status, injected.text).toBe(201);

      const steady = page.locator('[data-testid="campaign-target"][data-name="camp-a-steady"]');
      await page.locator('[data-testid="campaign-target"][data-name="camp-a-steady"][data-step="done"]').waitFor({ timeout: CAMPAIGN_TIMEOUT });
      await steady.getByText("Evidence").click();
      expect(await steady.locator('[data-testid="gate"]').getAttribute("data-verdict")).toBe("pass");

      await page.locator('[data-testid="campaign-page"][data-status="halted"]').waitFor({ timeout: CAMPAIGN_TIMEOUT });
      const spike = page.locator('[data-testid="campaign-target"][data-name="camp-b-spike"]');
      await page.locator('[data-testid="campaign-target"][data-name="camp-b-spike"][data-step="rolled-back"]').waitFor({ timeout: CAMPAIGN_TIMEOUT });
      const gate = spike.getByTestId("gate");
      expect(await gate.getAttribute("data-verdict")).toBe("fail");
      expect(await gate.getByTestId("gate-reasons").textContent()).toMatch(/(reads|writes) p(50|95|99) rose from/);
      expect(await spike.getByTestId("canary-zone").textContent()).toMatch(/us-east-1/);
      expect(await page.getByTestId("campaign-halted").textContent()).toContain("Halted.");
      await page.screenshot({ path: `${SHOTS}/halted-1440.png`, fullPage: true });

      const c = await campaign();
      const [a, b, crit] = [targetOf(c, ids.steady), targetOf(c, ids.spike), targetOf(c, ids.critical)];
      expect(a?.gate?.verdict).toBe("pass");
      expect(a?.gate?.synthetic).toBe(false);
      expect(b?.gate?.verdict).toBe("fail");
      expect(b?.gate?.synthetic).toBe(false);
      // The failing op: validation well above the baseline and the threshold — measured, not modelled.
      const readOp = b?.gate?.ops.find((o) => o.op === "read");
      expect(readOp?.validationP99Ms ?? 0).toBeGreaterThan(60);
      expect(crit?.step).toBe("pending");

      // Rolled out: every camp-a-steady node on the new version; rolled back: every camp-b-spike node on the old.
      const steadyNodes = await until(
        "camp-a-steady's nodes on the release",
        () => nodesOf(ids.steady),
        (ns) => ns.length > 0 && ns.every((n) => n.engineVersion === NEW_VERSION),
      );
      expect(steadyNodes.every((n) => n.imageId === NEW_IMAGE)).toBe(true);
      const spikeNodes = await until(
        "camp-b-spike's nodes back on the old version",
        () => nodesOf(ids.spike),
        (ns) => ns.length > 0 && ns.every((n) => n.engineVersion === fromVersion),
      );
      expect(spikeNodes.length).toBeGreaterThanOrEqual(2);

      // The datastore's own page says which campaign it is in and what happened.
      const owner = await pageAs("mo");
      await owner.goto(`/catalog/${ids.spike}`);
      const banner = owner.getByTestId("campaign-banner");
      await banner.waitFor();
      expect(await banner.getAttribute("data-step")).toBe("rolled-back");
      expect(await banner.textContent()).toContain("canary rolled back");
      await owner.screenshot({ path: `${SHOTS}/datastore-banner-1440.png` });
    },
    2 * CAMPAIGN_TIMEOUT + 60_000,
  );

  it("resumed, the campaign stops at the tier 0 wave until a reviewer approves it from the campaign page", async () => {
    const page = await pageAs("admin");
    await page.goto(`/upgrades/campaigns/${campaignId}`);
    await page.getByTestId("campaign-resume").click();
    const critical = page.locator('[data-testid="campaign-target"][data-name="camp-c-critical"]');
    await page.locator('[data-testid="campaign-target"][data-name="camp-c-critical"][data-step="waiting-review"]').waitFor({ timeout: 60_000 });
    await critical.getByTestId("target-waiting-review").waitFor();
    await page.screenshot({ path: `${SHOTS}/waiting-review-1440.png`, fullPage: true });
    expect(targetOf(await campaign(), ids.critical)?.step).toBe("waiting-review");

    const reviewer = await pageAs("rita");
    await reviewer.goto(`/upgrades/campaigns/${campaignId}`);
    const wave = reviewer.locator('[data-testid="campaign-wave"][data-tier="0"]');
    await wave.getByTestId("approve-wave").click();
    await wave.locator('[data-testid="wave-approval"][data-approved="true"]').waitFor();
    const after = await until("camp-c-critical to move on", campaign, (c) => targetOf(c, ids.critical)?.step !== "waiting-review", 60_000);
    expect(targetOf(after, ids.critical)?.approvedBy).toMatch(/rita/);
  }, 120_000);

  it("the pages fit a phone's width", async () => {
    const page = await pageAs("admin", PHONE);
    for (const [path, name, ready] of [
      ["/upgrades", "upgrades", "campaigns"],
      [`/upgrades/releases/${releaseId}`, "release", "affected"],
      [`/upgrades/campaigns/${campaignId}`, "campaign", "campaign-summary"],
      [`/catalog/${ids.spike}`, "datastore", "campaign-banner"],
    ] as const) {
      await page.goto(path);
      await page.getByTestId(ready).waitFor();
      if (name === "upgrades") {
        // A phone shows each release row's region and whole AMI id (the row wraps rather than squeezing three columns).
        const form = page.getByTestId("new-release");
        await imageRowsStarted(form);
        await form.getByLabel("Image of region 1").fill(NEW_IMAGE);
        expect(await showsWholeValue(form.getByLabel("Region of image 1"))).toBe(true);
        expect(await showsWholeValue(form.getByLabel("Image of region 1"))).toBe(true);
      }
      await page.screenshot({ path: `${SHOTS}/${name}-390.png`, fullPage: true });
      expect(await horizontalOverflow(page), path).toBeLessThanOrEqual(0);
    }
    // The browser logs the two refusals this file provokes on purpose (a bad version, a bad regression bound).
    const provoked = (e: string) => /^admin \S+\/upgrades(\/releases\/[^\s:]+)?: Failed to load resource: .* 422 /.test(e);
    expect(consoleErrors.filter((e) => !provoked(e))).toEqual([]);
    expect(consoleErrors.filter(provoked)).toHaveLength(2);
  });
});

/** Whether a text input shows its whole value without scrolling inside its box. */
function showsWholeValue(input: Locator): Promise<boolean> {
  return input.evaluate((el) => el.scrollWidth <= el.clientWidth);
}

/** Waits until the new release's image rows hold the organisation's regions (typing before that races their prefill). */
async function imageRowsStarted(form: Locator): Promise<void> {
  await until(
    "the image rows to start with the configured regions",
    () => form.getByLabel("Region of image 1").inputValue(),
    (region) => region !== "",
    30_000,
  );
}
