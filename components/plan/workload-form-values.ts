// The form's own shape, and its one-way mapping onto the shared workload contract.
// Inputs hold strings (what the DOM gives) so an empty optional box can become `undefined` instead of 0 or
// NaN; WorkloadSchema stays the only place that decides what is valid.
import { isRange, type AccessPattern, type Consistency, type Durability, type Feature, type Quantity, type WorkloadInput } from "@/lib/schemas";
import { parseNumberText, type NumberKind } from "@/components/ui/number-text";

export const QUANTITY_FIELDS = ["readsPerSecond", "writesPerSecond", "datasetGiB"] as const;
export type QuantityFieldName = (typeof QUANTITY_FIELDS)[number];

export const SIZE_UNITS = ["GiB", "TiB"] as const;
export type SizeUnit = (typeof SIZE_UNITS)[number];
const GIB_PER: Record<SizeUnit, number> = { GiB: 1, TiB: 1024 };

export interface QuantityFormValue {
  mode: "point" | "range";
  value: string;
  low: string;
  mid: string;
  high: string;
  /** Sizes only (the dataset): the unit the numbers are typed in; the workload is always in GiB. */
  unit: SizeUnit;
}

/** Every number box of the form and how it is read ("2k" for counts, "2 TiB" for sizes). Quantities name their parts. */
export const NUMBER_FIELDS: readonly { name: string; kind: NumberKind }[] = [
  ...(["readsPerSecond", "writesPerSecond"] as const).flatMap((q) =>
    (["value", "low", "mid", "high"] as const).map((part) => ({ name: `${q}.${part}`, kind: "count" as const })),
  ),
  ...(["value", "low", "mid", "high"] as const).map((part) => ({ name: `datasetGiB.${part}`, kind: "size" as const })),
  ...[
    "readItemBytes",
    "writeItemBytes",
    "itemCount",
    "horizonMonths",
    "readLatencyP99Ms",
    "writeLatencyP99Ms",
    "traversalDepth",
    "fanout",
    "advanced.readCpuMs",
    "advanced.writeCpuMs",
    "advanced.compressionRatio",
  ].map((name) => ({ name, kind: "count" as const })),
  { name: "growthGiBPerMonth", kind: "size" },
];

export type StorageChoice = "" | "local" | "attached" | "any";

export interface WorkloadFormValues {
  name: string;
  tier: "0" | "1" | "2" | "3";
  accessPattern: AccessPattern;
  readsPerSecond: QuantityFormValue;
  writesPerSecond: QuantityFormValue;
  datasetGiB: QuantityFormValue;
  readItemBytes: string;
  writeItemBytes: string;
  itemCount: string;
  growthGiBPerMonth: string;
  horizonMonths: string;
  readLatencyP99Ms: string;
  writeLatencyP99Ms: string;
  consistency: Consistency;
  durability: Durability;
  /** Comma- or space-separated AWS region codes. */
  regions: string;
  crossRegionReplication: boolean;
  features: Feature[];
  traversalDepth: string;
  fanout: string;
  advanced: {
    readCpuMs: string;
    writeCpuMs: string;
    compressionRatio: string;
    storage: StorageChoice;
    /** Comma- or space-separated instance families. */
    instanceFamilies: string;
  };
}

/**
 * "" → undefined (the field was left out); anything else → a number as people write it ("2,000", "2k", "2 TiB"), NaN
 * when it is not one (the resolver reports why, in the field).
 */
export function numberOrUndefined(text: string | undefined, kind: NumberKind = "count"): number | undefined {
  const parsed = parseNumberText(text, kind);
  return parsed.ok ? parsed.value : Number.NaN;
}

