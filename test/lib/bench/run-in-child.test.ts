// A benchmark in a child process (lib/bench/run-in-child.ts) against a local server the child starts itself: the
// result comes back like an in-process run's, cancel returns the figures so far, and a parent killed with SIGKILL
// (a worker crash) takes the child's server with it — nothing is left listening.
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { createConnection } from "node:net";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BenchProfileSchema } from "@/lib/bench/profile";
import { runInChild } from "@/lib/bench/run-in-child";
import { tempDir, waitFor } from "../../support/provisioning";

const profile = (durationS: number) =>
  BenchProfileSchema.parse({
    mix: { read: 0.5, write: 0.5 },
    keySpace: { count: 100, distribution: "uniform" },
    valueSize: { kind: "fixed", bytes: 64 },
    rate: 200,
    connections: 2,
    durationS,
    prefill: true,
  });

const refuses = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = createConnection({ host: "127.0.0.1", port });
    s.once("connect", () => (s.destroy(), resolve(false)));
    s.once("error", () => resolve(true));
  });

const portIn = (notes: string[]) => Number(/127\.0\.0\.1:(\d+)/.exec(notes.find((n) => n.startsWith("Started a local")) ?? "")?.[1]);

describe("a benchmark in a child process", () => {
  it("runs against a redis-server it started, returns the result, and stops the server", async () => {
    const notes: string[] = [];
    let progressed = 0;
    const result = await runInChild(
      profile(1),
      { kind: "local-server", server: "redis", delayMs: 0 },
      { onNote: (n) => notes.push(n), onProgress: () => progressed++ },
    );
    expect(result).toMatchObject({ driver: "redis", outcome: "completed" });
    expect(result.reads.ok + result.writes.ok).toBeGreaterThan(150);
    expect(progressed).toBeGreaterThan(0);
    expect(await refuses(portIn(notes))).toBe(true);
  });

  it("is cancelled through its signal and keeps the figures so far", async () => {
    const controller = new AbortController();
    const notes: string[] = [];
    const pending = runInChild(
      profile(60),
      { kind: "local-server", server: "memcached", delayMs: 0 },
      {
        signal: controller.signal,
        onNote: (n) => notes.push(n),
        onProgress: (p) => p.answered > 100 && controller.abort(),
      },
    );
    const result = await pending;
    expect(result.outcome).toBe("cancelled");
    expect(result.measuredS).toBeLessThan(30);
    expect(await refuses(portIn(notes))).toBe(true);
  });

  it("leaves nothing listening when its parent is killed", async () => {
    const dir = tempDir("bench-parent-");
    const script = join(dir, "parent.ts");
    writeFileSync(
      script,
      `import { runInChild } from ${JSON.stringify(join(process.cwd(), "lib/bench/run-in-child.ts"))};
       void runInChild(${JSON.stringify(profile(120))}, { kind: "local-server", server: "memcached", delayMs: 5 }, { onNote: (n) => console.log(n) });`,
    );
    const parent = spawn(process.execPath, ["--import", "tsx", script], { cwd: process.cwd(), stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    parent.stdout.on("data", (d: Buffer) => (out += d.toString()));
    const ports = await waitFor("the server and the proxy", async () => {
      const server = /Started a local memcached on 127\.0\.0\.1:(\d+)/.exec(out)?.[1];
      const proxy = /loopback proxy on 127\.0\.0\.1:(\d+)/.exec(out)?.[1];
      return server && proxy ? [Number(server), Number(proxy)] : undefined;
    });
    expect(await refuses(ports[0]!)).toBe(false);
    parent.kill("SIGKILL");
    await waitFor("the server to stop with its parent", async () => (await refuses(ports[0]!)) && (await refuses(ports[1]!)), 20_000, 200);
  });
});
