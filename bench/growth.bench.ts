// npm run bench (growth) — do lists stay flat as the fleet grows? Grows a portal on a temporary database through its
// use-cases to 10, 1,000 and 10,000 requests (BENCH_SIZES overrides, e.g. 10,1000,5000) and keeps a snapshot of the
// database at each size; once every size is grown, it measures the snapshots one after another — each list route's
// median and fastest latency and body size, in-process, and the built portal over HTTP (built first when stale, as
// `npm start` does): the issue's routes and the dashboard and review pages' HTML, median, p99 and throughput with 10
// connections (BENCH_HTTP=off skips it). Measuring the sizes minutes apart rather than hours apart keeps a shared
// machine's changing load out of the comparison. It prints the database size at each size, and a month later once
// retention has pruned old operation logs. SQLite always; PostgreSQL too when BENCH_POSTGRES_URL (or
// TEST_POSTGRES_URL) names a server (databases are created there and dropped after); BENCH_DATABASES=sqlite or
// postgres runs one. BENCH_SNAPSHOTS=off measures each size as it is reached instead; BENCH_KEEP=<dir> keeps the
// snapshots, and BENCH_REMEASURE=<dir> measures kept ones again (migrated first) without growing. BENCH_JSON=<file>
// appends the raw figures to the file as they come (`--print` prints the tables again from it). Target: every figure
// at the largest size within 1.5× of the smallest size's. Figures to read, not a pass/fail test (the machine is shared).
import { execFileSync, spawn } from "node:child_process";
import { appendFileSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "pg";
import { buildIfNeeded } from "../scripts/build-if-needed.mjs";
import type { AgedResult, MeasuredResult, SizeResult } from "./growth-run";
import type { Figure } from "./growth-measure";
import type { HttpFigure } from "./growth-http";
import { pgTool } from "./pg-tools";

const ROOT = join(__dirname, "..");
const TARGET = 1.5;

type Line = SizeResult | AgedResult | MeasuredResult;

function deploy(databaseUrl: string): void {
  execFileSync(join(ROOT, "node_modules", ".bin", "tsx"), [join(ROOT, "scripts", "db.ts"), "deploy"], {
    cwd: ROOT,
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, DATABASE_URL: databaseUrl },
  });
}

/** Runs bench/growth-run.ts in a process of its own on `databaseUrl`; resolves with the JSON lines it printed. */
function run(databaseUrl: string, dataDir: string, env: Record<string, string>): Promise<Line[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", join(__dirname, "server-only.mjs"), "--import", "tsx", join(__dirname, "growth-run.ts")], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "inherit"],
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        DATA_DIR: dataDir,
        PROVISIONER: "simulated",
        SIMULATED_STEP_MS: "0",
        WORKER: "off",
        LOG_LEVEL: "silent",
        NODE_ENV: "production",
        ...env,
      },
    });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString("utf8");
      // Each result as it comes, when asked: a long run's results survive an interrupted one.
      if (process.env.BENCH_JSON) appendFileSync(process.env.BENCH_JSON, chunk);
    });
    child.on("error", reject);
    child.on("exit", (code) => {
      if (code !== 0) return reject(new Error(`growth run exited with ${code}`));
      resolve(
        out
          .split("\n")
          .filter((l) => l.startsWith("{"))
          .map((l) => JSON.parse(l) as Line),
      );
    });
  });
}

const isSize = (l: Line): l is SizeResult => !("aged" in l) && !("measured" in l);
const isAged = (l: Line): l is AgedResult => "aged" in l;
const isMeasured = (l: Line): l is MeasuredResult => "measured" in l;

function readLines(file: string): Line[] {
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l) as Line);
}

/** `BENCH_JSON=<file> tsx bench/growth.bench.ts --print`: prints the tables of the results a run appended to that file. */
function printSaved(file: string): void {
  const all = readLines(file);
  for (const database of [...new Set(all.map((r) => r.database))]) print(all.filter((r) => r.database === database));
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;

interface At {
  requests: number;
  figures: Figure[];
  http: HttpFigure[];
}

function table(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i] ?? 0)).join("  ");
  console.log(line(header));
  for (const r of rows) console.log(line(r));
}

