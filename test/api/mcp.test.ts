// The agent tools at /api/mcp: the route handler on a real HTTP server, spoken to by the MCP SDK's Client with API
// tokens — tools from the registry and no approval tools, planning, creating and submitting requests with
// idempotency, the API's authorization and problems as tool errors, watching an operation, and 401 without a token.
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DELETE, GET, POST } from "@/app/api/mcp/route";
import { POST as createRoute } from "@/app/api/v1/requests/route";
import { API_OPERATIONS } from "@/lib/openapi/operations";
import { HUMAN_ONLY_OPERATIONS, MCP_TOOL_OPERATIONS } from "@/lib/mcp/tools";
import { db } from "@/lib/server/db/client";
import { jsonRequest, makePerson, makeTeam, type TestPerson } from "../support/actors";
import { callTool, dataOf, mcpClient, serveRoute, tokenOf } from "../support/mcp";
import { provisionableDatastore, queue } from "../support/provisioning";
import { settleByHand } from "./provisioning-support";
import { expectProblem, viewingHistory } from "./support";

let portal: Awaited<ReturnType<typeof serveRoute>>;
let team: { id: string };
let other: { id: string };
let member: TestPerson;
let outsider: TestPerson;
let agent: Client;

beforeAll(async () => {
  portal = await serveRoute({ POST, GET, DELETE });
  team = await makeTeam();
  other = await makeTeam();
  member = await makePerson(team.id, "member", "agent-owner");
  outsider = await makePerson(other.id, "member", "outsider");
  agent = await mcpClient(`${portal.origin}/api/mcp`, tokenOf(member.headers));
});

afterAll(async () => {
  await agent?.close();
  await portal?.close();
});

