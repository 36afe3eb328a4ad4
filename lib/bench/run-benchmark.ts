import { errorMessage, type BenchDriver } from "./driver";
import { BenchProfileError, maxValueBytes, parseBenchProfile, type BenchProfile, type BenchProfileInput } from "./profile";
import { RunRecorder, type Op } from "./recorder";
import type { BenchResult, ThroughputPoint } from "./result";
import { keyIndexSampler, seededRandom, valueSizeSampler, type Random } from "./sampling";

export type BenchPhase = "prefill" | "warmup" | "measure" | "drain";

/** A live snapshot for a progress chart; plain JSON like the result. */
export interface BenchProgress {
  phase: BenchPhase;
  /** Seconds since the schedule started (after the prefill). */
  elapsedS: number;
  sent: number;
  answered: number;
  errors: number;
  /** Requests due but not yet sent because every connection was busy: the queue a stalled server builds. */
  backlog: number;
  /** The last whole measured second, once there is one. */
  lastSecond: ThroughputPoint | null;
}

export interface RunOptions {
  /** Aborting stops sending; requests in flight are awaited (up to the drain timeout) and the result says "cancelled". */
  signal?: AbortSignal;
  onProgress?: (progress: BenchProgress) => void;
  progressIntervalMs?: number;
  /** How long to wait after the schedule ends for the last answers; default the request timeout + 5 s. */
  drainTimeoutMs?: number;
}

const now = () => performance.now();

/**
 * Runs one benchmark: opens the driver, optionally prefills every key, then sends the profile's mix for the warm-up
 * and the measured duration, and returns the figures as plain JSON.
 *
 * At a target rate the schedule is open-loop: request i is due at start + i / rate whatever happened before it.
 * A request waits (in order) for a free connection, and its latency counts from when it was due — so a server that
 * stalls for a second shows a second of queueing in every request due during the stall, as the clients of a real
 * service would see it, instead of one slow sample (coordinated omission). The time from actually sending is kept
 * too, as the service time. With rate "unbounded" each connection sends its next request when the last one
 * answered (closed loop): a throughput measurement, whose latencies are service times.
 */
export async function runBenchmark(input: BenchProfileInput | BenchProfile, driver: BenchDriver, options: RunOptions = {}): Promise<BenchResult> {
  const parsed = parseBenchProfile(input);
  if (!parsed.ok) throw new BenchProfileError(parsed.errors);
  const profile = parsed.profile;
  const startedAt = new Date().toISOString();
  const random = seededRandom(profile.seed);
  const run = new Run(profile, driver, random, options);
  await driver.open({ connections: profile.connections, requestTimeoutMs: profile.requestTimeoutMs });
  try {
    const prefill = profile.prefill ? await run.prefill() : { keys: 0, errors: 0 };
    const body = profile.rate === "unbounded" ? await run.closedLoop() : await run.openLoop(profile.rate);
    return { schemaVersion: 1, driver: driver.name, profile, startedAt, prefill, ...body };
  } finally {
    run.stop();
    await driver.close();
  }
}

type RunBody = Omit<BenchResult, "schemaVersion" | "driver" | "profile" | "startedAt" | "prefill">;

class Run {
  private readonly nextKey: () => number;
  private readonly nextSize: () => number;
  private readonly values: Uint8Array;
  private readonly warmupMs: number;
  private readonly durationMs: number;
  private readonly drainTimeoutMs: number;
  private phase: BenchPhase = "prefill";
  private progressTimer: ReturnType<typeof setInterval> | null = null;
  private sent = 0;
  private answered = 0;
  private failures = 0;
  private backlog = 0;
  private t0 = now();
  private rec: RunRecorder | null = null;
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();

  constructor(
    private readonly profile: BenchProfile,
    private readonly driver: BenchDriver,
    private readonly random: Random,
    private readonly options: RunOptions,
  ) {
    this.nextKey = keyIndexSampler(profile.keySpace, random);
    this.nextSize = valueSizeSampler(profile.valueSize, random);
    this.values = new Uint8Array(maxValueBytes(profile.valueSize));
    for (let i = 0; i < this.values.length; i++) this.values[i] = Math.floor(random() * 256);
    this.warmupMs = profile.warmupS * 1000;
    this.durationMs = profile.durationS * 1000;
    this.drainTimeoutMs = options.drainTimeoutMs ?? profile.requestTimeoutMs + 5000;
  }

  private get aborted(): boolean {
    return this.options.signal?.aborted ?? false;
  }

  private pickOp(): Op {
    return this.random() < this.profile.mix.read ? "read" : "write";
  }

  /** One request on connection `conn`; settles, never rejects. */
  private issue(op: Op, keyIndex: number, conn: number): Promise<{ ok: true; hit: boolean } | { ok: false; error: unknown }> {
    const key = this.profile.keySpace.prefix + keyIndex;
    let pending: Promise<boolean | void>;
    try {
      pending = op === "read" ? this.driver.read(key, conn) : this.driver.write(key, this.values.subarray(0, this.nextSize()), conn);
    } catch (error) {
      pending = Promise.reject(error);
    }
    return pending.then(
      (hit) => ({ ok: true as const, hit: op === "write" || hit === true }),
      (error: unknown) => ({ ok: false as const, error }),
    );
  }

