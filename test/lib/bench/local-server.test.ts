import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createConnection } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { LocalServerError, startLocalServer } from "@/lib/bench/local-server";

const connects = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = createConnection({ host: "127.0.0.1", port });
    s.once("connect", () => (s.destroy(), resolve(true)));
    s.once("error", () => resolve(false));
  });
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe("local servers for benchmarks and tests", () => {
  it.each(["memcached", "redis"] as const)("starts %s on a free loopback port and stops it", async (kind) => {
    const a = await startLocalServer(kind);
    const b = await startLocalServer(kind);
    try {
      expect(a.port).not.toBe(b.port);
      expect(await connects(a.port)).toBe(true);
      expect(alive(a.pid)).toBe(true);
    } finally {
      await a.stop();
      await b.stop();
    }
    expect(await connects(a.port)).toBe(false);
    expect(alive(a.pid)).toBe(false);
    await a.stop(); // twice is harmless
  });

  it("never outlives the process that started it, even one that exits without stopping it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "local-server-"));
    try {
      const script = join(dir, "leak.ts");
      writeFileSync(
        script,
        `import { startLocalServer } from ${JSON.stringify(resolve("lib/bench/local-server.ts"))};\nstartLocalServer("redis").then((s) => { console.log(s.pid, s.port); process.exit(3); });\n`,
      );
      const run = spawnSync(process.execPath, ["--import", resolve("node_modules/tsx/dist/loader.mjs"), script], { encoding: "utf8", timeout: 60_000 });
      expect(run.status).toBe(3);
      const [pid, port] = run.stdout.trim().split(" ").map(Number) as [number, number];
      expect(pid).toBeGreaterThan(0);
      // SIGKILL on exit: gone at once (a zombie until reaped at most, which accepts no connections).
      await new Promise((r) => setTimeout(r, 200));
      expect(await connects(port)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("fails — not skips — when the binary is missing, naming the Debian package to install", async () => {
    const error = await startLocalServer("memcached", { binaryPath: "/nonexistent/memcached" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LocalServerError);
    expect((error as Error).message).toBe("/nonexistent/memcached is missing: install Debian's memcached package (apt-get install -y memcached; .ci/run does)");
  });
});
