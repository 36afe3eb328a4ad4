// Provisioning in a real browser, on the simulated engine (global setup: PROVISIONER=simulated, fast steps): a
// reviewer approves a request and the datastore page shows the preview's diff by region and zone under the
// "simulated" banner; Provision runs with the progress bar moving live and the log filling with resource events;
// the datastore ends active with its outputs; decommissioning it (typed name) leaves it in the catalog as
// decommissioned. Also: a tier-1 decommission waits for a reviewer, who approves it on the page; a provisioning
// that fails names the failing Auto Scaling group and offers Retry and cleanup; and the administrator's
// provisioning settings put a bad VPC id's error on that input.
//
// Requests are created through the API with the people's sessions (the wizard itself is portal.test.ts); every
// datastore of this file starts with "prov-" or ends with "-fail-sim", names no other test file uses.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { CANONICAL_USE_CASES } from "@/lib/planner/examples";
import type { Me } from "@/lib/schemas/access";
import type { DatastoreChangeDto } from "@/lib/schemas/change";
import type { DatastoreDto } from "@/lib/schemas/datastore";
import type { OperationDto, OperationList } from "@/lib/schemas/operation";
import type { OrgSettingsDto } from "@/lib/schemas/org-settings";
import type { RequestDetailDto } from "@/lib/schemas/request";
import { CHROMIUM_ARGS, LIFECYCLE_TIMEOUT, PortalHttp, openPageAs, until, type Session } from "./http";

type Person = "mo" | "rita" | "admin";

/** A bound on waiting for the simulated engine, not an assertion about its speed: a broken run fails here instead of hanging. */

