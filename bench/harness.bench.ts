// npm run bench (third part) — the benchmark harness's own overhead: how many requests a second one Node process
// (one core) drives through lib/bench against a local redis-server and memcached, side by side in the same run with
// the servers' own C load generators on the same server and the same settings: GET and SET separately, 100-byte
// values, 10,000 keys, the same number of connections, one request at a time per connection (no pipelining).
// redis-benchmark comes with Debian's redis-tools; memaslap with Debian's libmemcached-tools (as `memcaslap`);
// memtier_benchmark is not packaged in Debian. The harness must not be the bottleneck of what it measures: the CPU
// columns say who ran out of core first. Figures to read, not targets: the machine is shared.
import { spawn, spawnSync } from "node:child_process";
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import type { BenchDriver } from "../lib/bench/driver";
import { memcachedDriver } from "../lib/bench/drivers/memcached";
import { redisDriver } from "../lib/bench/drivers/redis";
import { startLocalServer, type LocalServer } from "../lib/bench/local-server";
import { runBenchmark } from "../lib/bench/run-benchmark";

const DURATION_S = 3;
const REPEATS = 3;
const WARMUP_S = 1;
const KEYS = 10_000;
const VALUE_BYTES = 100;
const CONNECTIONS = [1, 16];

interface Row {
  server: string;
  tool: string;
  op: "GET" | "SET";
  connections: number;
  perSecond: number | null;
  p50Ms: number | null;
  p99Ms: number | null;
  clientCpu: number | null;
  serverCpu: number | null;
  note?: string;
}

/** CPU seconds (user + system) a process has used, from /proc (clock ticks at 100 Hz on Linux). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function which(binary: string): string | null {
  const r = spawnSync("sh", ["-c", `command -v ${binary}`], { encoding: "utf8" });
  return r.status === 0 ? r.stdout.trim() : null;
}

async function harness(server: LocalServer, driver: () => BenchDriver, op: "GET" | "SET", connections: number): Promise<Row> {
  const profile = {
    name: `harness ${op}`,
    mix: op === "GET" ? { read: 1, write: 0 } : { read: 0, write: 1 },
    keySpace: { count: KEYS, distribution: "uniform" as const },
    valueSize: { kind: "fixed" as const, bytes: VALUE_BYTES },
    rate: "unbounded" as const,
    connections,
    warmupS: WARMUP_S,
    durationS: DURATION_S,
    prefill: op === "GET",
  };
  const cpu0 = process.cpuUsage();
  const s0 = cpuSeconds(server.pid);
  const t0 = performance.now();
  const r = await runBenchmark(profile, driver());
  const wall = (performance.now() - t0) / 1000;
  const used = process.cpuUsage(cpu0);
  const stats = op === "GET" ? r.reads : r.writes;
  const errors = r.errors.reduce((n, e) => n + e.count, 0);
  return {
    server: server.kind,
    tool: `lib/bench (${server.kind === "redis" ? "ioredis" : "memjs"})`,
    op,
    connections,
    perSecond: r.throughput.achievedPerSecond,
    p50Ms: stats.latency.percentilesMs.p50,
    p99Ms: stats.latency.percentilesMs.p99,
    // Over the whole call (prefill and warm-up included), so a ratio of one core, not of the measured window.
    clientCpu: (used.user + used.system) / 1e6 / wall,
    serverCpu: (cpuSeconds(server.pid) - s0) / wall,
    note: errors > 0 ? `${errors} errors` : op === "GET" && stats.hits !== stats.ok ? `${stats.ok - stats.hits} misses` : undefined,
  };
}

/**
 * The same driver in a bare loop, no harness (no schedule, no clocks, no histograms): what the client library and
 * the adapter cost by themselves, so the harness's own share is the difference to the lib/bench row.
 */
async function driverAlone(server: LocalServer, driver: BenchDriver, op: "GET" | "SET", connections: number): Promise<Row> {
  await driver.open({ connections, requestTimeoutMs: 2000 });
  const value = new Uint8Array(VALUE_BYTES).fill(7);
  let n = 0;
  let errors = 0;
  const loop = async (conn: number, until: number) => {
    while (performance.now() < until) {
      const key = `bench:${(n * 7919) % KEYS}`;
      try {
        if (op === "GET") await driver.read(key, conn);
        else await driver.write(key, value, conn);
      } catch {
        errors++;
      }
      n++;
    }
  };
  await Promise.all(Array.from({ length: connections }, (_, c) => loop(c, performance.now() + WARMUP_S * 1000)));
  n = 0;
  const cpu0 = process.cpuUsage();
  const s0 = cpuSeconds(server.pid);
  const t0 = performance.now();
  await Promise.all(Array.from({ length: connections }, (_, c) => loop(c, t0 + DURATION_S * 1000)));
  const wall = (performance.now() - t0) / 1000;
  const used = process.cpuUsage(cpu0);
  await driver.close();
  return {
    server: server.kind,
    tool: `${driver.name} driver alone`,
    op,
    connections,
    perSecond: n / wall,
    p50Ms: null,
    p99Ms: null,
    clientCpu: (used.user + used.system) / 1e6 / wall,
    serverCpu: (cpuSeconds(server.pid) - s0) / wall,
    note: errors ? `${errors} errors` : undefined,
  };
}

