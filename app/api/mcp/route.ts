// POST /api/mcp — the agent tools (Model Context Protocol, streamable HTTP) acting with the caller's API token
//
// Stateless: every POST gets a fresh server and transport bound to that request's token, and nothing outlives it. An
// agent's token is checked on every message (a revoked token stops at once, on any instance), several portal
// instances behind a load balancer need no shared session store, and no tool needs the server to speak first
// (watch_operation answers when done). So GET (a server-to-client stream) and DELETE (ending a session) are 405, and
// answers are plain JSON rather than an event stream, which every proxy passes through.
import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import { createApiClient } from "@/lib/client";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { buildMcpServer } from "@/lib/mcp/server";
import { MAX_JSON_BODY_BYTES } from "@/lib/server/http/json-body";
import { methodNotAllowed } from "@/lib/server/http/method-not-allowed";
import { authedRoute, errorResponse } from "@/lib/server/http/route";
import { inProcessFetch } from "./dispatch";

const BEARER = /^Bearer\s+(\S+)\s*$/i;

const serve = authedRoute(async (request) => {
  const token = BEARER.exec(request.headers.get("authorization") ?? "")?.[1] ?? "";
  const client = createApiClient({ baseUrl: env.PUBLIC_URL ?? new URL(request.url).origin, token, fetch: inProcessFetch(request) });
  const server = buildMcpServer(client);
  const transport = new WebStandardStreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
    enableJsonResponse: true,
    maxRequestBodySize: MAX_JSON_BODY_BYTES,
  });
  await server.connect(transport);
  try {
    // With JSON answers the response is whole once this resolves: the tools have run.
    return await transport.handleRequest(request);
  } finally {
    await server.close();
  }
});

export async function POST(request: Request): Promise<Response> {
  // Tokens only: an MCP client is not a browser, and a session cookie here would let any page a person visits drive
  // the tools in their name.
  if (!BEARER.test(request.headers.get("authorization") ?? "")) {
    return errorResponse(
      new AppError(
        "unauthenticated",
        "The agent tools need an API token: send Authorization: Bearer dsp_… (create one under Tokens or with POST /api/v1/tokens).",
      ),
      request,
    );
  }
  return serve(request);
}

export const { GET, PUT, PATCH, DELETE } = Object.fromEntries(["GET", "PUT", "PATCH", "DELETE"].map((m) => [m, methodNotAllowed(["POST"])])) as Record<
  "GET" | "PUT" | "PATCH" | "DELETE",
  ReturnType<typeof methodNotAllowed>
>;
