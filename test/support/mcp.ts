// Agent-tool tests: the MCP SDK's own Client over streamable HTTP, and the /api/mcp route handler mounted on a real
// node:http server (the route as Next serves it: a Request in, a Response out).
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";

export type Handler = (request: Request) => Promise<Response>;

/** Serves `handlers` (by method) at every path of a local port; resolves with its origin. */
export async function serveRoute(handlers: Partial<Record<string, Handler>>): Promise<{ origin: string; close(): Promise<void> }> {
  let origin = "";
  const server: Server = createServer((req, res) => {
    void (async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
      // As the forwarding guard leaves it in the portal: the TCP peer's address.
      headers.set("x-forwarded-for", req.socket.remoteAddress ?? "127.0.0.1");
      const method = req.method ?? "GET";
      const request = new Request(`${origin}${req.url ?? "/"}`, {
        method,
        headers,
        body: method === "GET" || method === "HEAD" ? undefined : Buffer.concat(chunks),
      });
      const handler = handlers[method];
      const response = handler ? await handler(request) : new Response(null, { status: 405 });
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    })().catch((error: unknown) => {
      res.writeHead(500);
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { origin, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** An MCP client connected to `url` with the bearer token. */
export async function mcpClient(url: string, token: string, headers: Record<string, string> = {}): Promise<Client> {
  const client = new Client({ name: "portal-test", version: "1.0.0" });
  await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers: { ...headers, authorization: `Bearer ${token}` } } }));
  return client;
}

/** The secret of a test person's Authorization header. */
export const tokenOf = (headers: Record<string, string>): string => (headers.authorization ?? "").replace(/^Bearer /, "");

/** Calls a tool and returns its result as the SDK types it (content, structuredContent, isError). */
export async function callTool(client: Client, name: string, args: Record<string, unknown> = {}): Promise<CallToolResult> {
  return (await client.callTool({ name, arguments: args })) as CallToolResult;
}

/** The JSON the tool answered with (its text content). */
export function dataOf<T = Record<string, unknown>>(result: CallToolResult): T {
  const first = result.content[0];
  if (!first || first.type !== "text") throw new Error(`no text content: ${JSON.stringify(result)}`);
  if (result.isError) throw new Error(`tool error: ${first.text}`);
  return JSON.parse(first.text) as T;
}
