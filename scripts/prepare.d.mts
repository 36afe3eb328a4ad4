// Types for scripts/prepare.mjs, so TypeScript callers (the e2e global setup) stay strict.
import type { ChildProcess, StdioOptions } from "node:child_process";

/** Migrates the configured database and seeds the administrator and demo data; rejects when either step fails. */
export declare function prepare(options?: { env?: NodeJS.ProcessEnv; stdio?: StdioOptions; onSpawn?: (child: ChildProcess) => void }): Promise<void>;