/** Runs a command, measuring its CPU from /proc while it runs, and returns its output. */
function runTool(command: string, args: string[], server: LocalServer): Promise<{ out: string; clientCpu: number; serverCpu: number }> {
  return new Promise((resolve, reject) => {
    const s0 = cpuSeconds(server.pid);
    const t0 = performance.now();
    const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let lastCpu = 0;
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (out += d.toString()));
    // A child's CPU is readable only while it lives: sample it until it exits.
    const sampler = setInterval(() => {
      try {
        lastCpu = cpuSeconds(child.pid ?? 0);
      } catch {
        /* exited */
      }
    }, 100);
    child.on("error", reject);
    child.on("exit", () => {
      clearInterval(sampler);
      const wall = (performance.now() - t0) / 1000;
      resolve({ out, clientCpu: lastCpu / wall, serverCpu: (cpuSeconds(server.pid) - s0) / wall });
    });
  });
}

async function redisBenchmark(server: LocalServer, op: "GET" | "SET", connections: number): Promise<Row> {
  // A request count that takes about DURATION_S at the rates seen here (redis-benchmark runs by count, not time).
  const requests = DURATION_S * (connections === 1 ? 25_000 : 35_000);
  const { out, clientCpu, serverCpu } = await runTool(
    "redis-benchmark",
    [
      "-h",
      server.host,
      "-p",
      String(server.port),
      "-c",
      String(connections),
      "-n",
      String(requests),
      "-d",
      String(VALUE_BYTES),
      "-P",
      "1",
      "-r",
      String(KEYS),
      "-t",
      op.toLowerCase(),
      "--csv",
    ],
    server,
  );
  // --csv: "test","rps","avg_latency_ms","min_latency_ms","p50_latency_ms","p95_latency_ms","p99_latency_ms","max_latency_ms"
  const line = out.split("\n").find((l) => l.startsWith(`"${op}"`));
  const cells = line?.split(",").map((c) => Number(c.replaceAll('"', "")));
  return {
    server: "redis",
    tool: "redis-benchmark",
    op,
    connections,
    perSecond: cells?.[1] ?? null,
    p50Ms: cells?.[4] ?? null,
    p99Ms: cells?.[6] ?? null,
    clientCpu,
    serverCpu,
    note: line ? undefined : out.trim().slice(0, 120),
  };
}

async function memaslap(server: LocalServer, op: "GET" | "SET", connections: number, dir: string): Promise<Row> {
  const cfg = join(dir, `${op}.cfg`);
  // memaslap's configuration: key sizes, value sizes, then the proportion of each command (0 = set, 1 = get).
  writeFileSync(cfg, `key\n16 16 1\nvalue\n${VALUE_BYTES} ${VALUE_BYTES} 1\ncmd\n0 ${op === "SET" ? "1.0" : "0.0"}\n1 ${op === "GET" ? "1.0" : "0.0"}\n`);
  // One thread (one core), binary protocol as memjs speaks it, a small key window so the initial sets it makes
  // before a GET run are a small part of the figure.
  const { out, clientCpu, serverCpu } = await runTool(
    "memcaslap",
    ["-s", `${server.host}:${server.port}`, "-T", "1", "-c", String(connections), "-t", `${DURATION_S}s`, "-F", cfg, "-B", "-w", "1k"],
    server,
  );
  const tps = /TPS: (\d+)/.exec(out)?.[1];
  const sets = Number(/cmd_set: (\d+)/.exec(out)?.[1] ?? 0);
  return {
    server: "memcached",
    tool: "memaslap (memcaslap)",
    op,
    connections,
    perSecond: tps ? Number(tps) : null,
    p50Ms: null,
    p99Ms: null,
    clientCpu,
    serverCpu,
    note: tps ? (op === "GET" ? `TPS includes its ${sets} initial sets` : undefined) : out.trim().slice(0, 120),
  };
}

