// npm 11 writes package-lock.json without the optional packages of other platforms (e.g. @next/swc-darwin-arm64
// when locking on Linux), and `npm ci` then refuses the lockfile as out of sync (npm/cli#8805, #8320). This adds
// the missing entries from the registry's metadata, so `npm ci` works on every platform. Run after `npm install`:
//   node scripts/lock-platforms.mjs
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";

const LOCK = new URL("../package-lock.json", import.meta.url);
const lock = JSON.parse(readFileSync(LOCK, "utf8"));
const packages = lock.packages;

/** Where Node would resolve `name` from the package at `from` (nearest node_modules up the path). */
function resolvedPath(from, name) {
  let dir = from;
  for (;;) {
    const candidate = `${dir ? `${dir}/` : ""}node_modules/${name}`;
    if (packages[candidate]) return candidate;
    if (!dir) return undefined;
    const i = dir.lastIndexOf("/node_modules/");
    dir = i < 0 ? "" : dir.slice(0, i);
  }
}

function view(what) {
  try {
    const out = JSON.parse(
      execFileSync("npm", ["view", what, "--json", "version", "dist", "os", "cpu", "libc", "license", "engines"], {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "ignore"],
      }),
    );
    return Array.isArray(out) ? out[out.length - 1] : out;
  } catch {
    return undefined;
  }
}

let added = 0;
for (const [path, entry] of Object.entries({ ...packages })) {
  for (const [name, spec] of Object.entries(entry.optionalDependencies ?? {})) {
    if (resolvedPath(path, name)) continue;
    // The exact version may be missing from a partial mirror; then take os/cpu/libc from the package's latest
    // version and leave out the integrity (the package is only ever fetched on its own platform).
    const exact = view(`${name}@${spec}`);
    const m = exact ?? { ...view(name), version: spec, dist: {} };
    if (!m || !/^\d+\.\d+\.\d+/.test(m.version)) throw new Error(`cannot resolve ${name}@${spec}`);
    const target = `node_modules/${name}`;
    if (packages[target]) throw new Error(`${target} exists at another version; place ${name}@${spec} by hand`);
    packages[target] = {
      version: m.version,
      ...(m.dist?.integrity ? { integrity: m.dist.integrity } : {}),
      ...(m.cpu ? { cpu: m.cpu } : {}),
      ...(entry.dev ? { dev: true } : {}),
      ...(m.engines ? { engines: m.engines } : {}),
      ...(m.libc ? { libc: m.libc } : {}),
      ...(m.license ? { license: m.license } : {}),
      optional: true,
      ...(m.os ? { os: m.os } : {}),
    };
    added++;
    console.log(`added ${target}@${m.version}`);
  }
}
lock.packages = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a.localeCompare(b))));
writeFileSync(LOCK, JSON.stringify(lock, null, 2) + "\n");
console.log(`${added} platform entries added`);