  private record(op: Op, dueAt: number, sentAt: number, outcome: { ok: true; hit: boolean } | { ok: false; error: unknown }): void {
    const rec = this.rec;
    if (!rec) return;
    const doneAt = now();
    if (outcome.ok) {
      this.answered++;
      rec.answered(op, dueAt, sentAt, doneAt, outcome.hit);
    } else {
      this.failures++;
      rec.failed(op, dueAt, doneAt, this.driver.errorKind(outcome.error), errorMessage(outcome.error));
    }
  }

  /** Writes every key once, `connections` at a time, before anything is measured. */
  async prefill(): Promise<{ keys: number; errors: number }> {
    this.startProgress();
    const count = this.profile.keySpace.count;
    let next = 0;
    let errors = 0;
    const worker = async (conn: number) => {
      while (next < count && !this.aborted) {
        const outcome = await this.issue("write", next++, conn);
        if (!outcome.ok) errors++;
      }
    };
    await Promise.all(Array.from({ length: this.profile.connections }, (_, conn) => worker(conn)));
    return { keys: next, errors };
  }

  async openLoop(rate: number): Promise<RunBody> {
    const interval = 1000 / rate;
    const rec = this.begin();
    const t0 = this.t0;
    const endAt = rec.measureStart + this.durationMs;
    // Requests 0 … total − 1 fall due before the end: i · interval < warm-up + duration.
    const total = Math.ceil((this.warmupMs + this.durationMs) / interval);
    const firstMeasured = Math.ceil(this.warmupMs / interval);
    let limit = total;
    let next = 0;
    let inFlight = 0;
    let cancelledAt: number | null = null;
    const conns = this.profile.connections;
    const idle = Array.from({ length: conns }, (_, i) => conns - 1 - i);
    // One request at a time per connection: what each one carries, for an answer that never comes.
    const carrying: ({ op: Op; dueAt: number } | null)[] = Array.from({ length: conns }, () => null);
    let wake: { timeout: ReturnType<typeof setTimeout> } | { immediate: ReturnType<typeof setImmediate> } | null = null;
    let finished = false;
    const clearWake = () => {
      if (wake === null) return;
      if ("timeout" in wake) clearTimeout(wake.timeout);
      else clearImmediate(wake.immediate);
      wake = null;
    };
    const dueCountAt = (t: number) => Math.min(limit, Math.floor((t - t0) / interval) + 1);

    await new Promise<void>((resolve) => {
      const finish = () => {
        if (finished) return;
        finished = true;
        clearWake();
        this.options.signal?.removeEventListener("abort", onAbort);
        resolve();
      };
      const pump = () => {
        clearWake();
        if (finished) return;
        const dueCount = dueCountAt(now());
        while (next < dueCount && idle.length > 0) send(next++, idle.pop() as number);
        this.backlog = Math.max(0, dueCount - next);
        if (next >= limit) {
          if (inFlight === 0) finish();
          return;
        }
        // With a free connection, wake when the next request falls due; otherwise the next answer pumps.
        if (idle.length > 0) {
          const wait = t0 + next * interval - now();
          // Timers fire a millisecond late at best: inside the last millisecond poll on setImmediate instead, so
          // timer slack does not pass for server latency.
          wake = wait >= 1 ? { timeout: setTimeout(pump, Math.floor(wait)) } : { immediate: setImmediate(pump) };
        }
      };
      const send = (i: number, conn: number) => {
        const dueAt = t0 + i * interval;
        const op = this.pickOp();
        const keyIndex = this.nextKey();
        const sentAt = now();
        inFlight++;
        this.sent++;
        carrying[conn] = { op, dueAt };
        void this.issue(op, keyIndex, conn).then((outcome) => {
          inFlight--;
          carrying[conn] = null;
          if (finished) return;
          this.record(op, dueAt, sentAt, outcome);
          idle.push(conn);
          if (next >= limit) {
            if (inFlight === 0) finish();
          } else if (wake === null || next < dueCountAt(now())) pump();
        });
      };
      const onAbort = () => {
        if (cancelledAt !== null || finished) return;
        cancelledAt = now();
        limit = Math.min(limit, next);
        this.backlog = 0;
        clearWake();
        this.phase = "drain";
        if (inFlight === 0) finish();
        else this.later(giveUp, this.drainTimeoutMs);
      };
      // At the end of the window, requests already due still go out as connections free up (they fell due inside
      // the window); after the drain timeout, what never went out is "not-sent" and what never answered "no-answer".
      const giveUp = () => {
        if (finished) return;
        rec.notSent(
          Math.max(0, limit - Math.max(next, firstMeasured)),
          `fell due but was not sent within ${this.drainTimeoutMs} ms after the run ended: every connection was busy`,
        );
        for (const c of carrying) if (c) rec.failed(c.op, c.dueAt, now(), "no-answer", `no answer within ${this.drainTimeoutMs} ms after the run ended`);
        limit = next;
        finish();
      };
      this.later(() => {
        if (cancelledAt !== null) return;
        this.phase = "drain";
        this.later(giveUp, this.drainTimeoutMs);
      }, endAt - now());
      this.options.signal?.addEventListener("abort", onAbort, { once: true });
      if (this.aborted) onAbort();
      else pump();
    });
    return this.body(rec, "open-loop", rate, cancelledAt, endAt);
  }

