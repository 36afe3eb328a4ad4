// The day-2 paths of a provisioned datastore, walked in Chromium on the simulated engine (global setup): the change
// form starts from the shape the datastore runs (not the cheapest one) and offers the others as alternatives; the
// reviewer reads the requester's reason and the workload diff field by field beside the topology and cost diff; the
// change's preview diff is grouped by resource type, with tag-only updates folded away and values shown before →
// after; the history reads as sentences; a drift check's "queued" note goes once it has answered; the operations
// table shows its View buttons whole; the thresholds editor checks on blur, keeps its errors in their rows and
// focuses the first bad field; a decommissioned datastore costs $0 (and says what it was).
//
// Datastores are made through the API; every one of this file starts with "path-" (no other test file uses it).
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { CANONICAL_USE_CASES } from "@/lib/planner/examples";
import type { Me } from "@/lib/schemas/access";
import type { DatastoreChangeDto, DatastoreChangeList } from "@/lib/schemas/change";
import type { DatastoreDto } from "@/lib/schemas/datastore";
import type { OperationDto, OperationList } from "@/lib/schemas/operation";
import type { RequestDetailDto } from "@/lib/schemas/request";
import { CHROMIUM_ARGS, LIFECYCLE_TIMEOUT, PortalHttp, openPageAs, until, type Session } from "./http";

/** Whole dollars as the portal prints them ("$1,012,072"); a missing cost never matches a page. */
const dollars = (n: number | undefined) => (n === undefined ? "<no cost>" : `$${Math.round(n).toLocaleString("en-US")}`);

type Person = "mo" | "rita";
const SHOTS = "/tmp/shots-9";
/** A bound on waiting for the simulated engine, not an assertion about its speed. */

