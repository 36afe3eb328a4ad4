// Runs one benchmark in a child process (lib/bench/child-run.ts, through tsx as the worker script runs): the
// harness's event loop then serves only the harness, so the parent's work (database queries, heartbeats, other
// operations) never shows as latency of the store under test. Cancel aborts the child's run, whose result (outcome
// "cancelled") comes back like any other; a child that dies without one is an error.
import { fork, type ChildProcess } from "node:child_process";
import { resolve } from "node:path";
import type { LatencyModel } from "./drivers/model";
import type { BenchProfile } from "./profile";
import type { BenchResult } from "./result";
import type { BenchProgress } from "./run-benchmark";

export type DriverSpec =
  | { kind: "memcached"; server: string }
  | { kind: "redis"; host: string; port: number }
  | { kind: "cassandra"; contactPoints: string[]; localDataCenter: string; port: number }
  | { kind: "elasticsearch"; node: string }
  | { kind: "model"; name: string; model: LatencyModel; seed: number }
  /**
   * A memcached or redis-server the child starts for the run (and stops after it, also when the parent dies: the
   * IPC channel closes and the child ends its run), behind a proxy holding each answer `delayMs` when above 0.
   */
  | { kind: "local-server"; server: "memcached" | "redis"; delayMs: number };

export type ChildRequest = { type: "run"; profile: BenchProfile; driver: DriverSpec; progressIntervalMs: number } | { type: "cancel" };
export type ChildMessage =
  | { type: "ready" }
  | { type: "progress"; progress: BenchProgress }
  | { type: "note"; message: string }
  | { type: "result"; result: BenchResult }
  | { type: "error"; message: string };

/**
 * The child's source, from the project's root (the portal, `npm run worker` and the tests all run there): not from
 * import.meta.url, which in the portal's Next build points into .next, where no .ts file is.
 */
const CHILD = resolve(process.cwd(), "lib/bench/child-run.ts");

export function runInChild(
  profile: BenchProfile,
  driver: DriverSpec,
  options: {
    signal?: AbortSignal;
    onProgress?: (p: BenchProgress) => void;
    /** What the child did that a person should read (the server it started, the proxy in front of it). */
    onNote?: (message: string) => void;
    progressIntervalMs?: number;
    childPath?: string;
  } = {},
): Promise<BenchResult> {
  return new Promise<BenchResult>((resolve, reject) => {
    // Through Reflect.apply: Next's bundler reads a literal `fork(path)` as a module it must bundle, and the child is
    // a script run by tsx, never part of the portal's build.
    const child = Reflect.apply(fork, undefined, [
      options.childPath ?? CHILD,
      [],
      { execArgv: ["--import", "tsx"], stdio: ["ignore", "ignore", "pipe", "ipc"] },
    ]) as ChildProcess;
    let stderr = "";
    child.stderr?.on("data", (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2000)));
    // A run never outlives the process that started it.
    const killOnExit = () => child.kill("SIGKILL");
    process.once("exit", killOnExit);
    let settled = false;
    const cancel = () => child.connected && child.send({ type: "cancel" } satisfies ChildRequest);
    options.signal?.addEventListener("abort", cancel, { once: true });
    const done = (fn: () => void) => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener("abort", cancel);
      fn();
    };
    child.on("message", (m: ChildMessage) => {
      if (m.type === "ready") {
        child.send({ type: "run", profile, driver, progressIntervalMs: options.progressIntervalMs ?? 1000 } satisfies ChildRequest);
        if (options.signal?.aborted) cancel();
      } else if (m.type === "progress") options.onProgress?.(m.progress);
      else if (m.type === "note") options.onNote?.(m.message);
      else if (m.type === "result") done(() => resolve(m.result));
      else done(() => reject(new Error(m.message)));
    });
    child.once("error", (error) => done(() => reject(error)));
    child.once("exit", (code, signal) => {
      process.removeListener("exit", killOnExit);
      done(() => reject(new Error(`the benchmark process exited (${code ?? signal}) without a result${stderr.trim() ? `: ${stderr.trim()}` : ""}`)));
    });
  });
}
