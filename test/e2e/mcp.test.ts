// The agent tools and the Backstage feed against the built portal (`next start`): the MCP SDK's Client speaks
// streamable HTTP to /api/mcp with mo's member token — plans, creates and submits a request (a retry with the same
// key creates nothing new), is refused another team's work as a tool error, and watches the preview that rita's
// approval (through the REST API: approval has no tool) queues until it finishes; the stdio server, spawned as `dsp
// mcp` will run it, serves the same tools against the same portal; and rita's platform-reviewer token reads the
// datastore from the Backstage entity feed, with 304 on a repeat.
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { CANONICAL_USE_CASES } from "@/lib/planner/examples";
import type { BackstageEntityList } from "@/lib/schemas/backstage";
import type { RequestDetailDto } from "@/lib/schemas/request";
import { ROOT } from "../../scripts/build-if-needed.mjs";
import { callTool, dataOf, mcpClient } from "../support/mcp";
import { PortalHttp } from "./http";

/** Unique to this file, so the other browser tests' requests and datastores never collide with it. */
const NAME = "mcp-viewing-history";
const CLIENT_IP = "198.51.100.33";

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

describe("agent tools (MCP) and the Backstage feed on the built portal", () => {
  const http = new PortalHttp(inject("baseUrl"), CLIENT_IP);
  const password = inject("demoPassword");
  const workload = { ...CANONICAL_USE_CASES.find((u) => u.id === "viewing-history")?.workload, name: NAME };
  let moToken = "";
  let ritaToken = "";
  let moTeamId = "";
  let otherTeamId = "";
  let agent: Client;
  let requestId = "";
  let datastoreId = "";

  beforeAll(async () => {
    ({ token: moToken, teamId: moTeamId } = await http.tokenFor("mo@portal.local", password, { role: "member", name: "mcp-member", expiresInDays: 1 }));
    ({ token: ritaToken, teamId: otherTeamId } = await http.tokenFor("rita@portal.local", password, {
      role: "reviewer",
      platformReviewer: true,
      name: "mcp-reviewer",
      expiresInDays: 1,
    }));
    agent = await mcpClient(`${http.baseUrl}/api/mcp`, moToken, { "x-forwarded-for": CLIENT_IP });
  });

  afterAll(async () => {
    await agent?.close();
  });

  it("answers 401 problem+json without a token", async () => {
    const res = await fetch(`${http.baseUrl}/api/mcp`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json, text/event-stream" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" }),
    });
    expect(res.status).toBe(401);
    expect(res.headers.get("content-type")).toMatch(/application\/problem\+json/);
  });

  it("lists the tools without any approval tool, and plans over HTTP", async () => {
    const listTimes: number[] = [];
    let names: string[] = [];
    for (let i = 0; i < 10; i++) {
      const t0 = performance.now();
      names = (await agent.listTools()).tools.map((t) => t.name);
      listTimes.push(performance.now() - t0);
    }
    expect(names).toEqual(expect.arrayContaining(["recommendStore", "planCapacity", "createRequest", "submitRequest", "watch_operation"]));
    expect(names).not.toContain("reviewRequest");
    expect(names).not.toContain("decideDatastoreChange");

    const recommended = dataOf<{ recommendations: { family: string }[] }>(await callTool(agent, "recommendStore", workload));
    expect(recommended.recommendations[0]?.family).toBe("cassandra");
    const planTimes: number[] = [];
    let plans: { plans: { family: string; annualCost: number }[] } = { plans: [] };
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      plans = dataOf(await callTool(agent, "planCapacity", { workload, alternatives: 3 }));
      planTimes.push(performance.now() - t0);
    }
    expect(plans.plans[0]).toMatchObject({ family: "cassandra", annualCost: expect.any(Number) });
    console.log(
      `[mcp] over HTTP to next start: tools/list median ${median(listTimes).toFixed(1)} ms (10 calls), planCapacity median ${median(planTimes).toFixed(1)} ms (5 calls)`,
    );
  });

  it("creates and submits a request as mo; the retry with the same key returns the same request", async () => {
    const args = { teamId: moTeamId, workload, idempotencyKey: `mcp-e2e-${Date.now()}` };
    const created = dataOf<RequestDetailDto>(await callTool(agent, "createRequest", args));
    const retried = dataOf<RequestDetailDto>(await callTool(agent, "createRequest", args));
    expect(retried.id).toBe(created.id);
    const mine = await http.call<{ items: { id: string; name: string }[] }>("/api/v1/requests?mine=true&limit=100", { token: moToken });
    expect(mine.body.items.filter((r) => r.name === NAME)).toHaveLength(1);
    requestId = created.id;
    const submitted = dataOf<RequestDetailDto>(await callTool(agent, "submitRequest", { id: requestId }));
    expect(submitted.status).toBe("submitted");
  });

  it("refuses another team's request as a tool error carrying the problem", async () => {
    const refused = await callTool(agent, "createRequest", { teamId: otherTeamId, workload });
    expect(refused).toMatchObject({ isError: true, structuredContent: { status: 403, title: "Forbidden" } });
  });

  it("watches the preview that the reviewer's approval queues until it succeeds", async () => {
    const approved = await http.call<RequestDetailDto>(
      `/api/v1/requests/${requestId}/decisions`,
      { token: ritaToken },
      { method: "POST", body: { decision: "approved", comment: "Approved by a person." } },
    );
    expect(approved.status).toBe(200);
    datastoreId = approved.body.datastoreId ?? "";
    const operations = dataOf<{ items: { id: string; kind: string }[] }>(await callTool(agent, "listDatastoreOperations", { id: datastoreId }));
    const preview = operations.items.find((o) => o.kind === "preview");
    expect(preview).toBeDefined();
    const watched = dataOf<{ finished: boolean; operation: { status: string; progress: { done: number } }; log: string[] }>(
      await callTool(agent, "watch_operation", { id: preview?.id ?? "", timeoutSeconds: 90, logLines: 10 }),
    );
    expect(watched).toMatchObject({ finished: true, operation: { status: "succeeded" } });
    expect(watched.operation.progress.done).toBeGreaterThan(0);
    expect(watched.log.length).toBeGreaterThan(0);
    expect(watched.log.at(-1)).toMatch(/status succeeded/);
  });

  it("serves the same tools over stdio through `dsp mcp`, against the same portal", async () => {
    const client = new Client({ name: "portal-test-stdio", version: "1.0.0" });
    const { PATH = "", HOME = "" } = process.env;
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [join(ROOT, "bin", "dsp.mjs"), "mcp"],
      cwd: ROOT,
      env: { PATH, HOME, DSP_URL: http.baseUrl, DSP_TOKEN: moToken },
      stderr: "pipe",
    });
    let stderr = "";
    transport.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    await client.connect(transport).catch((error: unknown) => {
      throw new Error(`the stdio server did not start: ${String(error)}\n${stderr}`);
    });
    try {
      const names = (await client.listTools()).tools.map((t) => t.name);
      expect(names).toContain("getRequest");
      expect(names).not.toContain("reviewRequest");
      const shown = dataOf<RequestDetailDto>(await callTool(client, "getRequest", { id: requestId }));
      expect(shown).toMatchObject({ id: requestId, status: "approved", datastoreId });
      const hidden = await callTool(client, "getDatastore", { id: "no-such-datastore" });
      expect(hidden).toMatchObject({ isError: true, structuredContent: { status: 404 } });
    } finally {
      await client.close();
    }
  });

  it("feeds the approved datastore to Backstage for the platform reviewer's token, and answers a repeat with 304", async () => {
    const t0 = performance.now();
    const first = await http.call<BackstageEntityList>("/api/v1/backstage/entities?limit=100", { token: ritaToken });
    const ms = performance.now() - t0;
    expect(first.status).toBe(200);
    const resource = first.body.items.find((e) => e.kind === "Resource" && e.metadata.annotations["datastore-portal.io/datastore-id"] === datastoreId);
    expect(resource?.spec).toMatchObject({ owner: expect.stringMatching(/^group:/), lifecycle: "production", type: "cassandra-cluster" });
    expect(resource?.metadata.links[0]?.url).toBe(`${http.baseUrl}/catalog/${datastoreId}`);
    const etag = first.headers.get("etag") ?? "";
    const again = await http.call("/api/v1/backstage/entities?limit=100", { token: ritaToken }, { headers: { "if-none-match": etag } });
    expect(again.status).toBe(304);
    console.log(`[backstage] feed page of ${first.body.items.length} entities over HTTP: ${ms.toFixed(1)} ms`);
  });
});
