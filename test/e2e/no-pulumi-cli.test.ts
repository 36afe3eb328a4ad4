// A portal on the default provisioner (pulumi) on a machine without the Pulumi CLI — this one: it cannot be
// downloaded here. The portal says so plainly and keeps working: every signed-in page shows a warning naming what to
// install, provisioning routes answer 503 with the same words, and planning, requests, approval and the catalog work.
// Its own server (the shared one runs the simulated engine), from the same build, with a PATH without `pulumi`.
import { existsSync } from "node:fs";
import { delimiter, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromium, type Browser } from "playwright-core";
import { CANONICAL_USE_CASES } from "@/lib/planner/examples";
import type { Me } from "@/lib/schemas/access";
import type { DatastoreList } from "@/lib/schemas/datastore";
import type { OperationList, ProvisionerStatus } from "@/lib/schemas/operation";
import type { RequestDetailDto } from "@/lib/schemas/request";
import type { Problem } from "@/lib/errors";
import { CHROMIUM_ARGS, PortalHttp, type Session } from "./http";
import { ADMIN_PASSWORD, DEMO_PASSWORD, startPortal, type Portal } from "./portal-server";

/** This process's PATH without any directory holding a `pulumi` executable. */
function pathWithoutPulumi(): string {
  return (process.env.PATH ?? "")
    .split(delimiter)
    .filter((dir) => dir && !existsSync(join(dir, "pulumi")))
    .join(delimiter);
}

describe("without a Pulumi CLI", () => {
  let portal: Portal;
  let http: PortalHttp;
  let browser: Browser;
  let mo: Session;
  let rita: { cookie: string };

  beforeAll(async () => {
    portal = await startPortal({ PATH: pathWithoutPulumi(), PROVISIONER: "pulumi" });
    http = new PortalHttp(portal.baseUrl, "198.51.100.77");
    mo = await http.signIn("mo@portal.local", DEMO_PASSWORD);
    rita = await http.signIn("rita@portal.local", DEMO_PASSWORD);
    browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await portal?.stop();
  });

  it("reports the missing CLI and what to install", async () => {
    const status = await http.call<ProvisionerStatus>("/api/v1/provisioner", { cookie: mo.cookie });
    expect(status.status).toBe(200);
    expect(status.body).toMatchObject({ engine: "pulumi", available: false, version: null, inProcessWorker: true });
    expect(status.body.message).toMatch(/Pulumi CLI/);
    expect(status.body.message).toMatch(/install/i);
  });

  it("still approves a request; its preview waits in the queue; queueing more answers 503 naming what to install", async () => {
    const useCase = CANONICAL_USE_CASES.find((u) => u.id === "delayed-queues");
    if (!useCase) throw new Error("no delayed-queues use case");
    const me = await http.call<Me>("/api/v1/me", { cookie: mo.cookie });
    const teamId = me.body.teams[0]?.id ?? "";
    const created = await http.call<RequestDetailDto>(
      "/api/v1/requests",
      { cookie: mo.cookie },
      { method: "POST", body: { teamId, name: "nocli-queues", workload: { ...useCase.workload, name: "nocli-queues" } } },
    );
    expect(created.status, created.text).toBe(201);
    expect((await http.call(`/api/v1/requests/${created.body.id}/submit`, { cookie: mo.cookie }, { method: "POST" })).status).toBe(200);
    const approved = await http.call<RequestDetailDto>(`/api/v1/requests/${created.body.id}/decisions`, rita, {
      method: "POST",
      body: { decision: "approved" },
    });
    expect(approved.status, approved.text).toBe(200);

    const stores = await http.call<DatastoreList>("/api/v1/datastores?q=nocli-queues", { cookie: mo.cookie });
    const store = stores.body.items[0];
    expect(store?.status).toBe("approved");
    const ops = await http.call<OperationList>(`/api/v1/datastores/${store?.id}/operations`, { cookie: mo.cookie });
    expect(ops.body.items.map((o) => [o.kind, o.status])).toEqual([["preview", "queued"]]);

    const refused = await http.call<Problem>(
      `/api/v1/datastores/${store?.id}/operations`,
      { cookie: mo.cookie },
      { method: "POST", body: { kind: "preview" } },
    );
    expect(refused.status).toBe(503);
    expect(refused.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(refused.body).toMatchObject({ code: "service_unavailable" });
    expect(refused.body.detail).toMatch(/Pulumi CLI/);
    expect(refused.body.detail).toMatch(/install/i);

    // The worker claims nothing while no engine can run it: the preview is still queued.
    await new Promise((r) => setTimeout(r, 1_500));
    const again = await http.call<OperationList>(`/api/v1/datastores/${store?.id}/operations`, { cookie: mo.cookie });
    expect(again.body.items.map((o) => o.status)).toEqual(["queued"]);
  });

  it("shows a warning on every signed-in page, and the planner, the catalog and the datastore page still work", async () => {
    const context = await browser.newContext({ baseURL: portal.baseUrl, viewport: { width: 1440, height: 1000 } });
    await context.addCookies(mo.cookies.map((c) => ({ ...c, url: portal.baseUrl })));
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));

    await page.goto("/catalog");
    const warning = page.getByTestId("provisioner-unavailable");
    await warning.waitFor();
    expect(await warning.getAttribute("role")).toBe("alert");
    const text = await warning.innerText();
    expect(text).toMatch(/Provisioning is unavailable/);
    expect(text).toMatch(/install/i);
    expect(text).toMatch(/keeps working/);
    expect(await page.getByTestId("simulated-banner").count()).toBe(0);

    await page.getByRole("link", { name: "nocli-queues" }).click();
    await page.getByRole("heading", { name: "nocli-queues" }).waitFor();
    await page.getByTestId("provisioner-unavailable").waitFor();

    await page.goto("/plan");
    await page.getByRole("heading", { name: "Plan a data store" }).waitFor();
    await page.getByTestId("provisioner-unavailable").waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it("lets an administrator keep editing the organisation settings", async () => {
    const admin = await http.signIn("admin@portal.local", ADMIN_PASSWORD);
    const settings = await http.call<{ version: number; regions: Record<string, unknown> }>("/api/v1/admin/settings", { cookie: admin.cookie });
    expect(settings.status).toBe(200);
    expect(Object.keys(settings.body.regions).sort()).toEqual(["eu-west-1", "us-east-1", "us-west-2"]);
  });
});
