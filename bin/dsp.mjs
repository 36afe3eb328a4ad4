#!/usr/bin/env node
// `dsp`, the Datastore Portal's command line: loads the TypeScript sources of this checkout through tsx (the repo's
// own dependency, resolved next to this file, so it runs from any directory) and hands over to cli/main.ts.
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
// The `@/…` imports resolve through the checkout's tsconfig, whatever the working directory.
process.env.TSX_TSCONFIG_PATH ??= `${root}tsconfig.json`;
const [{ register: registerCjs }, { register: registerEsm }] = await Promise.all([import("tsx/cjs/api"), import("tsx/esm/api")]);
registerCjs();
registerEsm({ tsconfig: process.env.TSX_TSCONFIG_PATH });

// The package is CommonJS, so tsx compiles the sources as CommonJS: the exports arrive under `default`.
const cli = await import("../cli/main.ts");
const { main } = cli.main ? cli : cli.default;
const code = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
  isTTY: Boolean(process.stdout.isTTY),
  cwd: process.cwd(),
});
// Let pending writes to a pipe drain before exiting.
process.exitCode = code;
