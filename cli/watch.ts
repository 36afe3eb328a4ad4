// Following an operation live: its Server-Sent Events stream (streamOperationEvents), resumed with Last-Event-ID
// after a dropped connection, drawn as a progress bar on a terminal (plain lines otherwise, one JSON event a line
// with --json) with the log; resolves with the operation as it ended.
import type { ApiClient } from "@/lib/client";
import type { OperationDto, OperationEventDto } from "@/lib/schemas/operation";
import { apiClient } from "./api";
import type { CommandContext } from "./context";
import { CliError, EXIT } from "./exit-codes";
import { summaryText } from "./render";
import { SseParser } from "./sse";

const TERMINAL = ["succeeded", "failed", "cancelled", "interrupted"];
/** Reconnects after a dropped stream before giving up (each waits a little longer). */
const MAX_RECONNECTS = 8;

/** One log line of an event, or null for the events the progress bar already shows. */
export function eventLine(e: OperationEventDto): string | null {
  const d = e.data;
  switch (d.type) {
    case "status":
      return `${d.status}${d.message ? `: ${d.message}` : ""}`;
    case "started":
      return `${d.kind} started${d.planned !== undefined ? ` (${d.planned} steps planned)` : ""}`;
    case "resource-pre":
      return null;
    case "resource-done":
      return `  ${d.resource.op.padEnd(7)} ${d.resource.name} (${d.resource.type})`;
    case "resource-failed":
      return `  failed  ${d.resource.name}: ${d.message}`;
    case "diagnostic":
      return `  ${d.severity}: ${d.message}`;
    case "summary":
      return `summary: ${summaryText(d.changes)} in ${(d.durationMs / 1000).toFixed(1)} s`;
  }
}

/** "[#########-----------]  9/20" */
export function progressBar(done: number, planned: number | null, width = 30): string {
  if (!planned) return `[${"-".repeat(width)}] ${done} steps`;
  const filled = Math.min(width, Math.round((done / planned) * width));
  return `[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${Math.min(done, planned)}/${planned}`;
}

export async function watchOperation(ctx: CommandContext, client: ApiClient, id: string): Promise<OperationDto> {
  const { io, json } = ctx;
  const first = await client.get("getOperation", { params: { id } });
  let planned = first.progress.planned;
  let done = 0;
  let lastSeq = 0;
  let barShown = false;
  const tty = io.isTTY && !json;
  const clearBar = () => {
    if (tty && barShown) io.stdout.write("\r\u001b[2K");
    barShown = false;
  };
  const drawBar = () => {
    if (!tty) return;
    io.stdout.write(`\r\u001b[2K${first.kind} ${progressBar(done, planned)}`);
    barShown = true;
  };
  if (!json) io.stdout.write(`Watching ${first.kind} ${first.id} (${first.purpose}) of datastore ${first.datastoreId}\n`);

  let ended = false;
  for (let attempt = 0; !ended; attempt++) {
    // A resumed stream starts after the last event seen.
    const streamClient = lastSeq > 0 ? await apiClient(ctx.baseUrl(), ctx.token(), { "last-event-id": String(lastSeq) }) : client;
    try {
      const res = await streamClient.raw("streamOperationEvents", { params: { id } });
      const parser = new SseParser();
      const decoder = new TextDecoder();
      if (!res.body) throw new Error("the stream had no body");
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        for (const event of parser.push(decoder.decode(chunk, { stream: true }))) {
          if (event.event === "end") ended = true;
          else if (event.event === "closed") {
            clearBar();
            const reason = (JSON.parse(event.data) as { reason?: string }).reason;
            throw new CliError(
              reason === "not_found" ? EXIT.notFound : EXIT.failure,
              reason === "not_found" ? `Operation ${id} is no longer visible to this token.` : "The portal closed the stream: the token no longer works.",
            );
          } else if (event.event === "operation-event") {
            const dto = JSON.parse(event.data) as OperationEventDto;
            if (dto.seq <= lastSeq) continue;
            lastSeq = dto.seq;
            if (dto.data.type === "started" && dto.data.planned !== undefined) planned = dto.data.planned;
            if (dto.data.type === "resource-done" || dto.data.type === "resource-failed") done++;
            if (json) {
              io.stdout.write(`${JSON.stringify(dto)}\n`);
              continue;
            }
            const line = eventLine(dto);
            if (line) {
              clearBar();
              io.stdout.write(`${line}\n`);
            }
            drawBar();
          }
        }
        if (ended) break;
      }
      if (!ended) {
        // The stream closed without its end: check whether the operation is over, else resume.
        const now = await client.get("getOperation", { params: { id } });
        if (TERMINAL.includes(now.status) && lastSeq >= now.eventCount) ended = true;
      }
    } catch (error) {
      if (error instanceof CliError || (error instanceof Error && error.name === "ApiProblem")) throw error;
      if (attempt >= MAX_RECONNECTS) throw error;
      clearBar();
      if (!json) io.stderr.write(`stream interrupted (${(error as Error).message}); resuming after event ${lastSeq}…\n`);
      await new Promise((r) => setTimeout(r, Math.min(5_000, 250 * 2 ** attempt)));
    }
  }
  clearBar();
  const final = await client.get("getOperation", { params: { id } });
  if (json) io.stdout.write(`${JSON.stringify({ operation: final })}\n`);
  else {
    io.stdout.write(`${final.kind} ${final.id} ${final.status}${final.summary ? `: ${summaryText(final.summary)}` : ""}\n`);
    if (final.error) io.stdout.write(`error: ${final.error.message}${final.error.resourceName ? ` (${final.error.resourceName})` : ""}\n`);
  }
  return final;
}
