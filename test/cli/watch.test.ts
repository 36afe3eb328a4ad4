// `dsp ops watch` over a connection that drops: it resumes the stream after the last event it saw (Last-Event-ID),
// shows each event once, and exits 1 when the operation failed. The portal cannot be made to drop a stream on cue,
// so a local HTTP server plays its two routes here (the full path against the real portal is test/e2e/cli.test.ts).
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dsp } from "./support";

const at = "2026-12-03T09:00:00.000Z";
const resource = { urn: "urn:pulumi:s::p::aws:autoscaling/group:Group::g-1a", type: "aws:autoscaling/group:Group", name: "g-1a", op: "create" };
const events = [
  { seq: 1, at, data: { type: "status", status: "running" } },
  { seq: 2, at, data: { type: "started", kind: "up", planned: 2 } },
  { seq: 3, at, data: { type: "resource-failed", resource, message: "capacity not available in us-east-1a" } },
  { seq: 4, at, data: { type: "status", status: "failed", message: "1 resource failed" } },
];
const sse = (e: (typeof events)[number]) => `id: ${e.seq}\nevent: operation-event\ndata: ${JSON.stringify(e)}\n\n`;

function operation(status: string) {
  return {
    id: "op1",
    datastoreId: "ds1",
    kind: "up",
    purpose: "provision",
    status,
    progress: { planned: 2, done: status === "failed" ? 1 : 0 },
    summary: null,
    error: status === "failed" ? { message: "capacity not available in us-east-1a", resourceName: "g-1a" } : null,
    eventCount: status === "failed" ? 4 : 2,
  };
}

describe("dsp ops watch", () => {
  let server: Server;
  let url = "";
  const streams: IncomingHttpHeaders[] = [];
  let finished = false;

  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.headers.authorization !== "Bearer dsp_test") {
        res.writeHead(401, { "content-type": "application/problem+json" }).end(JSON.stringify({ title: "Unauthenticated", status: 401, detail: "no" }));
        return;
      }
      if (req.url === "/api/v1/operations/op1") {
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(operation(finished ? "failed" : "running")));
        return;
      }
      if (req.url === "/api/v1/operations/op1/stream") {
        streams.push(req.headers);
        res.writeHead(200, { "content-type": "text/event-stream" });
        if (streams.length === 1) {
          // Two events, then the connection drops without the end.
          res.write(`: heartbeat\n\n${sse(events[0]!)}${sse(events[1]!)}`);
          setTimeout(() => res.destroy(), 50);
          return;
        }
        finished = true;
        const after = Number(req.headers["last-event-id"] ?? 0);
        res.end(
          `${events
            .filter((e) => e.seq > after)
            .map(sse)
            .join("")}event: end\ndata: {"status":"failed"}\n\n`,
        );
        return;
      }
      res.writeHead(404, { "content-type": "application/problem+json" }).end(JSON.stringify({ title: "Not found", status: 404, detail: req.url }));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("resumes after a dropped stream with Last-Event-ID, shows each event once, and exits 1 when the operation failed", async () => {
    const run = await dsp(["ops", "watch", "op1"], { env: { DSP_URL: url, DSP_TOKEN: "dsp_test" } });
    expect(streams.map((h) => h["last-event-id"])).toEqual([undefined, "2"]);
    expect(run.stderr).toContain("resuming after event 2");
    expect(run.code).toBe(1);
    const lines = run.stdout.trim().split("\n");
    expect(lines).toEqual([
      "Watching up op1 (provision) of datastore ds1",
      "running",
      "up started (2 steps planned)",
      "  failed  g-1a: capacity not available in us-east-1a",
      "failed: 1 resource failed",
      "up op1 failed",
      "error: capacity not available in us-east-1a (g-1a)",
    ]);
  });

  it("draws a progress bar on a terminal, redrawn in place under the log lines", async () => {
    streams.length = 0;
    finished = false;
    const run = await dsp(["ops", "watch", "op1"], { env: { DSP_URL: url, DSP_TOKEN: "dsp_test" }, isTTY: true });
    expect(run.code).toBe(1);
    // The bar is rewritten on its own line (carriage return, erase line), then cleared before each log line.
    expect(run.stdout).toContain("\r\u001b[2Kup [------------------------------] 0/2");
    expect(run.stdout).toContain("\r\u001b[2Kup [###############---------------] 1/2");
    expect(run.stdout).toContain("\r\u001b[2K  failed  g-1a: capacity not available in us-east-1a\n");
    expect(run.stdout.endsWith("error: capacity not available in us-east-1a (g-1a)\n")).toBe(true);
  });

  it("exits 3 for an operation the portal does not know", async () => {
    const run = await dsp(["ops", "watch", "nope"], { env: { DSP_URL: url, DSP_TOKEN: "dsp_test" } });
    expect(run.code).toBe(3);
    expect(run.stderr).toContain("Not found (404)");
  });
});