describe("day-2 paths of a provisioned datastore", () => {
  const baseUrl = inject("baseUrl");
  const http = new PortalHttp(baseUrl, "198.51.100.41");
  const sessions = new Map<Person, Session>();
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const consoleErrors: string[] = [];
  let historyId = "";

  const session = (who: Person) => {
    const s = sessions.get(who);
    if (!s) throw new Error(`${who} is not signed in`);
    return s;
  };
  const as = (who: Person) => ({ cookie: session(who).cookie });
  const pageAs = (who: Person, viewport = { width: 1440, height: 900 }): Promise<Page> =>
    openPageAs(browser, { baseUrl, who, session: session(who), viewport, contexts, errors: consoleErrors });

  const operations = async (id: string) => (await http.call<OperationList>(`/api/v1/datastores/${id}/operations`, as("mo"))).body.items;
  const datastore = async (id: string) => (await http.call<DatastoreDto>(`/api/v1/datastores/${id}`, as("mo"))).body;
  const changes = async (id: string) => (await http.call<DatastoreChangeList>(`/api/v1/datastores/${id}/changes`, as("mo"))).body.items;

  /** mo requests `useCaseId` as `name`, rita approves it: the datastore's id. */
  async function approved(name: string, useCaseId: string, tier: 0 | 1 | 2 | 3): Promise<string> {
    const useCase = CANONICAL_USE_CASES.find((u) => u.id === useCaseId);
    if (!useCase) throw new Error(`no use case ${useCaseId}`);
    const me = await http.call<Me>("/api/v1/me", as("mo"));
    const created = await http.call<RequestDetailDto>("/api/v1/requests", as("mo"), {
      method: "POST",
      body: { teamId: me.body.teams[0]?.id, name, workload: { ...useCase.workload, name, tier } },
    });
    expect(created.status, created.text).toBe(201);
    expect((await http.call(`/api/v1/requests/${created.body.id}/submit`, as("mo"), { method: "POST" })).status).toBe(200);
    const decided = await http.call<RequestDetailDto>(`/api/v1/requests/${created.body.id}/decisions`, as("rita"), {
      method: "POST",
      body: { decision: "approved" },
    });
    expect(decided.status, decided.text).toBe(200);
    return decided.body.datastoreId ?? "";
  }

  /** …then provisioned: its approval's preview confirmed, and active. */
  async function active(name: string, useCaseId: string, tier: 0 | 1 | 2 | 3): Promise<string> {
    const id = await approved(name, useCaseId, tier);
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

  beforeAll(async () => {
    const password = inject("demoPassword");
    sessions.set("mo", await http.signIn("mo@portal.local", password));
    sessions.set("rita", await http.signIn("rita@portal.local", password));
    // Viewing history: approved at i4i.xlarge × 96; at 150k writes the cheapest Cassandra shape is another one.
    historyId = await active("path-history", "viewing-history", 1);
    browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
  });

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
  });

  it("a drift check's 'queued' note goes once the check has answered", async () => {
    const page = await pageAs("rita");
    await page.goto(`/catalog/${historyId}`);
    await page.getByRole("group", { name: "Provisioning actions" }).getByRole("button", { name: "Check for drift" }).click();
    const drift = page.locator('[data-testid="operation"][data-purpose="drift"][data-latest="true"][data-status="succeeded"]');
    await drift.waitFor({ timeout: LIFECYCLE_TIMEOUT });
    expect(await drift.getByTestId("drift-result").textContent()).toMatch(/No drift/);
    // The panel no longer says the check is queued next to its answer.
    await page.waitForFunction(() => !/drift check is queued/i.test(document.querySelector('[data-testid="provisioning-panel"]')?.textContent ?? ""), null, {
      timeout: 5_000,
    });
    await page.screenshot({ path: `${SHOTS}/drift-answered-1440.png`, fullPage: true });
  });

  it("the operations table shows its View buttons whole", async () => {
    const page = await pageAs("mo");
    await page.goto(`/catalog/${historyId}`);
    const history = page.getByTestId("operations-history");
    await history.getByTestId("history-row").nth(2).waitFor();
    const card = await history.boundingBox();
    const buttons = history.getByTestId("history-row").getByRole("button");
    expect(await buttons.count()).toBeGreaterThanOrEqual(3);
    for (const box of await buttons.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect))) {
      expect(box.right, "a View button ends inside its card").toBeLessThanOrEqual((card?.x ?? 0) + (card?.width ?? 0));
    }
    const wrap = await history.locator(".table-wrap").evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    expect(wrap.scroll, "the operations table fits its card without a scrollbar").toBeLessThanOrEqual(wrap.client);
  });

  describe("a workload change, asked for by the owner and read by the reviewer", () => {
    const REASON = "The launch doubles the write rate for a quarter.";
    let change: DatastoreChangeDto | undefined;

    it("the change form starts from the shape the datastore runs, and offers the others as alternatives", async () => {
      const page = await pageAs("mo");
      await page.goto(`/catalog/${historyId}/change`);
      const plan = page.getByTestId("change-plan");
      await plan.waitFor();
      const kept = plan.getByTestId("change-kept-shape");
      // Nothing edited: the datastore's own shape and size, so nothing to request yet.
      expect(await kept.textContent()).toContain("i4i.xlarge");
      expect(await kept.textContent()).toMatch(/96 → 96 nodes/);
      expect(await page.getByRole("button", { name: "Request this change" }).isDisabled()).toBe(true);
      expect(await page.getByTestId("change-nothing-yet").textContent()).toMatch(/Nothing changes yet/);
      await page.screenshot({ path: `${SHOTS}/change-form-unchanged-1440.png`, fullPage: true });

      // 100k → 150k writes (typed the short way): the same shape, more nodes; the cheaper shape is an alternative.
      await page.getByLabel("Writes per second", { exact: true }).fill("150k");
      await page.waitForFunction(() => /96 → 126 nodes/.test(document.querySelector('[data-testid="change-kept-shape"]')?.textContent ?? ""), null, {
        timeout: 10_000,
      });
      expect(await kept.textContent()).toContain("i4i.xlarge");
      const alternatives = await plan.getByTestId("change-alternative").evaluateAll((els) => els.map((e) => e.getAttribute("data-instance-type")));
      expect(alternatives).toContain("c6id.4xlarge");
      expect(alternatives).not.toContain("i4i.xlarge");
      expect(await plan.getByRole("radio", { name: /Keep i4i\.xlarge/ }).isChecked()).toBe(true);
      await page.getByLabel("Reason", { exact: true }).fill(REASON);
      await page.screenshot({ path: `${SHOTS}/change-form-edited-1440.png`, fullPage: true });
      await page.getByRole("button", { name: "Request this change" }).click();
      await page.waitForURL(new RegExp(`/catalog/${historyId}(#.*)?$`));

      [change] = await changes(historyId);
      expect(change?.status).toBe("pending-approval");
      expect(change?.after?.topology[0]?.instanceType).toBe("i4i.xlarge");
      expect(change?.after?.topology.reduce((n, c) => n + c.nodes, 0)).toBe(126);
      expect(change?.reason).toBe(REASON);
      expect(change?.workload?.writesPerSecond).toBe(150_000);
      expect(change?.workloadBefore?.writesPerSecond).toBe(100_000);
    });

    it("the API keeps the current shape too, unless another one is asked for", async () => {
      // Asking for the cheaper alternative instead: withdraw, then ask again naming it.
      const open = change;
      if (!open) throw new Error("no change from the previous test");
      expect((await http.call(`/api/v1/datastores/${historyId}/changes/${open.id}/cancel`, as("mo"), { method: "POST" })).status).toBe(200);
      const other = await http.call<DatastoreChangeDto>(`/api/v1/datastores/${historyId}/changes`, as("mo"), {
        method: "POST",
        body: { kind: "update", workload: open.workload, instanceType: "c6id.4xlarge", reason: REASON },
        headers: { "idempotency-key": `other-${historyId}` },
      });
      expect(other.status, other.text).toBe(201);
      expect(other.body.after?.topology[0]?.instanceType).toBe("c6id.4xlarge");
      expect((await http.call(`/api/v1/datastores/${historyId}/changes/${other.body.id}/cancel`, as("mo"), { method: "POST" })).status).toBe(200);
      const unknown = await http.call<{ errors?: { field: string; message: string }[] }>(`/api/v1/datastores/${historyId}/changes`, as("mo"), {
        method: "POST",
        body: { kind: "update", workload: open.workload, instanceType: "t2.nano" },
        headers: { "idempotency-key": `unknown-${historyId}` },
      });
      expect(unknown.status, unknown.text).toBe(422);
      expect(unknown.body.errors?.map((e) => e.field)).toContain("instanceType");
      // And again as the form sent it: the current shape.
      const again = await http.call<DatastoreChangeDto>(`/api/v1/datastores/${historyId}/changes`, as("mo"), {
        method: "POST",
        body: { kind: "update", workload: open.workload, reason: REASON },
        headers: { "idempotency-key": `again-${historyId}` },
      });
      expect(again.status, again.text).toBe(201);
      expect(again.body.after?.topology[0]?.instanceType).toBe("i4i.xlarge");
      change = again.body;
    });

    it("the reviewer reads the reason and the workload diff, field by field, beside the topology and cost", async () => {
      const page = await pageAs("rita");
      await page.goto(`/catalog/${historyId}`);
      const item = page.locator(`[data-testid="change"][data-change-id="${change?.id}"]`);
      await item.waitFor();
      expect(await item.getByTestId("change-reason").textContent()).toContain(REASON);
      const diff = item.getByTestId("change-workload-diff");
      const rows = diff.locator("tbody tr");
      expect(await rows.count(), "only the fields that change").toBe(1);
      const writes = diff.locator('tr[data-field="writesPerSecond"]');
      expect(await writes.locator("th").textContent()).toMatch(/Writes per second/);
      expect(await writes.locator("td").nth(0).textContent()).toMatch(/100,000/);
      expect(await writes.locator("td").nth(1).textContent()).toMatch(/150,000/);
      // Beside the shape and cost diff: side by side on a desktop.
      const [a, b] = await Promise.all([diff.boundingBox(), item.getByTestId("change-shape").boundingBox()]);
      expect(a && b ? Math.abs(a.y - b.y) : Infinity, "the two tables start on one line").toBeLessThan(40);
      expect(a && b ? a.x !== b.x : false).toBe(true);
      // The cost the server planned for the change, as the page formats dollars.
      expect(await item.getByTestId("change-shape").textContent()).toContain(dollars(change?.after?.annualCost));
      await page.screenshot({ path: `${SHOTS}/change-review-1440.png`, fullPage: true });
    });

    it("the change's preview diff is grouped by resource type, folds tag-only updates and shows before → after", async () => {
      const previewId = change?.previewId ?? "";
      const preview = await until(
        "the change's preview",
        async () => (await http.call<OperationDto>(`/api/v1/operations/${previewId}`, as("rita"))).body,
        (op) => op.status === "succeeded",
      );
      const group = preview.diff?.find((c) => c.type === "aws:autoscaling/group:Group" && c.op === "update");
      expect(group?.propertyChanges?.find((p) => p.name === "desiredCapacity")).toMatchObject({ before: 16, after: 21 });

      const page = await pageAs("rita");
      await page.goto(`/catalog/${historyId}`);
      const item = page.locator(`[data-testid="change"][data-change-id="${change?.id}"]`);
      await item.getByRole("button", { name: "Show the diff" }).click();
      const diff = item.getByTestId("resource-diff");
      const groups = diff.locator('[data-testid="diff-type"]');
      const types = await groups.evaluateAll((els) => els.map((e) => e.getAttribute("data-type")));
      expect(types).toContain("aws:autoscaling/group:Group");
      const asg = diff.locator('[data-testid="diff-type"][data-type="aws:autoscaling/group:Group"]');
      expect(await asg.locator("summary, h3, h4").first().textContent()).toMatch(/Auto Scaling groups/);
      const capacity = asg.locator('[data-testid="property-change"][data-property="desiredCapacity"]').first();
      expect((await capacity.textContent())?.replace(/\s+/g, " ")).toMatch(/desiredCapacity\s*16 → 21/);
      // Alarms change nothing but the cost tag: folded into one line, not 20 rows.
      const tagOnly = diff.getByTestId("diff-tag-only");
      expect(await tagOnly.textContent()).toMatch(/only their tags change/);
      expect(await tagOnly.textContent()).toContain("plan-annual-cost-usd");
      expect(
        await tagOnly
          .locator('[data-testid="diff-row"]')
          .isVisible()
          .catch(() => false),
      ).toBe(false);
      expect(await diff.locator('[data-testid="diff-type"][data-type="aws:cloudwatch/metricAlarm:MetricAlarm"]').count()).toBe(0);
      await page.screenshot({ path: `${SHOTS}/change-diff-1440.png`, fullPage: true });
    });
  });

  describe("thresholds and the history", () => {
    it("the editor checks a cell when it is left, keeps the error in its row and the card's width, and focuses the first bad cell on save", async () => {
      const page = await pageAs("mo");
      await page.goto(`/catalog/${historyId}`);
      const card = page.getByTestId("datastore-thresholds");
      await card.getByRole("button", { name: "Edit thresholds" }).click();
      const before = await card.boundingBox();
      const warning = card.getByTestId("threshold-cpu-utilisation-warning");
      await warning.fill("abc");
      await warning.press("Tab");
      // Checked on blur, before any save.
      // Rows are in role, metric order: cpu-utilisation is the first, disk-used the second.
      const error = card.getByTestId("field-error-thresholds.0.warning");
      await error.waitFor({ timeout: 5_000 });
      expect(await error.textContent()).toMatch(/not a number/);
      expect(await error.textContent()).not.toMatch(/Invalid input/);
      const percent = card.getByTestId("threshold-disk-used-critical");
      await percent.fill("150");
      await percent.press("Tab");
      const percentError = card.getByTestId("field-error-thresholds.1.critical");
      await percentError.waitFor({ timeout: 5_000 });
      expect(await percentError.textContent()).toMatch(/0.*100/);
      // The errors sit in their rows without widening the table or the card.
      const wrap = await card.locator(".table-wrap").evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
      expect(wrap.scroll).toBeLessThanOrEqual(wrap.client);
      expect((await card.boundingBox())?.width).toBe(before?.width);
      await page.screenshot({ path: `${SHOTS}/thresholds-errors-1440.png`, fullPage: true });
      // Save: the first bad field gets the focus.
      await card.getByRole("button", { name: "Save thresholds" }).click();
      expect(await warning.evaluate((el) => el === document.activeElement)).toBe(true);
    });

    it("saving says the cloud alarms change at the next apply, and the history says what changed in sentences", async () => {
      const page = await pageAs("mo");
      await page.goto(`/catalog/${historyId}`);
      const card = page.getByTestId("datastore-thresholds");
      await card.getByRole("button", { name: "Edit thresholds" }).click();
      await card.getByTestId("threshold-cpu-utilisation-critical").fill("85");
      await card.getByRole("button", { name: "Save thresholds" }).click();
      const saved = card.getByTestId("thresholds-saved");
      await saved.waitFor();
      expect(await saved.textContent()).toMatch(/alarms/i);
      expect(await saved.textContent()).toMatch(/next apply/i);

      const audit = page.getByTestId("audit");
      await audit
        .getByTestId("audit-event")
        .first()
        .filter({ hasText: /threshold/i })
        .waitFor();
      const first = (await audit.getByTestId("audit-event").first().textContent()) ?? "";
      expect(first).toMatch(/mo@portal\.local changed the SLA thresholds/);
      expect(first).toMatch(/cpu-utilisation \(data\): critical 80 → 85/);
      const text = (await audit.textContent()) ?? "";
      for (const code of [
        "operation.queued",
        "operation.succeeded",
        "datastore.created",
        "request.approved",
        "change.requested",
        "datastore.thresholds.updated",
      ]) {
        expect(text, `the raw code ${code} is not what people read`).not.toContain(code);
      }
      expect(text).toMatch(/rita@portal\.local approved the request/);
      expect(text).toMatch(/asked for a workload change/);
      const [latest] = await changes(historyId);
      expect(text).toContain(`${dollars(latest?.before.annualCost)} → ${dollars(latest?.after?.annualCost)}`);
      await page.screenshot({ path: `${SHOTS}/history-1440.png`, fullPage: true });
    });
  });

  it("a decommissioned datastore costs $0, says what it was, and shows no live node count", async () => {
    const id = await approved("path-retired", "playback-incidents", 3);
    // Its approval queued a preview; decommissioning waits for it.
    await until(
      "the preview of path-retired",
      () => operations(id),
      (ops) => ops[0]?.status === "succeeded",
    );
    const before = await datastore(id);
    const retired = await http.call<DatastoreChangeDto>(`/api/v1/datastores/${id}/changes`, as("mo"), {
      method: "POST",
      body: { kind: "decommission", confirmName: "path-retired" },
      headers: { "idempotency-key": `retire-${id}` },
    });
    expect(retired.status, retired.text).toBe(201);
    await until(
      "path-retired to be decommissioned",
      () => datastore(id),
      (d) => d.status === "decommissioned",
    );
    const page = await pageAs("mo");
    await page.goto(`/catalog/${id}`);
    await page.locator('[data-testid="datastore-detail"][data-status="decommissioned"]').waitFor();
    const cost = (await page.getByTestId("datastore-annual-cost").textContent()) ?? "";
    expect(cost).toMatch(/^\$0/);
    expect((await page.locator('[aria-label="Cost and size"]').textContent()) ?? "").toMatch(new RegExp(`was \\$${Math.round(before.annualCost / 1000)}k`));
    const nodes = (await page.getByTestId("datastore-nodes").textContent()) ?? "";
    expect(nodes).not.toMatch(/^\d/);
    expect((await page.locator('[aria-label="Cost and size"]').textContent()) ?? "").toMatch(
      new RegExp(`was ${before.topology.reduce((n, c) => n + c.nodes, 0)} nodes`),
    );
    await page.screenshot({ path: `${SHOTS}/decommissioned-1440.png`, fullPage: true });
  });

  it("logs no console errors", () => {
    expect(consoleErrors).toEqual([]);
  });
});
