// Types for scripts/build-if-needed.mjs, so TypeScript callers (the e2e global setup) stay strict.
import type { ChildProcess, StdioOptions } from "node:child_process";

export declare const ROOT: string;
export declare const NEXT_BIN: string;
export declare const SOURCES: readonly string[];
export declare function staleReason(root?: string): string | undefined;
export declare function runNext(args: string[], options?: { root?: string; onSpawn?: (child: ChildProcess) => void; stdio?: StdioOptions }): Promise<number>;
export declare function buildIfNeeded(options?: {
  root?: string;
  log?: (line: string) => void;
  onSpawn?: (child: ChildProcess) => void;
  stdio?: StdioOptions;
}): Promise<boolean>;
