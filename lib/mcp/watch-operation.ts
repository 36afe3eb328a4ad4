// watch_operation: follows a provisioning operation until it finishes or a bound passes, by polling the API's events
// (GET /api/v1/operations/{id}/events?after=) — the polling fallback of the live stream, which every HTTP client and
// proxy copes with — and answers with where it stands: status, progress, error, and the last log lines.
import { z } from "zod";
import type { ApiClient } from "@/lib/client";
import { isTerminal, type OperationEventDto } from "@/lib/schemas/operation";

export const WatchOperationInputSchema = z.strictObject({
  id: z.string().min(1).max(200).describe("The operation's id (from a datastore's operations, or an operation a call answered with)."),
  timeoutSeconds: z
    .number()
    .int()
    .min(1)
    .max(600)
    .default(120)
    .describe("Stop watching after this many seconds (1–600, default 120); the operation goes on. Call again to keep watching."),
  logLines: z.number().int().min(1).max(200).default(20).describe("How many of the last log lines to return (1–200, default 20)."),
});
export type WatchOperationInput = z.output<typeof WatchOperationInputSchema>;

export const WATCH_OPERATION_DESCRIPTION =
  "Follow a provisioning operation (a preview, an up, a drift check, a destroy) until it has finished (succeeded, failed, cancelled or interrupted) or `timeoutSeconds` have passed, whichever is first. Answers with `finished`, the operation's status, progress (resource steps done of planned), its summary and error, and the last `logLines` lines of its log. Read-only: it never changes the operation.";

/** How often the events are polled: the simulated engine's steps are ~100 ms, a real Pulumi step seconds. */
const POLL_MS = 1000;
const EVENTS_PAGE = 1000;

/** One event as a log line for an agent: when, what kind, which resource, what happened. */
export function logLine(e: OperationEventDto): string {
  const d = e.data;
  const at = e.at.slice(11, 19);
  switch (d.type) {
    case "started":
      return `${at} started ${d.kind}${d.planned !== undefined ? ` (${d.planned} steps planned)` : ""}`;
    case "resource-pre":
      return `${at} ${d.resource.op} ${d.resource.name} (${d.resource.type})…`;
    case "resource-done":
      return `${at} ${d.resource.op} ${d.resource.name} done`;
    case "resource-failed":
      return `${at} ${d.resource.op} ${d.resource.name} FAILED: ${d.message}`;
    case "diagnostic":
      return `${at} ${d.severity}: ${d.message}`;
    case "summary":
      return `${at} summary: ${Object.entries(d.changes)
        .map(([op, n]) => `${n} ${op}`)
        .join(", ")} in ${(d.durationMs / 1000).toFixed(1)} s`;
    case "status":
      return `${at} status ${d.status}${d.message ? `: ${d.message}` : ""}`;
  }
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
    signal?.addEventListener("abort", done, { once: true });
  });
}

export async function watchOperation(client: ApiClient, input: WatchOperationInput, signal?: AbortSignal) {
  const deadline = Date.now() + input.timeoutSeconds * 1000;
  const lines: string[] = [];
  let after = 0;
  for (;;) {
    const page = await client.get("listOperationEvents", { params: { id: input.id }, query: { after: String(after), limit: String(EVENTS_PAGE) }, signal });
    for (const e of page.items) lines.push(logLine(e));
    lines.splice(0, Math.max(0, lines.length - input.logLines));
    after = page.lastSeq;
    // Terminal and nothing new: the log is complete.
    if (isTerminal(page.status) && page.items.length === 0) break;
    if (Date.now() >= deadline || signal?.aborted) break;
    // Terminal with events still coming, or a full page: read on at once; else wait for the engine's next step.
    if (!isTerminal(page.status) && page.items.length < EVENTS_PAGE) await sleep(Math.min(POLL_MS, Math.max(0, deadline - Date.now())), signal);
  }
  const op = await client.get("getOperation", { params: { id: input.id }, signal });
  return {
    finished: isTerminal(op.status),
    operation: {
      id: op.id,
      datastoreId: op.datastoreId,
      kind: op.kind,
      purpose: op.purpose,
      status: op.status,
      progress: op.progress,
      summary: op.summary,
      error: op.error,
      startedAt: op.startedAt,
      finishedAt: op.finishedAt,
    },
    log: lines,
  };
}