  async closedLoop(): Promise<RunBody> {
    const rec = this.begin();
    const endAt = rec.measureStart + this.durationMs;
    const conns = this.profile.connections;
    const carrying: ({ op: Op; dueAt: number } | null)[] = Array.from({ length: conns }, () => null);
    let cancelledAt: number | null = null;
    let stop = false;
    let abandoned = false;
    const worker = async (conn: number) => {
      while (!stop && now() < endAt) {
        const op = this.pickOp();
        const keyIndex = this.nextKey();
        const sentAt = now();
        this.sent++;
        carrying[conn] = { op, dueAt: sentAt };
        const outcome = await this.issue(op, keyIndex, conn);
        carrying[conn] = null;
        if (abandoned) return;
        this.record(op, sentAt, sentAt, outcome);
      }
    };
    // A connection still waiting at the end plus the drain timeout is abandoned: the run does not wait on a dead server.
    let giveUp: () => void = () => {};
    const deadline = new Promise<void>((resolve) => (giveUp = resolve));
    const armDeadline = () => this.later(giveUp, this.drainTimeoutMs);
    this.later(() => {
      if (cancelledAt !== null) return;
      this.phase = "drain";
      armDeadline();
    }, endAt - now());
    const onAbort = () => {
      if (cancelledAt !== null) return;
      cancelledAt = now();
      stop = true;
      this.phase = "drain";
      armDeadline();
    };
    this.options.signal?.addEventListener("abort", onAbort, { once: true });
    if (this.aborted) onAbort();
    await Promise.race([Promise.all(Array.from({ length: conns }, (_, conn) => worker(conn))), deadline]);
    stop = true;
    abandoned = true;
    this.options.signal?.removeEventListener("abort", onAbort);
    for (const c of carrying) if (c) rec.failed(c.op, c.dueAt, now(), "no-answer", `no answer within ${this.drainTimeoutMs} ms after the run ended`);
    return this.body(rec, "closed-loop", null, cancelledAt, endAt);
  }

  /** A timer the run clears when it ends, so nothing it armed outlives it. */
  private later(fn: () => void, ms: number): void {
    const t = setTimeout(
      () => {
        this.timers.delete(t);
        fn();
      },
      Math.max(0, ms),
    );
    this.timers.add(t);
  }

  private begin(): RunRecorder {
    this.t0 = now();
    this.rec = new RunRecorder(this.t0 + this.warmupMs);
    this.phase = this.warmupMs > 0 ? "warmup" : "measure";
    if (this.warmupMs > 0) this.later(() => this.phase === "warmup" && (this.phase = "measure"), this.warmupMs);
    this.startProgress();
    return this.rec;
  }

  private body(rec: RunRecorder, mode: RunBody["mode"], target: number | null, cancelledAt: number | null, endAt: number): RunBody {
    const windowEnd = cancelledAt === null ? endAt : Math.min(cancelledAt, endAt);
    const measuredS = Math.max(0, (windowEnd - rec.measureStart) / 1000);
    const reads = rec.reads.stats();
    const writes = rec.writes.stats();
    const spanS = Math.max(measuredS, (rec.lastDoneAt - rec.measureStart) / 1000);
    return {
      mode,
      outcome: cancelledAt === null ? "completed" : "cancelled",
      measuredS: round3(measuredS),
      reads,
      writes,
      throughput: { targetPerSecond: target, achievedPerSecond: spanS > 0 ? round3((reads.ok + writes.ok) / spanS) : 0, series: rec.throughput() },
      errors: rec.errors(),
      warmup: { ...rec.warmup },
    };
  }

  private startProgress(): void {
    const onProgress = this.options.onProgress;
    if (!onProgress || this.progressTimer) return;
    this.progressTimer = setInterval(() => {
      onProgress({
        phase: this.phase,
        elapsedS: round3((now() - this.t0) / 1000),
        sent: this.sent,
        answered: this.answered,
        errors: this.failures,
        backlog: this.backlog,
        lastSecond: this.rec?.lastCompleteSecond() ?? null,
      });
    }, this.options.progressIntervalMs ?? 1000);
  }

  /** Clears the progress interval and every timer the run armed. */
  stop(): void {
    if (this.progressTimer) clearInterval(this.progressTimer);
    this.progressTimer = null;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;