describe("provisioning in the browser (simulated engine)", () => {
  const baseUrl = inject("baseUrl");
  const http = new PortalHttp(baseUrl, "198.51.100.24");
  const sessions = new Map<Person, Session>();
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const consoleErrors: string[] = [];
  /** The datastore page where a test asks for a preview it knows is refused (409). */
  let deliberateConflictAt = "";

  const session = (who: Person) => {
    const s = sessions.get(who);
    if (!s) throw new Error(`${who} is not signed in`);
    return s;
  };
  const as = (who: Person) => ({ cookie: session(who).cookie });

  const pageAs = (who: Person): Promise<Page> =>
    openPageAs(browser, { baseUrl, who, session: session(who), viewport: { width: 1440, height: 1100 }, contexts, errors: consoleErrors });

  /** mo creates and submits a request for a canonical workload under `name`, at `tier`. */
  async function submittedRequest(name: string, useCaseId: string, tier: 0 | 1 | 2 | 3, regions?: string[]): Promise<string> {
    const useCase = CANONICAL_USE_CASES.find((u) => u.id === useCaseId);
    if (!useCase) throw new Error(`no use case ${useCaseId}`);
    const me = await http.call<Me>("/api/v1/me", as("mo"));
    const teamId = me.body.teams[0]?.id ?? "";
    const created = await http.call<RequestDetailDto>("/api/v1/requests", as("mo"), {
      method: "POST",
      body: { teamId, name, workload: { ...useCase.workload, name, tier, ...(regions ? { regions } : {}) } },
    });
    expect(created.status, created.text).toBe(201);
    const submitted = await http.call<RequestDetailDto>(`/api/v1/requests/${created.body.id}/submit`, as("mo"), { method: "POST" });
    expect(submitted.status, submitted.text).toBe(200);
    return created.body.id;
  }

  /** …and rita approves it through the API: the datastore, with its preview queued. */
  async function approvedDatastore(name: string, useCaseId: string, tier: 0 | 1 | 2 | 3): Promise<string> {
    const requestId = await submittedRequest(name, useCaseId, tier);
    const approved = await http.call<RequestDetailDto>(`/api/v1/requests/${requestId}/decisions`, as("rita"), {
      method: "POST",
      body: { decision: "approved" },
    });
    expect(approved.status, approved.text).toBe(200);
    const datastoreId = approved.body.datastoreId;
    if (!datastoreId) throw new Error(`approving ${name} created no datastore`);
    return datastoreId;
  }

  const operations = async (datastoreId: string) => (await http.call<OperationList>(`/api/v1/datastores/${datastoreId}/operations`, as("mo"))).body.items;
  const datastore = async (datastoreId: string) => (await http.call<DatastoreDto>(`/api/v1/datastores/${datastoreId}`, as("mo"))).body;

  /** Through the API: the approval's preview succeeds, mo confirms it, and the datastore becomes active. */
  async function activeDatastore(name: string, useCaseId: string, tier: 0 | 1 | 2 | 3): Promise<string> {
    const id = await approvedDatastore(name, useCaseId, tier);
    const [preview] = await until(
      `the preview of ${name}`,
      () => operations(id),
      (ops) => ops[0]?.kind === "preview" && ops[0].status === "succeeded",
    );
    const up = await http.call<OperationDto>(`/api/v1/datastores/${id}/operations`, as("mo"), {
      method: "POST",
      body: { kind: "up", previewId: preview?.id },
      headers: { "idempotency-key": `up-${id}` },
    });
    expect(up.status, up.text).toBe(202);
    await until(
      `${name} to become active`,
      () => datastore(id),
      (d) => d.status === "active",
    );
    return id;
  }

  /**
   * Waits until the datastore page shows `status` (the page follows the operation live). When it does not, the
   * failure says what the API thought meanwhile, and a screenshot shows what the page did.
   */
  async function pageShowsStatus(page: Page, status: DatastoreDto["status"]): Promise<void> {
    try {
      await page.locator(`[data-testid="datastore-detail"][data-status="${status}"]`).waitFor({ timeout: LIFECYCLE_TIMEOUT });
    } catch (error) {
      const id = page.url().split("/").at(-1)?.split("#")[0] ?? "";
      await page.screenshot({ path: `/tmp/portal-provisioning-${status}-timeout.png`, fullPage: true });
      const [d, ops] = await Promise.all([datastore(id), operations(id)]);
      const summary = ops.map((o) => `${o.kind}/${o.purpose}:${o.status}${o.error ? ` (${o.error.message})` : ""}`).join(", ");
      throw new Error(`the page never showed ${status}; the API says the datastore is ${d.status}, operations: ${summary}`, { cause: error });
    }
  }

  beforeAll(async () => {
    const password = inject("demoPassword");
    sessions.set("mo", await http.signIn("mo@portal.local", password));
    sessions.set("rita", await http.signIn("rita@portal.local", password));
    sessions.set("admin", await http.signIn("admin@portal.local", inject("adminPassword")));
    browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
  });

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
  });

  describe("approve → preview → provision → active → decommission (tier 2: no approval to decommission)", () => {
    const NAME = "prov-history";
    let requestId = "";
    let datastoreId = "";
    let page: Page;

    beforeAll(async () => {
      // viewing-history runs in us-east-1 and eu-west-1: both have organisation settings in the demo seed.
      requestId = await submittedRequest(NAME, "viewing-history", 2);
      page = await pageAs("rita");
    });

    it("rita approves the request; the datastore page shows the preview, then its diff by region and zone", async () => {
      await page.goto(`/reviews/${requestId}`);
      await page.getByTestId("decision-box").waitFor();
      await page.getByLabel("Comment", { exact: true }).fill("Provision it.");
      await page.getByRole("button", { name: "Approve" }).click();
      await page.waitForURL(new RegExp(`/requests/${requestId}$`));
      await page.getByTestId("datastore-link").click();
      await page.waitForURL(/\/catalog\/[^/]+$/);
      datastoreId = page.url().split("/").at(-1) ?? "";

      const panel = page.getByTestId("provisioning-panel");
      await panel.waitFor();
      // The approval queued a preview: the panel follows it (queued or running, or already done on a fast machine).
      await panel.locator('[data-testid="operation"][data-kind="preview"][data-latest="true"]').waitFor();
      const preview = panel.locator('[data-testid="operation"][data-kind="preview"][data-latest="true"][data-status="succeeded"]');
      await preview.waitFor({ timeout: LIFECYCLE_TIMEOUT });

      const diff = preview.getByTestId("resource-diff");
      await diff.waitFor();
      // Grouped by resource type; each row says its region and zone.
      const regions = await diff.getByTestId("diff-row").evaluateAll((els) => els.map((e) => e.getAttribute("data-region")));
      expect(regions).toEqual(expect.arrayContaining(["us-east-1", "eu-west-1"]));
      const eastGroups = diff.locator('[data-testid="diff-type"][data-type="aws:autoscaling/group:Group"] [data-testid="diff-row"][data-region="us-east-1"]');
      const zones = await eastGroups.evaluateAll((els) => els.map((e) => e.getAttribute("data-zone")));
      expect(new Set(zones.filter((z) => z && /^us-east-1[a-z]$/.test(z))).size).toBeGreaterThanOrEqual(3);
      // A first provisioning creates everything: Auto Scaling groups per zone among them.
      expect(Number(await diff.getByTestId("diff-counts").locator('[data-op="create"]').getAttribute("data-count"))).toBeGreaterThan(0);
      expect(await eastGroups.and(page.locator('[data-zone="us-east-1a"][data-op="create"]')).count()).toBeGreaterThan(0);
      expect(await diff.locator('[data-testid="diff-row"]:not([data-op="create"])').count()).toBe(0);
      await page.screenshot({ path: "/tmp/portal-provision-preview.png", fullPage: true });
    });

    it("says plainly that the provisioner is simulated", async () => {
      const banner = page.getByTestId("simulated-banner");
      await banner.waitFor();
      expect(await banner.textContent()).toMatch(/Simulated provisioner — no cloud resources are created/);
    });

    it("provisions on confirmation: the progress bar advances live and the log shows resource events", async () => {
      // Record every value the progress bar shows, in the page, while the test waits for the end.
      await page.evaluate(() => {
        const seen: string[] = [];
        (window as unknown as { progressSeen: string[] }).progressSeen = seen;
        setInterval(() => {
          const bar = document.querySelector('[data-testid="operation"][data-kind="up"] [role="progressbar"]');
          const now = bar?.getAttribute("aria-valuenow");
          if (now && seen.at(-1) !== now) seen.push(now);
        }, 25);
      });
      await page.getByRole("button", { name: "Provision", exact: true }).click();
      const up = page.locator('[data-testid="operation"][data-kind="up"][data-latest="true"]');
      await up.waitFor();
      expect(await up.getByRole("progressbar", { name: "Provisioning progress" }).getAttribute("aria-valuemax")).toMatch(/^\d+$/);
      await up.getByRole("button", { name: "Show log" }).click();
      await up.locator('[data-testid="log-row"][data-type="resource-done"]').first().waitFor({ timeout: LIFECYCLE_TIMEOUT });
      expect(await up.locator('[data-testid="log-row"][data-type="resource-done"] code').first().textContent()).toMatch(/prov-history/);

      await pageShowsStatus(page, "active");
      await page.locator('[data-testid="operation"][data-kind="up"][data-status="succeeded"]').waitFor({ timeout: LIFECYCLE_TIMEOUT });
      const seen = await page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen);
      expect(new Set(seen).size, `progress values seen: ${seen.join(", ")}`).toBeGreaterThanOrEqual(2);
      const max = await up.getByRole("progressbar").getAttribute("aria-valuemax");
      expect(await up.getByRole("progressbar").getAttribute("aria-valuenow")).toBe(max);
      expect(await up.locator('[data-testid="log-row"][data-type="resource-done"]').count()).toBeGreaterThan(3);
      await page.screenshot({ path: "/tmp/portal-provision-done.png", fullPage: true });
    });

    it("is active with its outputs: endpoints per region", async () => {
      const outputs = page.getByTestId("outputs");
      await outputs.waitFor();
      const regions = await outputs.getByTestId("outputs-region").evaluateAll((els) => els.map((e) => e.getAttribute("data-region")));
      expect(regions.sort()).toEqual(["eu-west-1", "us-east-1"]);
      const endpoint = outputs.locator('[data-testid="outputs-region"][data-region="us-east-1"] [data-testid="endpoint"] code').first();
      expect((await endpoint.textContent())?.length).toBeGreaterThan(3);
      const exported = page.getByTestId("export-pulumi");
      expect(await exported.getAttribute("href")).toBe(`/api/v1/datastores/${datastoreId}/pulumi-project`);
      const archive = await page.request.get(`/api/v1/datastores/${datastoreId}/pulumi-project`);
      expect(archive.status()).toBe(200);
      expect(archive.headers()["content-type"]).toMatch(/gzip/);
      // The history lists both operations, newest first.
      const kinds = await page
        .getByTestId("history-row")
        .evaluateAll((els) => els.map((e) => `${e.getAttribute("data-kind")}:${e.getAttribute("data-status")}`));
      expect(kinds.slice(0, 2)).toEqual(["up:succeeded", "preview:succeeded"]);
    });

    it("leaves workload changes and decommissioning to the owning team", async () => {
      const actions = page.getByRole("group", { name: "Provisioning actions" });
      expect(await actions.getByRole("button", { name: "Check for drift" }).count()).toBe(1);
      expect(await actions.getByRole("button", { name: "Decommission" }).count()).toBe(0);
      expect(await actions.getByRole("link", { name: "Change workload" }).count()).toBe(0);
      expect(await actions.textContent()).toMatch(/asked for by Streaming, the owning team/);
    });

    it("checks for drift on demand: none, since nothing changed outside the portal", async () => {
      await page.getByRole("group", { name: "Provisioning actions" }).getByRole("button", { name: "Check for drift" }).click();
      const drift = page.locator('[data-testid="operation"][data-purpose="drift"][data-latest="true"][data-status="succeeded"]');
      await drift.waitFor({ timeout: LIFECYCLE_TIMEOUT });
      expect(await drift.getByTestId("drift-result").getAttribute("data-drift")).toBe("none");
      expect(await drift.getByTestId("drift-result").textContent()).toMatch(/No drift/);
    });

    it("decommissions (the owner, after typing the name); the datastore stays in the catalog as decommissioned", async () => {
      // The owning team asks for it: mo.
      page = await pageAs("mo");
      await page.goto(`/catalog/${datastoreId}`);
      await page.getByRole("group", { name: "Provisioning actions" }).getByRole("button", { name: "Decommission" }).click();
      const dialog = page.getByRole("dialog");
      const confirm = dialog.getByRole("button", { name: "Decommission" });
      expect(await confirm.isDisabled()).toBe(true);
      await dialog.getByLabel(`Type ${NAME} to confirm`).fill("prov-histor");
      expect(await confirm.isDisabled()).toBe(true);
      await dialog.getByLabel(`Type ${NAME} to confirm`).fill(NAME);
      await confirm.click();
      await page
        .getByTestId("provisioning-outcome")
        .filter({ hasText: /Decommission queued/ })
        .waitFor();
      await page.locator('[data-testid="operation"][data-kind="destroy"][data-purpose="decommission"]').waitFor();
      await pageShowsStatus(page, "decommissioned");
      expect(await page.getByRole("group", { name: "Provisioning actions" }).count()).toBe(0);
      expect(await page.getByTestId("export-pulumi").count()).toBe(0);
      expect(await page.getByTestId("lifecycle-text").textContent()).toMatch(/Decommissioned/);
      expect(await page.getByTestId("outputs").count()).toBe(0);
      const history = await page
        .getByTestId("history-row")
        .evaluateAll((els) => els.map((e) => `${e.getAttribute("data-kind")}:${e.getAttribute("data-status")}`));
      expect(history).toEqual(["destroy:succeeded", "refresh:succeeded", "up:succeeded", "preview:succeeded"]);
      await page.screenshot({ path: "/tmp/portal-decommissioned.png", fullPage: true });

      await page.goto("/catalog");
      await page.getByRole("searchbox").fill(NAME);
      const row = page.locator(`[data-testid="datastore-row"][data-name="${NAME}"]`);
      await row.waitFor();
      expect(await row.getByTestId("status").getAttribute("data-status")).toBe("decommissioned");
    });
  });

  describe("a tier-1 decommission waits for a reviewer", () => {
    const NAME = "prov-queues";
    let datastoreId = "";

    beforeAll(async () => {
      datastoreId = await activeDatastore(NAME, "delayed-queues", 1);
    });

    it("takes a day-2 workload change from the owner: the page shows it awaiting approval, before and after; the owner withdraws it", async () => {
      const page = await pageAs("mo");
      await page.goto(`/catalog/${datastoreId}`);
      await page.getByRole("group", { name: "Provisioning actions" }).getByRole("link", { name: "Change workload" }).click();
      await page.waitForURL(new RegExp(`/catalog/${datastoreId}/change$`));
      const reads = page.getByLabel("Reads per second", { exact: true });
      expect(await reads.inputValue()).toBe("30000");
      await reads.fill("300000");
      await page.getByLabel("Reason", { exact: true }).fill("Ten times the traffic after the launch.");
      await page.getByRole("button", { name: "Request this change" }).click();
      await page.waitForURL(new RegExp(`/catalog/${datastoreId}(#.*)?$`));

      const change = page.locator('[data-testid="change"][data-kind="update"]');
      await change.waitFor();
      expect(await change.getAttribute("data-status")).toBe("pending-approval");
      const shape = change.getByTestId("change-shape");
      const nodes = shape.locator("tr", { hasText: "Nodes" }).locator("td");
      expect(Number(await nodes.nth(1).textContent())).toBeGreaterThan(Number(await nodes.nth(0).textContent()));
      expect(await change.getByTestId("approval-reasons").locator("li").count()).toBeGreaterThan(0);
      // mo asked for it: no decision for them.
      expect(await change.getByRole("button", { name: "Approve" }).count()).toBe(0);
      await page.screenshot({ path: "/tmp/portal-change-pending.png", fullPage: true });

      await change.getByRole("button", { name: "Withdraw this change" }).click();
      await page.locator('[data-testid="change"][data-kind="update"][data-status="cancelled"]').waitFor();
      // The change's preview, if it was still waiting, went with it; nothing is left running.
      await until(
        "the change's preview to end",
        () => operations(datastoreId),
        (ops) => ops.every((o) => ["succeeded", "failed", "cancelled", "interrupted"].includes(o.status)),
      );
    });

    it("is requested by the owner and pending; the owner cannot approve it; rita approves it on the page", async () => {
      const asked = await http.call<DatastoreChangeDto>(`/api/v1/datastores/${datastoreId}/changes`, as("mo"), {
        method: "POST",
        body: { kind: "decommission", confirmName: NAME },
        headers: { "idempotency-key": `decommission-${datastoreId}` },
      });
      expect(asked.status, asked.text).toBe(201);
      expect(asked.body).toMatchObject({ kind: "decommission", status: "pending-approval", needsApproval: true });
      const own = await http.call(`/api/v1/datastores/${datastoreId}/changes/${asked.body.id}/decisions`, as("mo"), {
        method: "POST",
        body: { decision: "approved" },
      });
      expect(own.status).toBe(403);
      expect((await datastore(datastoreId)).status).toBe("active");

      const page = await pageAs("rita");
      await page.goto(`/catalog/${datastoreId}`);
      const change = page.locator(`[data-testid="change"][data-change-id="${asked.body.id}"]`);
      await change.waitFor();
      expect(await change.getByTestId("change-status").getAttribute("data-status")).toBe("pending-approval");
      await change.getByRole("button", { name: "Approve" }).click();
      await change
        .getByTestId("change-outcome")
        .filter({ hasText: /Approved: the decommission is queued/ })
        .waitFor();
      await pageShowsStatus(page, "decommissioned");
      await page.locator(`[data-testid="change"][data-change-id="${asked.body.id}"][data-status="applied"]`).waitFor({ timeout: LIFECYCLE_TIMEOUT });
      await page.screenshot({ path: "/tmp/portal-decommission-approved.png", fullPage: true });
    });
  });

  describe("a provisioning that fails", () => {
    const NAME = "orders-fail-sim";
    let datastoreId = "";

    beforeAll(async () => {
      datastoreId = await approvedDatastore(NAME, "playback-incidents", 2);
    });

    it("shows the failing Auto Scaling group's own message, and offers Retry and destroying the partial resources", async () => {
      const page = await pageAs("mo");
      await page.goto(`/catalog/${datastoreId}`);
      await page.locator('[data-testid="operation"][data-kind="preview"][data-status="succeeded"]').waitFor({ timeout: LIFECYCLE_TIMEOUT });
      await page.getByRole("button", { name: "Provision", exact: true }).click();
      const up = page.locator('[data-testid="operation"][data-kind="up"][data-latest="true"][data-status="failed"]');
      await up.waitFor({ timeout: LIFECYCLE_TIMEOUT });
      const error = up.getByTestId("operation-error");
      expect(await error.getAttribute("role")).toBe("alert");
      const resource = (await up.getByTestId("operation-error-resource").textContent()) ?? "";
      expect(resource).toMatch(/fail-sim/);
      expect(await error.textContent()).toMatch(/Auto Scaling group/);
      expect((await up.getByTestId("operation-error-message").textContent())?.length).toBeGreaterThan(10);
      expect(await up.getByRole("button", { name: "Retry" }).isVisible()).toBe(true);
      await pageShowsStatus(page, "failed");
      expect(await page.getByRole("group", { name: "Provisioning actions" }).getByRole("button", { name: "Destroy partial resources" }).isVisible()).toBe(true);
      // The failing resource's event is in the log, with the same message.
      await up.getByRole("button", { name: "Show log" }).click();
      const failed = up.locator('[data-testid="log-row"][data-type="resource-failed"]');
      await failed.first().waitFor();
      expect(await failed.first().textContent()).toContain(resource);
      await page.screenshot({ path: "/tmp/portal-provision-failed.png", fullPage: true });

      // Retry runs it again (a second attempt; the injected failure is in the name, so it fails the same way).
      await up.getByRole("button", { name: "Retry" }).click();
      const retried = page.locator('[data-testid="operation"][data-kind="up"][data-latest="true"][data-status="failed"]', { hasText: "attempt 2" });
      await retried.waitFor({ timeout: LIFECYCLE_TIMEOUT });
      expect(await retried.getByTestId("operation-error-resource").textContent()).toBe(resource);

      // Destroying the partial resources (the name typed) returns the datastore to approved: nothing left in the cloud.
      await page.getByRole("group", { name: "Provisioning actions" }).getByRole("button", { name: "Destroy partial resources" }).click();
      const dialog = page.getByRole("dialog");
      await dialog.getByLabel(`Type ${NAME} to confirm`).fill(NAME);
      await dialog.getByRole("button", { name: "Destroy partial resources" }).click();
      await page
        .locator('[data-testid="operation"][data-kind="destroy"][data-purpose="cleanup"][data-status="succeeded"]')
        .waitFor({ timeout: LIFECYCLE_TIMEOUT });
      await pageShowsStatus(page, "approved");
      expect(await page.getByRole("group", { name: "Provisioning actions" }).getByRole("button", { name: "Preview again" }).isVisible()).toBe(true);
    });
  });

  describe("a datastore in a region without organisation settings", () => {
    const NAME = "prov-sydney";
    let datastoreId = "";

    beforeAll(async () => {
      const requestId = await submittedRequest(NAME, "playback-incidents", 3, ["ap-southeast-2"]);
      const approved = await http.call<RequestDetailDto>(`/api/v1/requests/${requestId}/decisions`, as("rita"), {
        method: "POST",
        body: { decision: "approved" },
      });
      expect(approved.status, approved.text).toBe(200);
      datastoreId = approved.body.datastoreId ?? "";
      deliberateConflictAt = datastoreId;
    });

    it("says plainly that nothing can be provisioned and which settings are missing", async () => {
      expect(await operations(datastoreId)).toEqual([]);
      const page = await pageAs("mo");
      await page.goto(`/catalog/${datastoreId}`);
      const missing = page.getByTestId("missing-settings");
      await missing.waitFor();
      expect(await missing.textContent()).toMatch(/cannot be provisioned yet/);
      expect(await missing.textContent()).toContain("ap-southeast-2");
      // The server says so before anyone asks: "Run a preview" is disabled, described by its reason — the words of
      // the 409 that asking anyway gets, naming the region's missing settings.
      const run = page.getByRole("group", { name: "Provisioning actions" }).getByRole("button", { name: "Run a preview" });
      expect(await run.isDisabled()).toBe(true);
      const reason = await page.locator(`[id="${await run.getAttribute("aria-describedby")}"]`).textContent();
      expect(reason).toMatch(/organisation settings.*ap-southeast-2/);
      // From the page, as its own script would ask (the session cookie and the page's Origin).
      const asked = await page.evaluate(async (id) => {
        const res = await fetch(`/api/v1/datastores/${id}/operations`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ kind: "preview" }),
        });
        return { status: res.status, detail: ((await res.json()) as { detail: string }).detail };
      }, datastoreId);
      expect(asked).toEqual({ status: 409, detail: reason });

      // An administrator is told which region lacks settings, with a way there.
      const admin = await pageAs("admin");
      await admin.goto(`/catalog/${datastoreId}`);
      const exact = admin.getByTestId("missing-settings");
      await exact.getByRole("link", { name: /provisioning settings under Administration/ }).waitFor();
      expect(await exact.textContent()).toMatch(/no organisation settings for region ap-southeast-2/);
    });
  });

  describe("provisioning settings (admin)", () => {
    it("lists the demo regions, puts a bad VPC id's error on that input, and saves a valid change", async () => {
      const page = await pageAs("admin");
      await page.goto("/admin");
      const settings = page.getByRole("form", { name: "Provisioning settings" });
      await settings.waitFor();
      for (const region of ["us-east-1", "us-west-2", "eu-west-1"]) await settings.getByRole("group", { name: region, exact: true }).waitFor();

      const west = settings.getByRole("group", { name: "us-west-2", exact: true });
      const vpc = west.getByLabel("VPC id", { exact: true });
      const good = await vpc.inputValue();
      expect(good).toMatch(/^vpc-/);
      await vpc.fill("vpc-not-hex");
      await settings.getByRole("button", { name: "Save settings" }).click();
      expect(await vpc.getAttribute("aria-invalid")).toBe("true");
      const describedBy = (await vpc.getAttribute("aria-describedby")) ?? "";
      expect(await page.locator(`[id="${describedBy}"]`).textContent()).toMatch(/must be a VPC id/);
      expect(await settings.getByTestId("settings-error").textContent()).toMatch(/regions\.us-west-2\.vpcId/);
      await page.screenshot({ path: "/tmp/portal-settings-error.png", fullPage: true });

      // The server applies the same rule to the same path.
      const current = await http.call<OrgSettingsDto>("/api/v1/admin/settings", as("admin"));
      const west2 = current.body.regions["us-west-2"];
      expect(west2).toBeDefined();
      const bad = await http.call<{ errors?: { field: string }[] }>("/api/v1/admin/settings", as("admin"), {
        method: "PUT",
        headers: { "if-match": current.headers.get("etag") ?? "" },
        body: {
          regions: { ...current.body.regions, "us-west-2": { ...west2, vpcId: "vpc-not-hex" } },
          pulumi: { backendUrl: null, passphrase: { source: "stored" } },
        },
      });
      expect(bad.status).toBe(422);
      expect(bad.body.errors?.map((e) => e.field)).toContain("regions.us-west-2.vpcId");

      await vpc.fill(good);
      await west.getByLabel("Instance profile", { exact: true }).fill("datastore-node-v2");
      await settings.getByRole("button", { name: "Save settings" }).click();
      await settings.getByTestId("settings-saved").waitFor();
      expect(await vpc.getAttribute("aria-invalid")).toBeNull();
      const after = await http.call<OrgSettingsDto>("/api/v1/admin/settings", as("admin"));
      expect(after.body.regions["us-west-2"]?.instanceProfileName).toBe("datastore-node-v2");
      expect(after.body.version).toBe(current.body.version + 1);
      // The stored passphrase was left blank, so it is still stored.
      expect(after.body.pulumi.passphrase).toMatchObject({ source: "stored", set: true });
    });
  });

  it("logs no console errors", () => {
    // The deliberate preview of the datastore without settings answers 409; the browser logs that as a failed load.
    expect(consoleErrors.filter((e) => !(deliberateConflictAt && e.includes(`/catalog/${deliberateConflictAt}:`) && /status of 409/.test(e)))).toEqual([]);
  });
});
