// The portal's other pages in a real browser: API tokens (the secret shown once, working over HTTP until revoked),
// administration (an admin sets up a team and a person; anyone else is told it is not for them), the API reference
// rendered from the OpenAPI document, the catalog's filters and search, and the requester's dashboard.
//
// The catalog and the dashboard need datastores: beforeAll makes them through the API (the browser walkthrough
// itself is portal.test.ts). People sign in once through the API and their browser contexts carry the session.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { CANONICAL_USE_CASES } from "@/lib/planner/examples";
import { FAMILY_TITLES, type Family } from "@/lib/schemas/plan";
import type { Me, Team } from "@/lib/schemas/access";
import type { RequestDetailDto } from "@/lib/schemas/request";
import { CHROMIUM_ARGS, PortalHttp, openPageAs, type Session } from "./http";

/** This file's datastores all start with "cat-": no other test file uses the prefix, so searches find exactly these. */
const STORES = [
  { name: "cat-events", useCase: "viewing-history", requester: "mo", approver: "rita" },
  { name: "cat-queues", useCase: "delayed-queues", requester: "mo", approver: "rita" },
  { name: "cat-assets", useCase: "digital-assets", requester: "rita", approver: "admin" },
] as const;
type Person = "mo" | "rita" | "admin";

describe("tokens, administration, API docs, catalog and dashboard", () => {
  const baseUrl = inject("baseUrl");
  const http = new PortalHttp(baseUrl, "198.51.100.22");
  const cookies = new Map<Person, Session>();
  const families = new Map<string, Family>();
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const consoleErrors: string[] = [];

  const session = (who: Person) => {
    const s = cookies.get(who);
    if (!s) throw new Error(`${who} is not signed in`);
    return s;
  };

  /** A browser page signed in as `who` (their session cookie), logging console errors and uncaught exceptions. */
  const pageAs = (who: Person): Promise<Page> =>
    openPageAs(browser, { baseUrl, who, session: session(who), viewport: { width: 1440, height: 1000 }, contexts, errors: consoleErrors });

  /** Creates, submits and approves one request through the API: a datastore in the catalog. */
  async function approvedStore(store: (typeof STORES)[number]) {
    const useCase = CANONICAL_USE_CASES.find((u) => u.id === store.useCase);
    if (!useCase) throw new Error(`no use case ${store.useCase}`);
    const requester = { cookie: session(store.requester).cookie };
    const me = await http.call<Me>("/api/v1/me", requester);
    const teamId = me.body.teams[0]?.id ?? "";
    const created = await http.call<RequestDetailDto>("/api/v1/requests", requester, {
      method: "POST",
      body: { teamId, name: store.name, workload: { ...useCase.workload, name: store.name } },
    });
    expect(created.status, created.text).toBe(201);
    const submitted = await http.call<RequestDetailDto>(`/api/v1/requests/${created.body.id}/submit`, requester, { method: "POST" });
    expect(submitted.status, submitted.text).toBe(200);
    const approved = await http.call<RequestDetailDto>(
      `/api/v1/requests/${created.body.id}/decisions`,
      { cookie: session(store.approver).cookie },
      { method: "POST", body: { decision: "approved" } },
    );
    expect(approved.status, approved.text).toBe(200);
    families.set(store.name, approved.body.planResult?.family ?? useCase.expected);
  }

  beforeAll(async () => {
    const password = inject("demoPassword");
    cookies.set("mo", await http.signIn("mo@portal.local", password));
    cookies.set("rita", await http.signIn("rita@portal.local", password));
    cookies.set("admin", await http.signIn("admin@portal.local", inject("adminPassword")));
    for (const store of STORES) await approvedStore(store);
    // And one draft that stays a draft, for the dashboard.
    const me = await http.call<Me>("/api/v1/me", { cookie: session("mo").cookie });
    const viewing = CANONICAL_USE_CASES.find((u) => u.id === "viewing-history");
    const draft = await http.call(
      "/api/v1/requests",
      { cookie: session("mo").cookie },
      { method: "POST", body: { teamId: me.body.teams[0]?.id, name: "cat-draft", workload: { ...viewing?.workload, name: "cat-draft" } } },
    );
    expect(draft.status, draft.text).toBe(201);
    browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
  });

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
  });

  describe("API tokens (mo, member of streaming)", () => {
    let page: Page;
    let secret = "";
    beforeAll(async () => {
      page = await pageAs("mo");
    });

    it("shows a new token's secret once, and the token works against the API", async () => {
      await page.goto("/settings/tokens");
      const form = page.getByRole("form", { name: "New token" });
      await form.getByLabel("Name", { exact: true }).fill("ci-pipeline");
      expect(await form.getByLabel("Team", { exact: true }).locator("option:checked").textContent()).toBe("Streaming");
      await form.getByLabel("Role", { exact: true }).selectOption("member");
      await form.getByRole("button", { name: "Create token" }).click();

      secret = (await page.getByTestId("token-secret-value").textContent()) ?? "";
      expect(secret.length).toBeGreaterThan(20);
      const row = page.locator('[data-testid="token-row"][data-name="ci-pipeline"]');
      await row.waitFor();
      expect(await row.textContent()).toMatch(/Streaming · member/);
      expect(await row.getByTestId("status").getAttribute("data-status")).toBe("active");
      // The list shows the prefix, never the secret.
      expect(secret.startsWith((await row.locator("code").textContent())?.replace(/…$/, "") ?? "-")).toBe(true);
      await page.screenshot({ path: "/tmp/portal-extra-tokens.png", fullPage: true });

      const me = await http.call<Me>("/api/v1/me", { token: secret });
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({ kind: "token", user: { email: "mo@portal.local" }, token: { name: "ci-pipeline" } });
      expect(me.body.teams).toEqual([expect.objectContaining({ slug: "streaming", role: "member" })]);
    });

    it("no longer shows the secret after a reload", async () => {
      await page.reload();
      await page.locator('[data-testid="token-row"][data-name="ci-pipeline"]').waitFor();
      expect(await page.getByTestId("token-secret").count()).toBe(0);
      expect(await page.content()).not.toContain(secret);
    });

    it("revokes the token, after which the API answers 401 to it", async () => {
      const row = page.locator('[data-testid="token-row"][data-name="ci-pipeline"]');
      page.once("dialog", (dialog) => void dialog.accept());
      await row.getByRole("button", { name: "Revoke" }).click();
      await row.locator('[data-testid="status"][data-status="revoked"]').waitFor();
      expect(await row.getByTestId("status").textContent()).toBe("revoked");
      expect(await row.getByRole("button", { name: "Revoke" }).count()).toBe(0);
      await page.screenshot({ path: "/tmp/portal-extra-tokens-revoked.png", fullPage: true });

      const me = await http.call("/api/v1/me", { token: secret });
      expect(me.status).toBe(401);
      expect(me.headers.get("content-type")).toMatch(/application\/problem\+json/);
    });
  });

  describe("administration", () => {
    it("lets the admin create a team and a person and add the person to the team as reviewer", async () => {
      const page = await pageAs("admin");
      await page.goto("/admin");
      await page.getByTestId("user-table").waitFor();

      const teamForm = page.getByRole("form", { name: "New team" });
      await teamForm.getByLabel("Name", { exact: true }).fill("Search Infra");
      await teamForm.getByLabel("Slug", { exact: true }).fill("search-infra");
      await teamForm.getByRole("button", { name: "Create team" }).click();
      const card = page.locator('[data-testid="team-card"][data-team="search-infra"]');
      await card.waitFor();
      expect(await card.textContent()).toMatch(/No members yet/);

      const personForm = page.getByRole("form", { name: "New person" });
      await personForm.getByLabel("Name", { exact: true }).fill("Nia New");
      await personForm.getByLabel("Email", { exact: true }).fill("nia@portal.local");
      await personForm.getByLabel("Password", { exact: true }).fill("nia-password-123");
      await personForm.getByRole("button", { name: "Create person" }).click();
      expect(await personForm.getByRole("status").textContent()).toMatch(/Created nia@portal\.local/);
      const niaRow = page.getByTestId("user-table").locator("tr", { hasText: "nia@portal.local" });
      await niaRow.waitFor();

      await card.getByLabel("Person to add to Search Infra").selectOption({ label: "Nia New (nia@portal.local)" });
      await card.getByLabel("Role", { exact: true }).selectOption("reviewer");
      await card.getByRole("button", { name: "Add" }).click();
      const role = card.getByLabel("Role of Nia New in Search Infra");
      await role.waitFor();
      expect(await role.inputValue()).toBe("reviewer");
      await niaRow.getByText("search-infra · reviewer").waitFor();
      await page.screenshot({ path: "/tmp/portal-extra-admin.png", fullPage: true });

      // The server agrees.
      const teams = await http.call<{ items: Team[] }>("/api/v1/teams", { cookie: session("admin").cookie });
      const team = teams.body.items.find((t) => t.slug === "search-infra");
      expect(team?.members).toEqual([expect.objectContaining({ role: "reviewer", user: expect.objectContaining({ email: "nia@portal.local" }) })]);
    });

    it("tells someone who is not an admin that the page is not for them", async () => {
      const page = await pageAs("mo");
      await page.goto("/admin");
      const notice = page.getByTestId("admin-forbidden");
      await notice.waitFor();
      expect(await notice.textContent()).toMatch(/only for portal administrators/i);
      expect(await page.getByTestId("user-table").count()).toBe(0);
      expect(await page.getByRole("form").count()).toBe(0);
      expect(await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin" }).count()).toBe(0);
      await page.screenshot({ path: "/tmp/portal-extra-admin-forbidden.png", fullPage: true });
    });
  });

  describe("API reference", () => {
    it("renders the generated operations grouped by tag", async () => {
      const page = await pageAs("mo");
      await page.goto("/api-docs");
      await page.getByTestId("api-docs").waitFor();
      const operation = (tag: string, method: string, path: string) =>
        page
          .locator(`#tag-${tag} [data-testid="api-operation"]`)
          .filter({ has: page.locator(".method", { hasText: new RegExp(`^${method}$`) }) })
          .filter({ has: page.locator(".op-path", { hasText: new RegExp(`^${path.replace(/[{}]/g, "\\$&")}$`) }) });

      for (const tag of ["requests", "datastores", "access", "admin"]) {
        expect(await page.getByRole("heading", { level: 2, name: tag, exact: true }).count()).toBe(1);
      }
      expect(await operation("requests", "POST", "/api/v1/requests").count()).toBe(1);
      expect(await operation("requests", "POST", "/api/v1/requests/{id}/decisions").count()).toBe(1);
      expect(await operation("datastores", "GET", "/api/v1/datastores").count()).toBe(1);
      expect(await operation("datastores", "GET", "/api/v1/datastores/{id}/catalog-info.yaml").count()).toBe(1);
      // An operation is filed under its own tag only.
      expect(await operation("datastores", "POST", "/api/v1/requests").count()).toBe(0);

      // Opening one shows its parameters and body, from the same schemas the handlers use.
      const create = operation("requests", "POST", "/api/v1/requests");
      await create.locator(":scope > summary").click();
      await create.getByText("Idempotency-Key", { exact: true }).waitFor();
      await create.getByText("Request body · application/json").waitFor();
      await page.screenshot({ path: "/tmp/portal-extra-api-docs.png", fullPage: false });
    });
  });

  describe("catalog (rita, who sees every team's datastores)", () => {
    let page: Page;
    const row = (name: string) => page.locator(`[data-testid="datastore-row"][data-name="${name}"]`);
    const names = async () => (await page.getByTestId("datastore-row").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-name") ?? ""))).sort();
    /** Waits for the list to show exactly these datastores (any order). */
    const listed = (expected: string[]) => expect.poll(names, { timeout: 15_000 }).toEqual([...expected].sort());
    const filter = (label: string) => page.getByLabel(label, { exact: true });
    /** Changes a filter and waits for the catalog's API call with exactly these query parameters, then for the list to settle. */
    async function filtered(change: () => Promise<unknown>, params: Record<string, string>) {
      const answered = page.waitForResponse((res) => {
        const url = new URL(res.url());
        if (url.pathname !== "/api/v1/datastores") return false;
        const sent = Object.fromEntries([...url.searchParams].filter(([k]) => k !== "limit" && k !== "cursor"));
        return JSON.stringify(Object.entries(sent).sort()) === JSON.stringify(Object.entries(params).sort());
      });
      await change();
      expect((await answered).status()).toBe(200);
      await page.locator('[data-testid="catalog"] .stale').waitFor({ state: "detached" });
    }

    beforeAll(async () => {
      page = await pageAs("rita");
      await page.goto("/catalog");
      await row("cat-assets").waitFor();
    });

    it("searches by name", async () => {
      await filtered(() => page.getByRole("searchbox").fill("cat-"), { q: "cat-" });
      await listed(["cat-assets", "cat-events", "cat-queues"]);
      await page.screenshot({ path: "/tmp/portal-extra-catalog.png", fullPage: true });
    });

    it("filters by family", async () => {
      const queues = families.get("cat-queues") ?? "dynomite";
      await filtered(() => filter("Family").selectOption(queues), { q: "cat-", family: queues });
      await listed(["cat-queues"]);
      expect(await row("cat-queues").locator("td").nth(2).textContent()).toBe(FAMILY_TITLES[queues]);
      await filter("Family").selectOption("");
      await listed(["cat-assets", "cat-events", "cat-queues"]);
    });

    it("filters by team", async () => {
      await filtered(() => filter("Team").fill("data-platform"), { q: "cat-", team: "data-platform" });
      await listed(["cat-assets"]);
      expect(await row("cat-assets").locator("td").nth(1).textContent()).toBe("Data Platform");
      await filtered(() => filter("Team").fill("streaming"), { q: "cat-", team: "streaming" });
      await listed(["cat-events", "cat-queues"]);
      await filter("Team").fill("");
      await listed(["cat-assets", "cat-events", "cat-queues"]);
    });

    it("filters by status, and offers to clear filters when nothing matches", async () => {
      // Nothing is provisioned yet: every datastore is approved, none active.
      await filtered(() => filter("Status").selectOption("approved"), { q: "cat-", status: "approved" });
      await listed(["cat-assets", "cat-events", "cat-queues"]);
      await filtered(() => filter("Status").selectOption("active"), { q: "cat-", status: "active" });
      const empty = page.getByTestId("empty-state");
      await empty.waitFor();
      expect(await empty.textContent()).toMatch(/No datastore matches these filters/);
      await page.screenshot({ path: "/tmp/portal-extra-catalog-empty.png", fullPage: true });

      await empty.getByRole("button", { name: "Clear filters" }).click();
      await row("cat-events").waitFor();
      expect(await page.getByRole("searchbox").inputValue()).toBe("");
      expect(await filter("Status").inputValue()).toBe("");
    });
  });

  it("shows mo's requests and datastores on the dashboard", async () => {
    const page = await pageAs("mo");
    await page.goto("/");
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Hello, Mo");
    const streaming = page.locator('[data-testid="team-section"][data-team="streaming"]');
    const requests = streaming.getByRole("region", { name: "Streaming requests" });
    const request = (name: string) => requests.getByTestId("request-row").filter({ has: page.getByRole("link", { name, exact: true }) });
    await request("cat-draft").waitFor();
    expect(await request("cat-draft").getByTestId("status").getAttribute("data-status")).toBe("draft");
    expect(await request("cat-events").getByTestId("status").getAttribute("data-status")).toBe("approved");
    expect(await request("cat-queues").getByTestId("status").getAttribute("data-status")).toBe("approved");
    // Only mo's team: rita's data-platform request is not on mo's dashboard.
    expect(await page.getByRole("link", { name: "cat-assets", exact: true }).count()).toBe(0);
    expect(await page.getByTestId("reviews-waiting").count()).toBe(0);

    const stores = streaming.getByRole("region", { name: "Streaming datastores" });
    await stores.locator('[data-testid="datastore-row"][data-name="cat-events"]').waitFor();
    await stores.locator('[data-testid="datastore-row"][data-name="cat-queues"]').waitFor();
    await page.screenshot({ path: "/tmp/portal-extra-dashboard.png", fullPage: true });

    await request("cat-draft").getByRole("link").click();
    await page.waitForURL(/\/requests\/[A-Za-z0-9_-]+$/);
    await page.getByTestId("request-detail").waitFor();
  });

  it("logs no console errors", () => {
    expect(consoleErrors).toEqual([]);
  });
});
