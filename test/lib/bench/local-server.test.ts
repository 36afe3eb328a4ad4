import { createConnection } from "node:net";
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

  it("fails — not skips — when the binary is missing, naming the Debian package to install", async () => {
    const error = await startLocalServer("memcached", { binaryPath: "/nonexistent/memcached" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LocalServerError);
    expect((error as Error).message).toBe("/nonexistent/memcached is missing: install Debian's memcached package (apt-get install -y memcached; .ci/run does)");
  });
});
