import { z } from "zod";
import { midOf, type Workload } from "../schemas/workload";
import { BENCH_LIMITS, BenchProfileSchema, KEY_DISTRIBUTIONS, type BenchProfile, type ValueSize } from "./profile";

const int = (min: number, max: number, what: string) =>
  z
    .number({ error: "must be a number" })
    .int(`must be a whole number of ${what} from ${min} to ${max.toLocaleString("en-US")}`)
    .min(min, `must be a whole number of ${what} from ${min} to ${max.toLocaleString("en-US")}`)
    .max(max, `must be a whole number of ${what} from ${min} to ${max.toLocaleString("en-US")}`);

export const DeriveOptionsSchema = z.strictObject({
  /**
   * The part of the datastore's traffic the run stands for: one canary node of twelve takes 1/12 of the rate.
   * Rates in a workload are per region (each region's cluster serves them).
   */
  shareOfFleet: z.number({ error: "must be a number" }).gt(0, "must be more than 0 and at most 1").max(1, "must be more than 0 and at most 1"),
  /** Keys a local run can hold and prefill in seconds; the workload's key count is capped to it. */
  maxKeys: int(1, 10_000_000, "keys").default(100_000),
  /** A ceiling on the scaled rate (a local server cannot take a region's traffic). */
  maxRatePerSecond: z
    .number({ error: "must be a number" })
    .min(1, "must be from 1 to 1,000,000")
    .max(BENCH_LIMITS.maxRatePerSecond, "must be from 1 to 1,000,000")
    .default(BENCH_LIMITS.maxRatePerSecond),
  durationS: int(1, BENCH_LIMITS.maxDurationS, "seconds").default(60),
  warmupS: int(0, BENCH_LIMITS.maxWarmupS, "seconds").default(10),
  /** Default: enough for the rate at 10 ms per request (Little's law), from 2 to 128. */
  connections: int(1, BENCH_LIMITS.maxConnections, "connections").optional(),
  /** A workload says nothing of its hot keys; zipfian (YCSB's 0.99) is the usual assumption for a cache or a KV store. */
  distribution: z.enum(KEY_DISTRIBUTIONS).default("zipfian"),
  prefill: z.boolean().default(true),
});
export type DeriveOptionsInput = z.input<typeof DeriveOptionsSchema>;

export type DerivedProfile = { ok: true; profile: BenchProfile; notes: string[] } | { ok: false; field: string; reason: string };

const GiB = 1024 ** 3;
const fmt = (n: number) => n.toLocaleString("en-US", { maximumFractionDigits: 2 });

/**
 * A benchmark profile from a datastore's workload, as NdBench would be set up for it: the read/write mix from the
 * workload's rates, values the size of its items, as many keys as its data holds (capped to what runs locally), and
 * its rate scaled to the share of the fleet under test. The notes say every assumption and every cap.
 */
export function deriveProfile(workload: Workload, optionsInput: DeriveOptionsInput): DerivedProfile {
  const options = DeriveOptionsSchema.parse(optionsInput);
  const notes: string[] = [];
  const reads = midOf(workload.readsPerSecond);
  const writes = midOf(workload.writesPerSecond);
  const total = reads + writes;
  if (total <= 0) return { ok: false, field: "workload.readsPerSecond", reason: "the workload has no reads or writes to benchmark" };

  const mix = { read: reads / total, write: writes / total };
  let rate = total * options.shareOfFleet;
  if (rate < 1) {
    return {
      ok: false,
      field: "shareOfFleet",
      reason: `scales ${fmt(total)} requests/s to ${fmt(rate)}/s, below the 1 request/s a run needs: raise the share`,
    };
  }
  if (rate > options.maxRatePerSecond) {
    notes.push(`rate capped at ${fmt(options.maxRatePerSecond)}/s (the share of the workload is ${fmt(rate)}/s)`);
    rate = options.maxRatePerSecond;
  }

  const clamp = (bytes: number) => Math.min(BENCH_LIMITS.maxValueBytes, Math.max(1, Math.round(bytes)));
  const readBytes = clamp(workload.readItemBytes);
  const writeBytes = clamp(workload.writeItemBytes);
  if (readBytes !== Math.round(workload.readItemBytes) || writeBytes !== Math.round(workload.writeItemBytes))
    notes.push(`item sizes capped at ${fmt(BENCH_LIMITS.maxValueBytes)} bytes`);
  let valueSize: ValueSize;
  // A share too small to show in the mix (a denormal read rate beside real writes) counts as none.
  if (readBytes === writeBytes || mix.read === 0 || mix.write === 0) {
    valueSize = { kind: "fixed", bytes: mix.write === 0 ? readBytes : writeBytes };
  } else {
    // Weighted by operations, so the bytes moved per request average what the workload moves.
    valueSize = {
      kind: "weighted",
      sizes: [
        { bytes: readBytes, weight: mix.read },
        { bytes: writeBytes, weight: mix.write },
      ],
    };
    notes.push(
      `values of ${fmt(readBytes)} and ${fmt(writeBytes)} bytes, weighted ${fmt(mix.read * 100)} / ${fmt(mix.write * 100)} % like the reads and writes`,
    );
  }
  const meanBytes = valueSize.kind === "fixed" ? valueSize.bytes : mix.read * readBytes + mix.write * writeBytes;

  const dataKeys = workload.itemCount ?? Math.round((midOf(workload.datasetGiB) * GiB) / meanBytes);
  let keys = Math.max(1, dataKeys);
  if (keys > options.maxKeys) {
    notes.push(`key space capped at ${fmt(options.maxKeys)} keys (the workload holds about ${fmt(dataKeys)})`);
    keys = options.maxKeys;
  }

  const connections = options.connections ?? Math.min(128, Math.max(2, Math.ceil(rate * 0.01)));
  if (options.connections === undefined) notes.push(`${connections} connections: enough for ${fmt(rate)}/s at 10 ms a request`);
  notes.push(`${options.distribution} key distribution (a workload does not say which keys are hot)`);

  const parsed = BenchProfileSchema.safeParse({
    name: `${workload.name} share ${fmt(options.shareOfFleet)}`.slice(0, 60),
    mix,
    keySpace: { count: keys, distribution: options.distribution },
    valueSize,
    rate,
    connections,
    durationS: options.durationS,
    warmupS: options.warmupS,
    prefill: options.prefill,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, field: issue?.path.join(".") ?? "profile", reason: issue?.message ?? "the derived profile does not validate" };
  }
  return { ok: true, profile: parsed.data, notes };
}
