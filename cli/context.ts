// What a command runs with: its parsed flags and arguments, the process's streams and environment (read once, in
// main), and a typed API client made on first use from the stored or environment credentials.
import type { ApiClient } from "@/lib/client";
import type { Env } from "./config";
import type { ExitCode } from "./exit-codes";

export interface Out {
  write(text: string | Uint8Array): unknown;
}

export interface Io {
  stdout: Out;
  stderr: Out;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  env: Env;
  /** Standard output is a terminal: colours, progress bars, prompts. */
  isTTY: boolean;
  cwd: string;
}

export type FlagValue = string | boolean | string[] | undefined;

/** A command as the completion scripts need it (main passes the table in: the command modules never import it). */
export interface CommandInfo {
  name: string;
  summary: string;
  /** Its flags, `--json` and `--help` included. */
  flags: readonly string[];
}

export interface CommandContext {
  /** Every command of dsp. */
  commands: readonly CommandInfo[];
  /** The command's name ("requests create"): a module serving several commands dispatches on it. */
  name: string;
  flags: Readonly<Record<string, FlagValue>>;
  positionals: readonly string[];
  json: boolean;
  io: Io;
  /** The API client for the configured portal (DSP_URL/DSP_TOKEN or `dsp login`); a usage error when not logged in. */
  client(): Promise<ApiClient>;
  /** The portal's base URL and token of client(). */
  baseUrl(): string;
  token(): string;
}

export interface CommandModule {
  run(ctx: CommandContext): Promise<ExitCode | void>;
}

export function stringFlag(ctx: CommandContext, name: string): string | undefined {
  const v = ctx.flags[name];
  return typeof v === "string" ? v : undefined;
}

export function boolFlag(ctx: CommandContext, name: string): boolean {
  return ctx.flags[name] === true;
}

export function printJson(ctx: CommandContext, value: unknown): void {
  ctx.io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
