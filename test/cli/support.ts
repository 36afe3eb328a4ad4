// A fake terminal for running `dsp` in-process: captured stdout and stderr, an environment, a working directory.
import { Readable } from "node:stream";
import { main } from "@/cli/main";
import type { Io } from "@/cli/context";

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export async function dsp(argv: string[], opts: { env?: Record<string, string>; cwd?: string; stdin?: string; isTTY?: boolean } = {}): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const io: Io = {
    stdout: { write: (t: string | Uint8Array) => (stdout += String(t)) },
    stderr: { write: (t: string | Uint8Array) => (stderr += String(t)) },
    stdin: Readable.from(opts.stdin === undefined ? [] : [opts.stdin]),
    env: opts.env ?? { HOME: "/nonexistent-home" },
    isTTY: opts.isTTY ?? false,
    cwd: opts.cwd ?? process.cwd(),
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}
