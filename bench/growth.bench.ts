// npm run bench (growth) — do lists stay flat as the fleet grows? Grows a portal on a temporary database through its
// use-cases to 10, 1,000 and 10,000 requests (BENCH_SIZES overrides) and prints, at each size, each list route's
// median latency and body size and the database size (and a month later, once retention has pruned old operation
// logs). SQLite always; PostgreSQL too when BENCH_POSTGRES_URL (or TEST_POSTGRES_URL) names a server (a database is
// created there and dropped after); BENCH_DATABASES=sqlite or postgres runs one. BENCH_JSON=<file> appends each size's
// raw figures to the file as they come (`--print` prints the tables again from it). At each size it also serves the
// built portal (built first when stale, as `npm start` does) on that database and measures the routes and the
// dashboard and review pages' HTML over HTTP — median, p99 and throughput with 10 connections (BENCH_HTTP=off skips
// it). Target: every figure at the largest size within 1.5× of the smallest size's. Figures to read, not a pass/fail
// test (the machine is shared).
import { execFileSync, spawn } from "node:child_process";
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "pg";
import { buildIfNeeded } from "../scripts/build-if-needed.mjs";
import type { AgedResult, SizeResult } from "./growth-run";

const ROOT = join(__dirname, "..");
const TARGET = 1.5;

function deploy(databaseUrl: string): void {
  execFileSync(join(ROOT, "node_modules", ".bin", "tsx"), [join(ROOT, "scripts", "db.ts"), "deploy"], { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, DATABASE_URL: databaseUrl } });
}

function run(databaseUrl: string, dataDir: string): Promise<(SizeResult | AgedResult)[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", join(__dirname, "server-only.mjs"), "--import", "tsx", join(__dirname, "growth-run.ts")], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "inherit"],
      env: { ...process.env, DATABASE_URL: databaseUrl, DATA_DIR: dataDir, PROVISIONER: "simulated", SIMULATED_STEP_MS: "0", WORKER: "off", LOG_LEVEL: "silent", NODE_ENV: "production" },
    });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString("utf8");
      // Each size's figures as they come, when asked: a long run's results survive an interrupted one.
      if (process.env.BENCH_JSON) appendFileSync(process.env.BENCH_JSON, chunk);
    });
    child.on("error", reject);
    child.on("exit", (code) => {
      if (code !== 0) return reject(new Error(`growth run exited with ${code}`));
      resolve(out.split("\n").filter((l) => l.startsWith("{")).map((l) => JSON.parse(l) as SizeResult | AgedResult));
    });
  });
}

/** `BENCH_JSON=<file> tsx bench/growth.bench.ts --print`: prints the tables of the results a run appended to that file. */
function printSaved(file: string): void {
  const all = readFileSync(file, "utf8").split("\n").filter((l) => l.startsWith("{")).map((l) => JSON.parse(l) as SizeResult | AgedResult);
  for (const database of [...new Set(all.map((r) => r.database))]) print(all.filter((r) => r.database === database));
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;

function print(all: (SizeResult | AgedResult)[]): void {
  const results = all.filter((r): r is SizeResult => !("aged" in r));
  const aged = all.find((r): r is AgedResult => "aged" in r);
  const first = results[0];
  const last = results.at(-1);
  if (!first || !last) return;
  const sizes = results.map((r) => r.requests.toLocaleString("en-US")).join(" → ");
  console.log(`\nGrowth on ${first.database} (${sizes} requests): median ms and body, per route`);
  // Every route measured at any size, in the order measured (a middle page exists only once there is a second page).
  const routes = [...new Set(results.flatMap((r) => r.figures.map((f) => f.route)))];
  const rows = routes.map((route) => {
    const at = results.map((r) => r.figures.find((g) => g.route === route));
    const ms = at.map((g) => (g ? g.medianMs.toFixed(1) : "–")).join(" → ");
    const min = at.map((g) => (g ? g.minMs.toFixed(1) : "–")).join(" → ");
    const body = at.map((g) => (g ? kb(g.bytes) : "–")).join(" → ");
    const present = at.filter((g): g is NonNullable<typeof g> => g !== undefined);
    const [from] = present;
    const end = present.at(-1);
    const ratio = from && end ? end.medianMs / Math.max(from.medianMs, 0.1) : NaN;
    // From the second size on a page is full; the first size may hold less than a page.
    const second = at[1];
    const fullRatio = end && second && at.length > 2 ? `${(end.medianMs / Math.max(second.medianMs, 0.1)).toFixed(2)}×` : "";
    return [route, ms, min, body, `${ratio.toFixed(2)}×${ratio <= TARGET ? "" : " (over)"}`, fullRatio];
  });
  const header = ["route", "median ms", "fastest ms", "body", `last/first measured (≤ ${TARGET}×)`, "last/second"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i] ?? 0)).join("  ");
  console.log(line(header));
  for (const r of rows) console.log(line(r));
  printHttp(results);
  for (const r of results) {
    const { onDisk, live, audit } = r.databaseBytes;
    console.log(
      `at ${r.requests.toLocaleString("en-US")} requests: database ${mb(onDisk)} on disk, ${mb(live)} of data (${kb((live - r.baselineBytes) / r.requests)} a request; audit ${kb(audit / r.requests)} a request), ` +
        `${r.rows.datastores} datastores, ${r.rows.operations} operations, ${r.rows.operationEvents} operation events, ${r.rows.audit} audit events, ` +
        `${r.rows.waitingRequests} requests and ${r.rows.pendingChanges} changes waiting for review; seeded in ${r.seedSeconds.toFixed(0)} s` +
        (r.retention ? `; retention pruned the engine events of ${r.retention.prunedOperations} operations (${r.retention.deletedEvents} events)` : ""),
    );
  }
  if (aged) {
    const { live, audit } = aged.databaseBytes;
    console.log(
      `a month later (every operation log older than retention keeps pruned: ${aged.retention.prunedOperations} operations, ${aged.retention.deletedEvents} events; vacuumed): ` +
        `${mb(live)} of data, ${kb((live - aged.baselineBytes) / aged.requests)} a request (audit ${kb(audit / aged.requests)} a request), ${aged.rows.operationEvents} operation events left`,
    );
  }
}

