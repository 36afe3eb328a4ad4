import { spawn, type ChildProcess } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { createConnection, createServer } from "node:net";

/**
 * A memcached or redis-server started on a free loopback port for a benchmark or a test, and stopped by whoever
 * started it. Debian's packages put the binaries in /usr/bin; the project's CI installs them (.ci/run).
 */
export type LocalServerKind = "memcached" | "redis";

export interface LocalServer {
  kind: LocalServerKind;
  host: "127.0.0.1";
  port: number;
  pid: number;
  /** Stops the process (SIGTERM, then SIGKILL after 5 s) and waits for it to exit. */
  stop(): Promise<void>;
}

export const LOCAL_SERVER_BINARIES: Record<LocalServerKind, { path: string; debianPackage: string }> = {
  memcached: { path: "/usr/bin/memcached", debianPackage: "memcached" },
  redis: { path: "/usr/bin/redis-server", debianPackage: "redis-server" },
};

export class LocalServerError extends Error {
  override name = "LocalServerError";
}

/** A port nothing listens on right now (the kernel's pick); the server is started on it at once. */
export async function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => (port ? resolve(port) : reject(new LocalServerError("no free loopback port"))));
    });
  });
}

function argsFor(kind: LocalServerKind, port: number, memoryMiB: number): string[] {
  if (kind === "memcached") {
    // -U 0: no UDP; -t 1: one worker thread, so a benchmark on a small machine compares like with like.
    // memcached refuses to run as root unless told which user to run as (CI and these machines run as root).
    const asRoot = process.getuid?.() === 0 ? ["-u", "root"] : [];
    return [...asRoot, "-l", "127.0.0.1", "-p", String(port), "-U", "0", "-m", String(memoryMiB), "-t", "1", "-c", "4096"];
  }
  return [
    "--bind",
    "127.0.0.1",
    "--port",
    String(port),
    "--save",
    "",
    "--appendonly",
    "no",
    "--maxmemory",
    `${memoryMiB}mb`,
    "--protected-mode",
    "yes",
    "--daemonize",
    "no",
    "--loglevel",
    "warning",
  ];
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once("exit", () => resolve()));
}

/**
 * Starts `kind` on a free loopback port and resolves once it accepts connections. A missing binary is an error that
 * says which Debian package to install — a test that needs the server fails rather than skips.
 */
export async function startLocalServer(
  kind: LocalServerKind,
  options: { memoryMiB?: number; startTimeoutMs?: number; binaryPath?: string } = {},
): Promise<LocalServer> {
  const binary = { ...LOCAL_SERVER_BINARIES[kind], ...(options.binaryPath ? { path: options.binaryPath } : {}) };
  try {
    accessSync(binary.path, constants.X_OK);
  } catch {
    throw new LocalServerError(
      `${binary.path} is missing: install Debian's ${binary.debianPackage} package (apt-get install -y ${binary.debianPackage}; .ci/run does)`,
    );
  }
  const port = await freeLoopbackPort();
  const child = spawn(binary.path, argsFor(kind, port, options.memoryMiB ?? 64), { stdio: ["ignore", "ignore", "pipe"] });
  // A server started for a run never outlives the process that started it, even when that process fails first.
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  child.once("exit", () => process.removeListener("exit", killOnExit));
  let stderr = "";
  child.stderr?.on("data", (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2000)));
  const spawnError = new Promise<Error>((resolve) => child.once("error", resolve));
  const deadline = Date.now() + (options.startTimeoutMs ?? 10_000);
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    const killer = setTimeout(() => child.kill("SIGKILL"), 5000);
    await exited(child);
    clearTimeout(killer);
  };
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new LocalServerError(`${kind} exited while starting on port ${port} (${child.exitCode ?? child.signalCode}): ${stderr.trim()}`);
    const failed = await Promise.race([spawnError, new Promise<null>((r) => setTimeout(() => r(null), 0))]);
    if (failed) throw new LocalServerError(`${kind} could not start: ${failed.message}`);
    if (await canConnect(port)) break;
    if (Date.now() > deadline) {
      await stop();
      throw new LocalServerError(`${kind} did not accept connections on 127.0.0.1:${port} within ${options.startTimeoutMs ?? 10_000} ms: ${stderr.trim()}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { kind, host: "127.0.0.1", port, pid: child.pid ?? 0, stop };
}
