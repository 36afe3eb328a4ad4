// `npm run worker` as a real process for the crash-safety tests: the package's "worker" script as one node process
// (so a SIGKILL kills the worker itself), on the test file's database and a data directory of its own, simulated.
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";

const ROOT = join(__dirname, "..", "..");

export interface WorkerProcess {
  child: ChildProcess;
  /** Everything it printed so far (a timed-out wait shows it). */
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Spawns worker processes with `env` on top of the simulated defaults; `killAll()` SIGKILLs those still running. */
export function workerProcesses(dataDir: string, env: Record<string, string>): { spawn: () => WorkerProcess; killAll: () => void } {
  const children: ChildProcess[] = [];
  return {
    spawn() {
      const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/worker.ts"], {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL, DATA_DIR: dataDir, PROVISIONER: "simulated", LOG_LEVEL: "info", ...env },
        stdio: ["ignore", "pipe", "pipe"],
      });
      children.push(child);
      let output = "";
      child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
      child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
      const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
        child.once("exit", (code, signal) => resolve({ code, signal })),
      );
      return { child, output: () => output, exited };
    },
    killAll() {
      for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
    },
  };
}