/** The routes measured over HTTP: median, p99 and throughput with 10 connections, body, at each size. */
function printHttp(results: SizeResult[]): void {
  if (!results.some((r) => r.http)) return;
  console.log(`\nOver HTTP (next start): median ms, p99 ms and calls a second with 10 connections, body`);
  const routes = [...new Set(results.flatMap((r) => (r.http ?? []).map((f) => f.route)))];
  const rows = routes.map((route) => {
    const at = results.map((r) => r.http?.find((g) => g.route === route));
    const col = (f: (g: NonNullable<(typeof at)[number]>) => string) => at.map((g) => (g ? f(g) : "–")).join(" → ");
    const present = at.filter((g): g is NonNullable<typeof g> => g !== undefined);
    const [from] = present;
    const end = present.at(-1);
    const ratio = from && end ? end.medianMs / Math.max(from.medianMs, 0.1) : NaN;
    return [route, col((g) => g.medianMs.toFixed(1)), col((g) => g.p99Ms.toFixed(0)), col((g) => g.rps.toFixed(0)), col((g) => kb(g.bytes)), `${ratio.toFixed(2)}×${ratio <= TARGET ? "" : " (over)"}`];
  });
  const header = ["route", "median ms", "p99 ms", "rps (10 conns)", "body", `median last/first (≤ ${TARGET}×)`];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i] ?? 0)).join("  ");
  console.log(line(header));
  for (const r of rows) console.log(line(r));
}

async function sqlite(): Promise<(SizeResult | AgedResult)[]> {
  const dir = mkdtempSync(join(tmpdir(), "portal-growth-"));
  try {
    const url = `file:${join(dir, "portal.db")}`;
    deploy(url);
    return await run(url, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function postgres(adminUrl: string): Promise<(SizeResult | AgedResult)[]> {
  const name = `portal_growth_${process.pid}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const dir = mkdtempSync(join(tmpdir(), "portal-growth-"));
  try {
    deploy(url.toString());
    return await run(url.toString(), dir);
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  if (process.argv.includes("--print") && process.env.BENCH_JSON) return printSaved(process.env.BENCH_JSON);
  // The HTTP part serves the build `npm start` would: built now when stale (minutes), not in the middle of a size.
  if (process.env.BENCH_HTTP !== "off") await buildIfNeeded({ stdio: ["ignore", "ignore", "inherit"] });
  const only = process.env.BENCH_DATABASES?.split(",");
  if (!only || only.includes("sqlite")) print(await sqlite());
  const pg = process.env.BENCH_POSTGRES_URL ?? process.env.TEST_POSTGRES_URL;
  if (only && !only.includes("postgres")) return;
  if (pg) print(await postgres(pg));
  else console.log("\nPostgreSQL: skipped (set BENCH_POSTGRES_URL, e.g. the URL scripts/pg-local.sh start prints)");
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
