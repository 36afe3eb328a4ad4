// What a tool answers: the API's JSON as text and as structured content, or — for a problem+json — an MCP tool error
// (isError) carrying the problem's status, title, detail and field errors, so that an agent reads why and can fix its
// arguments; never a protocol error.
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { isApiProblem } from "@/lib/client";

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

export function toolResult(data: unknown, etag: string | null = null): CallToolResult {
  return {
    content: [{ type: "text", text: JSON.stringify(data ?? null) }],
    ...(isRecord(data) ? { structuredContent: data } : {}),
    ...(etag ? { _meta: { etag } } : {}),
  };
}

export function toolError(error: unknown): CallToolResult {
  if (isApiProblem(error)) {
    const fields = error.fieldErrors.map((f) => `- ${f.field}: ${f.message}`);
    const text = [`${error.status} ${error.title}: ${error.detail}`, ...(fields.length ? ["Invalid fields:", ...fields] : [])].join("\n");
    return {
      isError: true,
      content: [{ type: "text", text }],
      structuredContent: {
        status: error.status,
        title: error.title,
        detail: error.detail,
        ...(error.code ? { code: error.code } : {}),
        errors: error.fieldErrors.map((f) => ({ ...f })),
      },
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { isError: true, content: [{ type: "text", text: `The portal could not be reached or answered unreadably: ${message}` }] };
}
