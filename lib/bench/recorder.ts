import type { Histogram } from "hdr-histogram-js";
import { encodeHistogram, newLatencyHistogram, recordMs, summarise } from "./latency";
import type { OpStats, ThroughputPoint } from "./result";

export type Op = "read" | "write";

class OpRecorder {
  ok = 0;
  errors = 0;
  hits = 0;
  readonly response: Histogram = newLatencyHistogram();
  readonly service: Histogram = newLatencyHistogram();

  stats(): OpStats {
    return {
      ok: this.ok,
      errors: this.errors,
      hits: this.hits,
      latency: summarise(this.response),
      serviceTime: summarise(this.service),
      histogram: encodeHistogram(this.response),
    };
  }
}

/**
 * Collects one run's figures. Every request carries the time it was due (open loop; in a closed loop, the time it was
 * sent): requests due before the measurement began are warm-up and counted only as such. Times are milliseconds on
 * the harness's monotonic clock.
 */
export class RunRecorder {
  readonly reads = new OpRecorder();
  readonly writes = new OpRecorder();
  readonly warmup = { requests: 0, errors: 0 };
  private readonly errorKinds = new Map<string, { count: number; sample: string }>();
  private readonly series: ThroughputPoint[] = [];
  private current: ThroughputPoint | null = null;
  private readonly currentHistogram = newLatencyHistogram();
  lastDoneAt: number;

  constructor(readonly measureStart: number) {
    this.lastDoneAt = measureStart;
  }

  answered(op: Op, dueAt: number, sentAt: number, doneAt: number, hit: boolean): void {
    if (dueAt < this.measureStart) {
      this.warmup.requests++;
      return;
    }
    const r = op === "read" ? this.reads : this.writes;
    r.ok++;
    if (hit) r.hits++;
    recordMs(r.response, doneAt - dueAt);
    recordMs(r.service, doneAt - sentAt);
    const point = this.pointAt(doneAt);
    if (op === "read") point.reads++;
    else point.writes++;
    recordMs(this.currentHistogram, doneAt - dueAt);
  }

  failed(op: Op | null, dueAt: number, doneAt: number, kind: string, message: string): void {
    if (dueAt < this.measureStart) {
      this.warmup.requests++;
      this.warmup.errors++;
      return;
    }
    if (op === "read") this.reads.errors++;
    else if (op === "write") this.writes.errors++;
    const known = this.errorKinds.get(kind);
    if (known) known.count++;
    else this.errorKinds.set(kind, { count: 1, sample: message.slice(0, 300) });
    this.pointAt(Math.max(doneAt, this.lastDoneAt)).errors++;
  }

  /** Requests that fell due in the measured window but never went out (the run ended first). */
  notSent(count: number, reason: string): void {
    if (count <= 0) return;
    const known = this.errorKinds.get("not-sent");
    if (known) known.count += count;
    else this.errorKinds.set("not-sent", { count, sample: reason });
  }

  errors(): { kind: string; count: number; sample: string }[] {
    return [...this.errorKinds.entries()]
      .map(([kind, e]) => ({ kind, count: e.count, sample: e.sample }))
      .sort((a, b) => b.count - a.count || a.kind.localeCompare(b.kind));
  }

  /** The per-second series so far (the current second included, its p99 as it stands). */
  throughput(): ThroughputPoint[] {
    if (!this.current) return [...this.series];
    return [...this.series, { ...this.current, p99Ms: this.currentP99() }];
  }

  lastCompleteSecond(): ThroughputPoint | null {
    return this.series[this.series.length - 1] ?? null;
  }

  private currentP99(): number | null {
    return this.currentHistogram.totalCount === 0 ? null : summarise(this.currentHistogram).percentilesMs.p99;
  }

  /** The series point of the second `at` falls in; completions arrive in time order, so only the last is open. */
  private pointAt(at: number): ThroughputPoint {
    if (at > this.lastDoneAt) this.lastDoneAt = at;
    const second = Math.max(0, Math.floor((at - this.measureStart) / 1000));
    if (this.current && second <= this.current.second) return this.current;
    if (this.current) {
      this.series.push({ ...this.current, p99Ms: this.currentP99() });
      this.currentHistogram.reset();
    }
    for (let s = (this.current?.second ?? -1) + 1; s < second; s++) this.series.push({ second: s, reads: 0, writes: 0, errors: 0, p99Ms: null });
    this.current = { second, reads: 0, writes: 0, errors: 0, p99Ms: null };
    return this.current;
  }
}