/** The last measured figure over the first measured, and over the second size's (the first full page). */
function ratios<F extends { medianMs: number }>(at: (F | undefined)[]): string[] {
  const present = at.filter((g): g is F => g !== undefined);
  const [from] = present;
  const end = present.at(-1);
  const ratio = from && end ? end.medianMs / Math.max(from.medianMs, 0.1) : NaN;
  const second = at[1];
  const full = end && second && at.length > 2 ? `${(end.medianMs / Math.max(second.medianMs, 0.1)).toFixed(2)}×` : "";
  return [`${ratio.toFixed(2)}×${ratio <= TARGET ? "" : " (over)"}`, full];
}

function print(all: Line[]): void {
  const sizes = all.filter(isSize);
  const aged = all.find(isAged);
  // The figures of each size: measured on its snapshot, or at once while growing.
  const at: At[] = [...new Set([...sizes.map((s) => s.requests), ...all.filter(isMeasured).map((m) => m.requests)])]
    .sort((a, b) => a - b)
    .map((requests) => {
      const m = all.filter(isMeasured).find((x) => x.requests === requests);
      const s = sizes.find((x) => x.requests === requests);
      return { requests, figures: m?.figures ?? s?.figures ?? [], http: m?.http ?? s?.http ?? [] };
    });
  const [first] = all;
  if (!first || at.length === 0) return;
  console.log(
    `\nGrowth on ${first.database} (${at.map((a) => a.requests.toLocaleString("en-US")).join(" → ")} requests): in-process median and fastest ms, body, per route`,
  );
  // Every route measured at any size, in the order measured (a middle page exists only once there is a second page).
  const routes = [...new Set(at.flatMap((a) => a.figures.map((f) => f.route)))];
  table(
    ["route", "median ms", "fastest ms", "body", `last/first (≤ ${TARGET}×)`, "last/second"],
    routes.map((route) => {
      const fs = at.map((a) => a.figures.find((g) => g.route === route));
      const col = (f: (g: Figure) => string) => fs.map((g) => (g ? f(g) : "–")).join(" → ");
      return [route, col((g) => g.medianMs.toFixed(1)), col((g) => g.minMs.toFixed(1)), col((g) => kb(g.bytes)), ...ratios(fs)];
    }),
  );
  const httpRoutes = [...new Set(at.flatMap((a) => a.http.map((f) => f.route)))];
  if (httpRoutes.length > 0) {
    console.log(`\nOver HTTP (next start): median and fastest ms one call at a time; p99 ms and calls a second with 10 connections; body`);
    table(
      ["route", "median ms", "fastest ms", "p99 ms", "rps (10 conns)", "body", `median last/first (≤ ${TARGET}×)`, "last/second"],
      httpRoutes.map((route) => {
        const hs = at.map((a) => a.http.find((g) => g.route === route));
        const col = (f: (g: HttpFigure) => string) => hs.map((g) => (g ? f(g) : "–")).join(" → ");
        return [
          route,
          col((g) => g.medianMs.toFixed(1)),
          col((g) => g.minMs.toFixed(1)),
          col((g) => g.p99Ms.toFixed(0)),
          col((g) => g.rps.toFixed(0)),
          col((g) => kb(g.bytes)),
          ...ratios(hs),
        ];
      }),
    );
  }
  for (const r of sizes) {
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

/** A PostgreSQL database of its own on the server `adminUrl` names, dropped by `drop`. */
async function pgDatabase(adminUrl: string, name: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

async function analyze(url: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("ANALYZE");
  } finally {
    await client.end();
  }
}

/** Grows a portal on a new database of `kind` (snapshots into `snapshots` unless measuring as it goes). */
async function growOn(kind: "sqlite" | "postgres", pgAdmin: string | undefined, snapshots: string | undefined): Promise<Line[]> {
  const dir = mkdtempSync(join(tmpdir(), "portal-growth-"));
  const env: Record<string, string> = snapshots ? { BENCH_SNAPSHOT_DIR: snapshots } : {};
  try {
    if (kind === "sqlite") {
      const url = `file:${join(dir, "portal.db")}`;
      deploy(url);
      return await run(url, dir, env);
    }
    const db = await pgDatabase(pgAdmin ?? "", `portal_growth_${process.pid}`);
    try {
      deploy(db.url);
      return await run(db.url, dir, env);
    } finally {
      await db.drop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Measures one snapshot on a copy of it (SQLite: the file copied; PostgreSQL: restored into a database of its own),
 * migrated first: a snapshot kept from an older commit is measured as that portal would run after an upgrade.
 */
async function measureSnapshot(size: SizeResult, pgAdmin: string | undefined): Promise<Line[]> {
  const dir = mkdtempSync(join(tmpdir(), "portal-growth-measure-"));
  const env = { BENCH_MODE: "measure" };
  try {
    if (size.database === "sqlite") {
      const url = `file:${join(dir, "portal.db")}`;
      copyFileSync(size.snapshot ?? "", join(dir, "portal.db"));
      deploy(url);
      return await run(url, dir, env);
    }
    const db = await pgDatabase(pgAdmin ?? "", `portal_growth_${process.pid}_${size.requests}`);
    try {
      execFileSync(pgTool("pg_restore"), ["--no-owner", "--dbname", db.url, size.snapshot ?? ""], { stdio: ["ignore", "ignore", "inherit"] });
      deploy(db.url);
      // pg_restore leaves the tables without statistics, which a live database has (autovacuum analyzes as rows
      // come): without them the planner sorts whole tables where an index would stop after a page.
      await analyze(db.url);
      return await run(db.url, dir, env);
    } finally {
      await db.drop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  if (process.argv.includes("--print") && process.env.BENCH_JSON) return printSaved(process.env.BENCH_JSON);
  // The HTTP part serves the build `npm start` would: built now when stale (minutes), not in the middle of a size.
  if (process.env.BENCH_HTTP !== "off") await buildIfNeeded({ stdio: ["ignore", "ignore", "inherit"] });
  const only = process.env.BENCH_DATABASES?.split(",");
  const pgAdmin = process.env.BENCH_POSTGRES_URL ?? process.env.TEST_POSTGRES_URL;
  const kinds = (["sqlite", "postgres"] as const).filter((k) => (!only || only.includes(k)) && (k === "sqlite" || pgAdmin));
  if ((!only || only.includes("postgres")) && !pgAdmin)
    console.log("\nPostgreSQL: skipped (set BENCH_POSTGRES_URL, e.g. the URL scripts/pg-local.sh start prints)");
  // BENCH_KEEP=<dir> keeps the snapshots and what was grown in <dir>; BENCH_REMEASURE=<dir> measures them again (after a
  // change: each copy is migrated first) without growing anything.
  const again = process.env.BENCH_REMEASURE;
  const keep = process.env.BENCH_KEEP ?? again;
  if (keep) mkdirSync(keep, { recursive: true });
  const snapshots = process.env.BENCH_SNAPSHOTS === "off" ? undefined : (keep ?? mkdtempSync(join(tmpdir(), "portal-growth-snapshots-")));
  const grownFile = keep ? join(keep, "grown.jsonl") : undefined;
  try {
    // The databases grow at once (the seeding is most of the time); their snapshots are measured one at a time.
    const grown: Line[][] = again
      ? kinds.map((k) => readLines(grownFile ?? "").filter((l) => l.database === k))
      : await Promise.all(kinds.map((k) => growOn(k, pgAdmin, snapshots)));
    if (grownFile && !again) for (const line of grown.flat()) appendFileSync(grownFile, `${JSON.stringify(line)}\n`);
    for (const lines of grown) {
      const measured: Line[] = [];
      for (const size of lines.filter(isSize)) if (size.snapshot) measured.push(...(await measureSnapshot(size, pgAdmin)));
      print([...lines, ...measured]);
    }
  } finally {
    if (snapshots && !keep) rmSync(snapshots, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
