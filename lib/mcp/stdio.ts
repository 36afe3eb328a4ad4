// `dsp mcp`: the agent tools over stdio for a local agent (an editor, a desktop assistant), speaking HTTP to a portal
// with the user's token. stdout carries the protocol only: nothing else may print there.
import type { Readable, Writable } from "node:stream";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { createApiClient } from "@/lib/client";
import { buildMcpServer, MCP_SERVER_NAME, MCP_SERVER_VERSION } from "./server";

export interface McpStdioOptions {
  /** The portal ("https://portal.example.com"). */
  baseUrl: string;
  /** An API token (`dsp_…`). */
  token: string;
  /** process.stdin and process.stdout unless given. */
  stdin?: Readable;
  stdout?: Writable;
}

/** Serves the tools on stdin/stdout until stdin closes; resolves once connected. */
export async function runMcpStdio({ baseUrl, token, stdin, stdout }: McpStdioOptions): Promise<{ close(): Promise<void> }> {
  const client = createApiClient({ baseUrl, token, headers: { "user-agent": `${MCP_SERVER_NAME}-mcp/${MCP_SERVER_VERSION} (stdio)` } });
  const server = buildMcpServer(client);
  const transport = new StdioServerTransport(stdin, stdout);
  await server.connect(transport);
  return { close: () => server.close() };
}
