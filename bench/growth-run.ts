// One database of the growth benchmark, in a process of its own (bench/growth.bench.ts starts it with DATABASE_URL,
// DATA_DIR and the simulated provisioner in its environment). Two modes:
//   BENCH_MODE=grow (default) grows the portal through its use-cases to each size in turn (BENCH_SIZES); at each size
//     it runs retention, records the database's size and rows and, with BENCH_SNAPSHOT_DIR, saves a snapshot of the
//     database there (SQLite: VACUUM INTO; PostgreSQL: pg_dump); without one it measures at once. At the end, a
//     month on: retention until nothing is left to prune, then the size again.
//   BENCH_MODE=measure measures the portal DATABASE_URL names (a snapshot): bench/growth-measure.ts.
// Every result is one JSON line on stdout.
import { execFileSync } from "node:child_process";
import { statSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { db, databaseTarget } from "../lib/server/db/client";
import { startWorker } from "../lib/server/provisioning/worker";
import { RETENTION, runRetention, type RetentionResult } from "../lib/server/retention/run-retention";
import { createEngine } from "../infra/engine";
import { grow, makeWorld, replayingEngine, worldOf } from "./growth-seed";
import { measure, measureOverHttp, type Figure } from "./growth-measure";
import type { HttpFigure } from "./growth-http";
import { pgTool } from "./pg-tools";

export type { Figure };

interface Sized {
  database: string;
  requests: number;
  /** The data of the portal before the first request. */
  baselineBytes: number;
  databaseBytes: { onDisk: number; live: number; audit: number };
  rows: Record<string, number>;
}

/** A size reached: what the database holds, and where its snapshot is. */
export interface SizeResult extends Sized {
  seedSeconds: number;
  retention: RetentionResult;
  snapshot?: string;
  /** Measured at once when there is no snapshot to measure later. */
  figures?: Figure[];
  http?: HttpFigure[];
}

/** The database a month after the largest size: every operation log older than retention keeps has been pruned. */
export interface AgedResult extends Sized {
  aged: true;
  retention: RetentionResult;
}

/** A snapshot measured: in-process figures and, unless BENCH_HTTP=off, the same portal over HTTP. */
export interface MeasuredResult {
  measured: true;
  database: string;
  requests: number;
  figures: Figure[];
  http?: HttpFigure[];
}

/** The database's size on disk, and the part of it that holds data (SQLite keeps freed pages in its file for reuse). */
async function databaseBytes(): Promise<Sized["databaseBytes"]> {
  if (databaseTarget.kind === "postgres") {
    const [row] = await db().$queryRawUnsafe<{ size: bigint; audit: bigint }[]>(
      "SELECT pg_database_size(current_database()) AS size, pg_total_relation_size('audit_events') AS audit",
    );
    return { onDisk: Number(row?.size ?? 0), live: Number(row?.size ?? 0), audit: Number(row?.audit ?? 0) };
  }
  await db().$queryRawUnsafe("PRAGMA wal_checkpoint(TRUNCATE)");
  const pragma = async (name: string) => Number((await db().$queryRawUnsafe<Record<string, bigint | number>[]>(`PRAGMA ${name}`))[0]?.[name] ?? 0);
  const pageSize = await pragma("page_size");
  // SQLite has no per-table size without the dbstat extension: the audit rows' stored bytes, summed.
  const [audit] = await db().$queryRawUnsafe<{ bytes: bigint | number | null }[]>(
    `SELECT SUM(LENGTH("id") + LENGTH("action") + LENGTH("actor") + LENGTH("subjectType") + LENGTH("subjectId") + COALESCE(LENGTH("teamId"), 0) + COALESCE(LENGTH("actorId"), 0) + COALESCE(LENGTH("detail"), 0) + 8) AS bytes FROM "audit_events"`,
  );
  return {
    onDisk: statSync(databaseTarget.file ?? "").size,
    live: (await pragma("page_count")) * pageSize - (await pragma("freelist_count")) * pageSize,
    audit: Number(audit?.bytes ?? 0),
  };
}

async function rowCounts(): Promise<Record<string, number>> {
  const d = db();
  return {
    requests: await d.request.count(),
    datastores: await d.datastore.count(),
    operations: await d.operation.count(),
    operationEvents: await d.operationEvent.count(),
    audit: await d.auditEvent.count(),
    waitingRequests: await d.request.count({ where: { status: "submitted" } }),
    pendingChanges: await d.datastoreChange.count({ where: { status: "pending-approval" } }),
  };
}

/** A copy of the database as it is now, to measure once every size has been grown. */
async function snapshot(dir: string, size: number): Promise<string> {
  if (databaseTarget.kind === "postgres") {
    const file = join(dir, `postgres-${size}.dump`);
    execFileSync(pgTool("pg_dump"), ["--format=custom", "--compress=1", "--file", file, databaseTarget.url], { stdio: ["ignore", "ignore", "inherit"] });
    return file;
  }
  const file = join(dir, `sqlite-${size}.db`);
  await db().$executeRawUnsafe(`VACUUM INTO '${file.replace(/'/g, "''")}'`);
  return file;
}

function print(result: object): void {
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

async function measureHere(): Promise<void> {
  const world = await worldOf();
  const requests = await db().request.count();
  // A first pass warms the code paths (a cold first size would flatter every ratio); the second is the one kept.
  await measure(world, requests);
  const { figures, deep } = await measure(world, requests);
  const http = process.env.BENCH_HTTP === "off" ? undefined : await measureOverHttp(world, deep);
  const result: MeasuredResult = { measured: true, database: databaseTarget.kind, requests, figures, ...(http ? { http } : {}) };
  print(result);
}

async function growHere(): Promise<void> {
  const sizes = (process.env.BENCH_SIZES ?? "10,1000,10000").split(",").map(Number);
  const dataDir = process.env.DATA_DIR ?? "";
  const snapshots = process.env.BENCH_SNAPSHOT_DIR;
  const engine = replayingEngine(createEngine("simulated", { dataDir, stepMs: 0 }));
  const worker = startWorker({ engine, concurrency: 2, pollMs: 20, dataDir });
  const world = await makeWorld();
  // What an empty portal takes (PostgreSQL's catalogue alone is several megabytes): per-request figures leave it out.
  const baselineBytes = (await databaseBytes()).live;
  let have = 0;
  let seedSeconds = 0;
  for (const size of sizes) {
    const t0 = performance.now();
    await grow(world, worker, have, size, (n) => process.stderr.write(`\r  ${databaseTarget.kind}: ${n} requests`));
    process.stderr.write("\n");
    seedSeconds += (performance.now() - t0) / 1000;
    have = size;
    // What the worker's retention (every 15 minutes) has pruned by the time a portal reaches this size.
    const retention = await runRetention();
    const sized = {
      database: databaseTarget.kind,
      requests: size,
      seedSeconds,
      baselineBytes,
      databaseBytes: await databaseBytes(),
      rows: await rowCounts(),
      retention,
    };
    if (snapshots) {
      const result: SizeResult = { ...sized, snapshot: await snapshot(snapshots, size) };
      print(result);
    } else {
      await measure(world, size);
      const { figures, deep } = await measure(world, size);
      const http = process.env.BENCH_HTTP === "off" ? undefined : await measureOverHttp(world, deep);
      const result: SizeResult = { ...sized, figures, ...(http ? { http } : {}) };
      print(result);
    }
  }
  await worker.stop({ graceMs: 1000 });
  // A month on, nothing else changed: retention has pruned every operation log older than RETENTION.fullLogDays.
  // One run prunes at most RETENTION.batch × maxBatches operations; the worker's runs every 15 minutes of that month
  // would have caught up, so this runs it until a run finds nothing left. VACUUM (this temporary database only) gives
  // the freed pages back, so the size is what the data takes.
  const monthOn = new Date(Date.now() + (RETENTION.fullLogDays + 1) * 86_400_000);
  const aged = await runRetention({ now: monthOn });
  for (let more = aged; more.prunedOperations > 0;) {
    more = await runRetention({ now: monthOn });
    aged.prunedOperations += more.prunedOperations;
    aged.deletedEvents += more.deletedEvents;
  }
  await db().$executeRawUnsafe(databaseTarget.kind === "postgres" ? "VACUUM FULL" : "VACUUM");
  const agedResult: AgedResult = {
    aged: true,
    database: databaseTarget.kind,
    requests: have,
    retention: aged,
    baselineBytes,
    databaseBytes: await databaseBytes(),
    rows: await rowCounts(),
  };
  print(agedResult);
}

(process.env.BENCH_MODE === "measure" ? measureHere() : growHere())
  .then(() => db().$disconnect())
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