export function listOf(text: string | undefined): string[] {
  return (text ?? "")
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

function quantityOf(q: QuantityFormValue, kind: NumberKind = "count"): Quantity | undefined {
  const scale = kind === "size" ? GIB_PER[q.unit] : 1;
  const read = (text: string) => {
    const n = numberOrUndefined(text, kind);
    return n === undefined ? undefined : n * scale;
  };
  if (q.mode === "point") return read(q.value);
  const low = read(q.low);
  const mid = read(q.mid);
  const high = read(q.high);
  // Left as given (possibly undefined): the schema names the missing part of the range.
  return { low, mid, high } as Quantity;
}

/**
 * Form values → the workload a client would send. Graph-only fields are dropped for other access patterns:
 * they stay in the form (so switching back restores them) but are not part of this workload.
 */
export function toWorkloadInput(v: WorkloadFormValues): WorkloadInput {
  const isGraph = v.accessPattern === "graph";
  const advanced = {
    readCpuMs: numberOrUndefined(v.advanced.readCpuMs),
    writeCpuMs: numberOrUndefined(v.advanced.writeCpuMs),
    compressionRatio: numberOrUndefined(v.advanced.compressionRatio),
    storage: v.advanced.storage === "" ? undefined : v.advanced.storage,
    instanceFamilies: listOf(v.advanced.instanceFamilies).length > 0 ? listOf(v.advanced.instanceFamilies) : undefined,
  };
  const hasAdvanced = Object.values(advanced).some((x) => x !== undefined);
  return dropUndefined({
    name: v.name.trim(),
    tier: Number(v.tier) as WorkloadInput["tier"],
    accessPattern: v.accessPattern,
    readsPerSecond: quantityOf(v.readsPerSecond),
    writesPerSecond: quantityOf(v.writesPerSecond),
    readItemBytes: numberOrUndefined(v.readItemBytes),
    writeItemBytes: numberOrUndefined(v.writeItemBytes),
    datasetGiB: quantityOf(v.datasetGiB, "size"),
    itemCount: numberOrUndefined(v.itemCount),
    growthGiBPerMonth: numberOrUndefined(v.growthGiBPerMonth, "size"),
    horizonMonths: numberOrUndefined(v.horizonMonths),
    readLatencyP99Ms: numberOrUndefined(v.readLatencyP99Ms),
    writeLatencyP99Ms: numberOrUndefined(v.writeLatencyP99Ms),
    consistency: v.consistency,
    durability: v.durability,
    regions: listOf(v.regions),
    crossRegionReplication: v.crossRegionReplication,
    features: v.features.length > 0 ? v.features : undefined,
    traversalDepth: isGraph ? numberOrUndefined(v.traversalDepth) : undefined,
    fanout: isGraph ? numberOrUndefined(v.fanout) : undefined,
    advanced: hasAdvanced ? dropUndefined(advanced) : undefined,
  }) as WorkloadInput;
}

// Optional keys are omitted rather than set to undefined, so the result reads like a request body.
function dropUndefined<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, x]) => x !== undefined)) as T;
}

const text = (n: number | undefined): string => (n === undefined ? "" : String(n));

function quantityFormValue(q: Quantity): QuantityFormValue {
  return isRange(q)
    ? { mode: "range", value: String(q.mid), low: String(q.low), mid: String(q.mid), high: String(q.high), unit: "GiB" }
    : { mode: "point", value: String(q), low: String(q), mid: String(q), high: String(q), unit: "GiB" };
}

/** A workload (e.g. a preset) → form values; the inverse of toWorkloadInput for valid workloads. */
export function toFormValues(w: WorkloadInput): WorkloadFormValues {
  return {
    name: w.name,
    tier: String(w.tier) as WorkloadFormValues["tier"],
    accessPattern: w.accessPattern,
    readsPerSecond: quantityFormValue(w.readsPerSecond),
    writesPerSecond: quantityFormValue(w.writesPerSecond),
    datasetGiB: quantityFormValue(w.datasetGiB),
    readItemBytes: text(w.readItemBytes),
    writeItemBytes: text(w.writeItemBytes),
    itemCount: text(w.itemCount),
    growthGiBPerMonth: text(w.growthGiBPerMonth),
    horizonMonths: text(w.horizonMonths),
    readLatencyP99Ms: text(w.readLatencyP99Ms),
    writeLatencyP99Ms: text(w.writeLatencyP99Ms),
    consistency: w.consistency,
    durability: w.durability,
    regions: w.regions.join(", "),
    crossRegionReplication: w.crossRegionReplication ?? false,
    features: [...(w.features ?? [])],
    traversalDepth: text(w.traversalDepth),
    fanout: text(w.fanout),
    advanced: {
      readCpuMs: text(w.advanced?.readCpuMs),
      writeCpuMs: text(w.advanced?.writeCpuMs),
      compressionRatio: text(w.advanced?.compressionRatio),
      storage: w.advanced?.storage ?? "",
      instanceFamilies: (w.advanced?.instanceFamilies ?? []).join(", "),
    },
  };
}
