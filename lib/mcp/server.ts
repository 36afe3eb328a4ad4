// buildMcpServer(): the portal's agent tools as an MCP server over a typed API client. Every tool is one call of
// /api/v1 through that client — the caller's token, the API's handlers, authorization and idempotency — so an agent
// can do nothing a script with the same token could not. The same server runs behind /api/mcp (streamable HTTP, the
// client dispatching in-process) and `dsp mcp` (stdio, the client speaking HTTP to a portal).
//
// The low-level Server rather than McpServer.registerTool: McpServer answers arguments that fail the input schema with
// zod's own message text, where an agent should read what the API would have said — a 422 problem naming each invalid
// field (the same invalidInput() the handlers use). Arguments are checked here with the registry's schemas, then sent
// as given, so the API parses exactly what the agent wrote.
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { CallToolRequestSchema, ErrorCode, ListToolsRequestSchema, McpError, type CallToolResult, type Tool } from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";
import { ApiProblem, newIdempotencyKey, type Answer, type ApiClient, type OperationId } from "@/lib/client";
import { ERROR_STATUS, ERROR_TITLES, invalidInput } from "@/lib/errors";
import { toolError, toolResult } from "./result";
import { toolDefinitions, WATCH_OPERATION_TOOL, type ToolInputPlan } from "./tools";
import { WATCH_OPERATION_DESCRIPTION, WatchOperationInputSchema, watchOperation, type WatchOperationInput } from "./watch-operation";

export const MCP_SERVER_NAME = "datastore-portal";
export const MCP_SERVER_VERSION = "0.1.0";

const INSTRUCTIONS =
  "Tools of the Datastore Portal, acting with your API token in its one team. Plan first (recommendStore, planCapacity), then createRequest (your team's id is in getMe) and submitRequest: a reviewer approves or rejects it — there is no tool for that. Follow provisioning with watch_operation. Errors come back as tool errors carrying the API's problem (status, title, detail, invalid fields).";

/** The call of the typed client with its types erased: tools are built from the registry at run time. */
type UntypedCall = (id: OperationId, input: Record<string, unknown>) => Promise<Answer<unknown>>;

interface RegisteredTool {
  tool: Tool;
  schema: z.ZodType;
  run(args: Record<string, unknown>, parsed: unknown, signal: AbortSignal): Promise<CallToolResult>;
}

/** A tool's flat arguments → the client's { params, query, body, idempotencyKey, ifMatch }. */
export function callInputOf(plan: ToolInputPlan, args: Record<string, unknown>): Record<string, unknown> {
  const pick = (keys: readonly string[]) => Object.fromEntries(keys.filter((k) => args[k] !== undefined).map((k) => [k, args[k]]));
  return {
    ...(plan.params.length > 0 ? { params: pick(plan.params) } : {}),
    ...(plan.query.length > 0 ? { query: pick(plan.query) } : {}),
    ...(plan.body ? { body: pick(plan.body) } : {}),
    // A mutating call always carries a key: the agent's (a safe retry), else a fresh one.
    ...(plan.idempotencyKey ? { idempotencyKey: typeof args.idempotencyKey === "string" ? args.idempotencyKey : newIdempotencyKey() } : {}),
    ...(plan.ifMatch && typeof args.ifMatch === "string" ? { ifMatch: args.ifMatch } : {}),
  };
}

/** The JSON Schema of a tool's arguments as a client sends them (zod's input side: defaults make fields optional). */
function inputJsonSchema(schema: z.ZodType): Tool["inputSchema"] {
  const { $schema: _dialect, ...json } = z.toJSONSchema(schema, { io: "input", target: "draft-7" }) as Record<string, unknown>;
  return { ...json, type: "object" } as Tool["inputSchema"];
}

/** Arguments outside the schema: the 422 problem the API answers, field by field. */
function invalidArguments(error: z.ZodError): ApiProblem {
  const e = invalidInput(error, "tool's arguments");
  return new ApiProblem({ status: ERROR_STATUS[e.code], title: ERROR_TITLES[e.code], detail: e.message, code: e.code, fieldErrors: e.fieldErrors });
}

function registry(client: ApiClient): Map<string, RegisteredTool> {
  const call = client.call as unknown as UntypedCall;
  const tools = new Map<string, RegisteredTool>();
  for (const def of toolDefinitions()) {
    tools.set(def.name, {
      tool: {
        name: def.name,
        title: def.title,
        description: def.description,
        inputSchema: inputJsonSchema(def.inputSchema),
        annotations: { readOnlyHint: def.readOnly, destructiveHint: false, idempotentHint: def.readOnly || def.plan.idempotencyKey, openWorldHint: false },
      },
      schema: def.inputSchema,
      run: async (args, _parsed, signal) => {
        const answer = await call(def.name, { ...callInputOf(def.plan, args), signal });
        return toolResult(answer.data, answer.etag);
      },
    });
  }
  tools.set(WATCH_OPERATION_TOOL, {
    tool: {
      name: WATCH_OPERATION_TOOL,
      title: "Watch an operation",
      description: WATCH_OPERATION_DESCRIPTION,
      inputSchema: inputJsonSchema(WatchOperationInputSchema),
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    },
    schema: WatchOperationInputSchema,
    run: async (_args, parsed, signal) => toolResult(await watchOperation(client, parsed as WatchOperationInput, signal)),
  });
  return tools;
}

export function buildMcpServer(client: ApiClient): Server {
  const tools = registry(client);
  const server = new Server({ name: MCP_SERVER_NAME, version: MCP_SERVER_VERSION }, { capabilities: { tools: {} }, instructions: INSTRUCTIONS });
  const listed = [...tools.values()].map((t) => t.tool);
  server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: listed }));
  server.setRequestHandler(CallToolRequestSchema, async (request, extra): Promise<CallToolResult> => {
    const entry = tools.get(request.params.name);
    // Asking for a tool that does not exist is the client's protocol mistake, not a tool's failure.
    if (!entry) throw new McpError(ErrorCode.InvalidParams, `There is no tool "${request.params.name}".`);
    const args = request.params.arguments ?? {};
    const parsed = entry.schema.safeParse(args);
    if (!parsed.success) return toolError(invalidArguments(parsed.error));
    try {
      return await entry.run(args, parsed.data, extra.signal);
    } catch (error) {
      return toolError(error);
    }
  });
  return server;
}
