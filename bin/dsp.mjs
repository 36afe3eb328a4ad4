#!/usr/bin/env node
// `dsp`, the Datastore Portal's command line. It runs the TypeScript of this checkout (cli/, lib/): bundled once by
// esbuild into the user's cache directory and rebuilt when a source file changes — loading one bundle is several times
// faster than compiling the sources at every start — or, when no bundle can be made (no esbuild, a read-only cache),
// through tsx. Every package is resolved next to this file, so `dsp` runs from any directory.
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const entry = join(root, "cli", "main.ts");

function cacheDir() {
  const base = process.env.XDG_CACHE_HOME?.startsWith("/") ? process.env.XDG_CACHE_HOME : join(process.env.HOME || homedir(), ".cache");
  return join(base, "datastore-portal", "dsp", createHash("sha256").update(root).digest("hex").slice(0, 16));
}

/** The bundle built from the sources as they are now, or null when one was never built or a source changed since. */
function currentBundle(dir) {
  try {
    const manifest = JSON.parse(readFileSync(join(dir, "current.json"), "utf8"));
    for (const [file, mtimeMs] of Object.entries(manifest.inputs)) if (statSync(join(root, file)).mtimeMs !== mtimeMs) return null;
    return join(dir, manifest.build, "main.mjs");
  } catch {
    return null;
  }
}

/** Bundles cli/main.ts (code-split per command) into a new build directory and points current.json at it. */
async function buildBundle(dir) {
  const { build } = await import("esbuild");
  const name = `build-${Date.now()}-${process.pid}`;
  const result = await build({
    entryPoints: [entry],
    absWorkingDir: root,
    bundle: true,
    splitting: true,
    platform: "node",
    format: "esm",
    target: "node20",
    outdir: join(dir, name),
    outExtension: { ".js": ".mjs" },
    tsconfig: join(root, "tsconfig.json"),
    // Bundled packages that are CommonJS call require(): give the ES modules one.
    banner: { js: 'import { createRequire as __dspRequire } from "node:module"; const require = __dspRequire(import.meta.url);' },
    metafile: true,
    logLevel: "silent",
  });
  const inputs = {};
  for (const file of Object.keys(result.metafile.inputs)) {
    if (!file.startsWith("node_modules/")) inputs[file] = statSync(join(root, file)).mtimeMs;
  }
  const tmp = join(dir, `current.${process.pid}.json`);
  writeFileSync(tmp, JSON.stringify({ build: name, inputs }));
  const previous = (() => {
    try {
      return JSON.parse(readFileSync(join(dir, "current.json"), "utf8")).build;
    } catch {
      return null;
    }
  })();
  renameSync(tmp, join(dir, "current.json"));
  // The build before the previous one can go (a dsp started before the switch may still load the previous one's chunks).
  try {
    const keep = new Set([name, previous]);
    for (const old of readdirSync(dir)) if (old.startsWith("build-") && !keep.has(old)) rmSync(join(dir, old), { recursive: true, force: true });
  } catch {
    // Best effort.
  }
  return join(dir, name, "main.mjs");
}

async function loadBundled() {
  if (process.env.DSP_NO_BUNDLE) return null;
  const dir = cacheDir();
  let bundle = currentBundle(dir);
  if (!bundle) {
    try {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      bundle = await buildBundle(dir);
    } catch {
      return null;
    }
  }
  return import(pathToFileURL(bundle).href);
}

async function loadWithTsx() {
  // The `@/…` imports resolve through the checkout's tsconfig, whatever the working directory.
  process.env.TSX_TSCONFIG_PATH ??= join(root, "tsconfig.json");
  const [{ register: registerCjs }, { register: registerEsm }] = await Promise.all([import("tsx/cjs/api"), import("tsx/esm/api")]);
  registerCjs();
  registerEsm({ tsconfig: process.env.TSX_TSCONFIG_PATH });
  // The package is CommonJS, so tsx compiles the sources as CommonJS: the exports arrive under `default`.
  const cli = await import(pathToFileURL(entry).href);
  return cli.main ? cli : cli.default;
}

const { main } = (await loadBundled()) ?? (await loadWithTsx());
process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
  isTTY: Boolean(process.stdout.isTTY),
  cwd: process.cwd(),
});