describe("/api/mcp tools", () => {
  it("lists the safe set generated from the registry, and no review decision", async () => {
    const { tools } = await agent.listTools();
    const names = tools.map((t) => t.name).sort();
    expect(names).toEqual([...MCP_TOOL_OPERATIONS, "watch_operation"].sort());
    for (const human of HUMAN_ONLY_OPERATIONS) expect(names).not.toContain(human);
    expect(names).not.toContain("cancelRequest");
    expect(names).not.toContain("queueDatastoreOperation");

    const create = tools.find((t) => t.name === "createRequest");
    expect(create?.description).toContain(API_OPERATIONS.createRequest.description);
    expect(create?.inputSchema.required?.sort()).toEqual(["teamId", "workload"]);
    expect(Object.keys(create?.inputSchema.properties ?? {}).sort()).toEqual(["family", "idempotencyKey", "name", "teamId", "workload"]);
    expect(create?.annotations).toMatchObject({ readOnlyHint: false, idempotentHint: true });
    // Query parameters keep the registry's words and bounds: limit is the query string's text.
    const list = tools.find((t) => t.name === "listRequests");
    expect(Object.keys(list?.inputSchema.properties ?? {}).sort()).toEqual(["cursor", "limit", "mine", "status", "teamId"]);
    const submit = tools.find((t) => t.name === "submitRequest");
    expect(Object.keys(submit?.inputSchema.properties ?? {}).sort()).toEqual(["id", "ifMatch"]);
  });

  it("recommends a store and plans capacity for a workload", async () => {
    const recommended = dataOf<{ recommendations: { family: string }[] }>(await callTool(agent, "recommendStore", viewingHistory));
    expect(recommended.recommendations[0]?.family).toBe("cassandra");
    const planned = await callTool(agent, "planCapacity", { workload: viewingHistory, alternatives: 2 });
    const plans = dataOf<{ plans: { family: string; annualCost: number }[] }>(planned);
    expect(plans.plans.length).toBeGreaterThan(0);
    expect(plans.plans[0]?.family).toBe("cassandra");
    expect(planned.structuredContent).toEqual(plans);
  });

  it("creates and submits a request as the token's person; a retry with the same key creates nothing new", async () => {
    const before = await db().request.count({ where: { teamId: team.id } });
    const args = { teamId: team.id, workload: { ...viewingHistory, name: "agent-history" }, idempotencyKey: "agent-key-1" };
    const created = dataOf<{ id: string; status: string; createdBy: { id: string } }>(await callTool(agent, "createRequest", args));
    expect(created.status).toBe("draft");
    expect(created.createdBy.id).toBe(member.userId);
    const again = dataOf<{ id: string }>(await callTool(agent, "createRequest", args));
    expect(again.id).toBe(created.id);
    expect(await db().request.count({ where: { teamId: team.id } })).toBe(before + 1);
    // Without a key each call is a new request: the key is what makes a retry safe.
    const { idempotencyKey: _key, ...unkeyed } = args;
    const fresh = dataOf<{ id: string }>(await callTool(agent, "createRequest", { ...unkeyed, workload: { ...viewingHistory, name: "agent-history-2" } }));
    expect(fresh.id).not.toBe(created.id);

    const submitted = dataOf<{ status: string; version: number }>(await callTool(agent, "submitRequest", { id: created.id }));
    expect(submitted.status).toBe("submitted");
    const row = await db().request.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.status).toBe("submitted");
    const shown = dataOf<{ id: string; status: string }>(await callTool(agent, "getRequest", { id: created.id }));
    expect(shown).toMatchObject({ id: created.id, status: "submitted" });
    const listed = dataOf<{ items: { id: string }[] }>(await callTool(agent, "listRequests", { mine: "true", limit: "5" }));
    expect(listed.items.map((r) => r.id)).toContain(created.id);
  });

  it("answers another team's request or a stale version with the API's problem as a tool error", async () => {
    const forbidden = await callTool(agent, "createRequest", { teamId: other.id, workload: viewingHistory });
    expect(forbidden.isError).toBe(true);
    expect(forbidden.structuredContent).toMatchObject({ status: 403, title: "Forbidden", code: "forbidden" });
    expect(forbidden.content[0]).toMatchObject({
      type: "text",
      text: expect.stringContaining("403 Forbidden: You can only request data stores for a team you belong to."),
    });
    expect(await db().request.count({ where: { teamId: other.id } })).toBe(0);

    const theirs = dataOf<{ id: string }>(
      await callTool(await mcpClient(`${portal.origin}/api/mcp`, tokenOf(outsider.headers)), "createRequest", { teamId: other.id, workload: viewingHistory }),
    );
    const hidden = await callTool(agent, "getRequest", { id: theirs.id });
    expect(hidden).toMatchObject({ isError: true, structuredContent: { status: 404 } });

    const mine = dataOf<{ id: string }>(await callTool(agent, "createRequest", { teamId: team.id, workload: { ...viewingHistory, name: "agent-stale" } }));
    const stale = await callTool(agent, "submitRequest", { id: mine.id, ifMatch: '"v99"' });
    expect(stale).toMatchObject({ isError: true, structuredContent: { status: 412, code: "precondition_failed" } });
  });

  it("answers invalid arguments with a 422 problem naming each field, as the API would, and creates nothing", async () => {
    const before = await db().request.count();
    const bad = await callTool(agent, "createRequest", {
      teamId: team.id,
      workload: { ...viewingHistory, readsPerSecond: -1, traversalDepth: 3 },
      colour: "blue",
    });
    expect(bad).toMatchObject({ isError: true, structuredContent: { status: 422, title: "Invalid input", code: "invalid_input" } });
    const fields = (bad.structuredContent as { errors: { field: string }[] }).errors.map((e) => e.field).sort();
    expect(fields).toEqual(["colour", "workload.readsPerSecond", "workload.traversalDepth"]);
    expect(bad.content[0]).toMatchObject({ text: expect.stringContaining("- workload.readsPerSecond: ") });
    expect(await db().request.count()).toBe(before);

    // The API's own answer names the same fields: the tool checks with the schemas the handler applies.
    const direct = await createRoute(
      jsonRequest("POST", "/api/v1/requests", member, {
        teamId: team.id,
        workload: { ...viewingHistory, readsPerSecond: -1, traversalDepth: 3 },
        colour: "blue",
      }),
    );
    expect((await expectProblem(direct, 422)).errors?.map((e) => e.field).sort()).toEqual(fields);
  });

  it("watches an operation: not finished within a short bound, then finished with its log", async () => {
    const ds = await provisionableDatastore({ teamId: team.id, status: "approved" });
    const op = await queue(ds.id, "preview", "provision");
    const waiting = dataOf<{ finished: boolean; operation: { status: string } }>(await callTool(agent, "watch_operation", { id: op.id, timeoutSeconds: 1 }));
    expect(waiting).toMatchObject({ finished: false, operation: { status: "queued" } });

    const started = Date.now();
    setTimeout(() => void settleByHand(op.id, "succeeded"), 1500);
    const done = dataOf<{ finished: boolean; operation: { status: string }; log: string[] }>(
      await callTool(agent, "watch_operation", { id: op.id, timeoutSeconds: 60, logLines: 5 }),
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(1500);
    expect(done.finished).toBe(true);
    expect(done.operation.status).toBe("succeeded");
    expect(done.log.at(-1)).toMatch(/status succeeded: succeeded by the test$/);
    expect(done.log.length).toBeLessThanOrEqual(5);

    const operations = dataOf<{ items: { id: string }[] }>(await callTool(agent, "listDatastoreOperations", { id: ds.id }));
    expect(operations.items.map((o) => o.id)).toContain(op.id);
    expect(dataOf<{ id: string }>(await callTool(agent, "getOperation", { id: op.id })).id).toBe(op.id);
    expect(dataOf<{ id: string }>(await callTool(agent, "getDatastore", { id: ds.id })).id).toBe(ds.id);
  });
});

describe("/api/mcp authentication", () => {
  const initialize = (headers: Record<string, string>) =>
    fetch(`${portal.origin}/api/mcp`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json, text/event-stream", ...headers },
      body: JSON.stringify({
        jsonrpc: "2.0",
        id: 1,
        method: "initialize",
        params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "curl", version: "1" } },
      }),
    });

  it("answers 401 problem+json without a token, with a bad token, and to a session cookie alone", async () => {
    const attempts: Record<string, string>[] = [{}, { authorization: "Bearer dsp_not-a-real-token" }, { cookie: "better-auth.session_token=abc" }];
    for (const headers of attempts) {
      const res = await initialize(headers);
      expect(res.status).toBe(401);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
      expect(((await res.json()) as { status: number }).status).toBe(401);
    }
  });

  it("initializes with a token, and answers GET and DELETE with 405 (stateless: no session, no server stream)", async () => {
    const res = await initialize({ authorization: `Bearer ${tokenOf(member.headers)}` });
    expect(res.status).toBe(200);
    expect(res.headers.get("mcp-session-id")).toBeNull();
    expect(((await res.json()) as { result: { serverInfo: { name: string } } }).result.serverInfo.name).toBe("datastore-portal");
    for (const method of ["GET", "DELETE"]) {
      const r = await fetch(`${portal.origin}/api/mcp`, { method, headers: { authorization: `Bearer ${tokenOf(member.headers)}` } });
      expect(r.status).toBe(405);
      expect(r.headers.get("allow")).toContain("POST");
    }
  });
});