function print(rows: Row[]) {
  const header = ["server", "op", "conns", "tool", "req/s", "p50 ms", "p99 ms", "client CPU", "server CPU", "note"];
  const cells = rows.map((r) => [
    r.server,
    r.op,
    String(r.connections),
    r.tool,
    r.perSecond === null ? "—" : Math.round(r.perSecond).toLocaleString("en-US"),
    r.p50Ms?.toFixed(3) ?? "—",
    r.p99Ms?.toFixed(3) ?? "—",
    r.clientCpu === null ? "—" : `${(r.clientCpu * 100).toFixed(0)} %`,
    r.serverCpu === null ? "—" : `${(r.serverCpu * 100).toFixed(0)} %`,
    r.note ?? "",
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]?.length ?? 0)));
  const line = (c: string[]) => c.map((x, i) => (i >= 4 && i <= 8 ? x.padStart(widths[i] ?? 0) : x.padEnd(widths[i] ?? 0))).join("  ");
  console.log(line(header));
  for (const c of cells) console.log(line(c));
}

async function main() {
  const startLoad = loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");
  const dir = mkdtempSync(join(tmpdir(), "harness-bench-"));
  const redis = await startLocalServer("redis", { memoryMiB: 256 });
  const memcached = await startLocalServer("memcached", { memoryMiB: 256 }).catch(async (error: unknown) => {
    await redis.stop();
    throw error;
  });
  const rows: Row[] = [];
  const hasRedisBenchmark = which("redis-benchmark") !== null;
  const hasMemaslap = which("memcaslap") !== null || which("memaslap") !== null;
  // Each row is the median of REPEATS runs, the tools taking turns, so a burst of load from elsewhere on this shared
  // machine falls on all of them rather than on one.
  const median = (runs: Row[]): Row => {
    const sorted = [...runs].sort((a, b) => (a.perSecond ?? 0) - (b.perSecond ?? 0));
    const mid = sorted[Math.floor(sorted.length / 2)] as Row;
    const range = `${Math.round(sorted[0]?.perSecond ?? 0).toLocaleString("en-US")}–${Math.round(sorted[sorted.length - 1]?.perSecond ?? 0).toLocaleString("en-US")}`;
    return { ...mid, note: [`runs ${range}`, mid.note].filter(Boolean).join("; ") };
  };
  try {
    for (const connections of CONNECTIONS) {
      for (const server of [redis, memcached]) {
        for (const op of ["SET", "GET"] as const) {
          const tools: (() => Promise<Row>)[] =
            server === redis
              ? [
                  () => harness(redis, () => redisDriver({ host: redis.host, port: redis.port }), op, connections),
                  () => driverAlone(redis, redisDriver({ host: redis.host, port: redis.port }), op, connections),
                  ...(hasRedisBenchmark ? [() => redisBenchmark(redis, op, connections)] : []),
                ]
              : [
                  () => harness(memcached, () => memcachedDriver({ server: `${memcached.host}:${memcached.port}` }), op, connections),
                  () => driverAlone(memcached, memcachedDriver({ server: `${memcached.host}:${memcached.port}` }), op, connections),
                  ...(hasMemaslap ? [() => memaslap(memcached, op, connections, dir)] : []),
                ];
          const runs: Row[][] = tools.map(() => []);
          for (let rep = 0; rep < REPEATS; rep++) for (const [i, tool] of tools.entries()) runs[i]?.push(await tool());
          for (const r of runs) rows.push(median(r));
        }
      }
    }
  } finally {
    await redis.stop();
    await memcached.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(
    `\nBenchmark harness overhead: closed loop, ${VALUE_BYTES}-byte values, ${KEYS.toLocaleString("en-US")} keys, no pipelining; each row the median of ${REPEATS} runs of ${DURATION_S} s (lib/bench and the bare driver: +${WARMUP_S} s warm-up)`,
  );
  console.log(`redis-server and memcached (one worker thread) on 127.0.0.1, Node ${process.version}; load average at the start: ${startLoad}`);
  print(rows);
  console.log(
    `load average at the end: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")} (this machine has ${availableParallelism()} cores${availableParallelism() <= 2 ? ", shared" : ""})`,
  );
  if (!hasRedisBenchmark) console.log("redis-benchmark: not installed (Debian: apt-get install redis-tools)");
  if (!hasMemaslap) console.log("memaslap: not installed (Debian ships it as memcaslap in libmemcached-tools: apt-get install libmemcached-tools)");
  console.log("memtier_benchmark: not packaged in Debian (apt-cache search memtier finds nothing), so not compared.");
  console.log("'driver alone' is the same driver in a bare loop without the harness: the harness's own cost is the gap to the lib/bench row.");
  console.log(
    "CPU: share of one core used over the row's wall time (client: the tool's process — for lib/bench the whole Node process, prefill and warm-up included; server: the server process).",
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
