#!/usr/bin/env node
// `npm start`: build if the build is missing or stale, prepare the environment, then run `next start`.
// Signals go to the running child and its exit code becomes ours, so process managers see the real outcome.
import { constants } from "node:os";
import { buildIfNeeded, runNext } from "./build-if-needed.mjs";
import { prepare } from "./prepare.mjs";

/** @type {import("node:child_process").ChildProcess | undefined} */
let current;
let stopping;

/** The shell convention for "ended by a signal". */
const signalExitCode = (signal) => 128 + constants.signals[signal];

for (const signal of ["SIGHUP", "SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    stopping = signal;
    // Forward once; the child decides how to shut down and its exit ends us below.
    if (current && current.exitCode === null) current.kill(signal);
    else process.exit(signalExitCode(signal));
  });
}

const track = (child) => {
  current = child;
};

async function main() {
  await buildIfNeeded({ onSpawn: track });
  if (stopping) return signalExitCode(stopping);
  // Migrate and seed before serving: a fresh clone needs no manual database step.
  await prepare({ onSpawn: track });
  if (stopping) return signalExitCode(stopping);
  // Read here only: start.mjs runs before Next.js (and lib/env.ts) exists.
  const port = process.env.PORT || "3000";
  return runNext(["start", "-p", port], { onSpawn: track });
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(stopping ? signalExitCode(stopping) : 1);
  },
);
