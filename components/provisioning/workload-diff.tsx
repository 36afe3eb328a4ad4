// A workload change field by field: only what differs, each value written the way the workload summary writes it
// ("100,000 /s", "4.9 TiB", "read-your-writes"), before → after. The reviewer of a day-2 change reads it beside the
// topology and cost diff; the owner sees the same lines in the change form before asking.
import { isRange, type Quantity, type Workload } from "@/lib/schemas";
import { formatGib, formatInteger } from "@/components/ui/format";

const TIERS = ["0 · critical", "1 · important", "2 · supporting", "3 · test"] as const;

function quantity(q: Quantity | undefined, unit: string, size = false): string {
  if (q === undefined) return "—";
  const one = (n: number) => (size ? formatGib(n) : `${formatInteger(n)}${unit}`);
  return isRange(q) ? `${one(q.low)} – ${one(q.mid)} – ${one(q.high)}` : one(q);
}
const plain = (n: number | undefined, unit = "") => (n === undefined ? "default" : `${formatInteger(n)}${unit}`);
const list = (xs: readonly string[] | undefined) => (xs && xs.length > 0 ? xs.join(", ") : "none");

/** Each field a workload has, with how to write it; advanced overrides one line each. */
const FIELDS: readonly { field: string; label: string; show: (w: Workload) => string }[] = [
  { field: "name", label: "Name", show: (w) => w.name },
  { field: "tier", label: "Tier", show: (w) => TIERS[w.tier] },
  { field: "accessPattern", label: "Access pattern", show: (w) => w.accessPattern },
  { field: "readsPerSecond", label: "Reads per second", show: (w) => quantity(w.readsPerSecond, " /s") },
  { field: "writesPerSecond", label: "Writes per second", show: (w) => quantity(w.writesPerSecond, " /s") },
  { field: "readItemBytes", label: "Read item size", show: (w) => plain(w.readItemBytes, " B") },
  { field: "writeItemBytes", label: "Write item size", show: (w) => plain(w.writeItemBytes, " B") },
  { field: "datasetGiB", label: "Dataset size", show: (w) => quantity(w.datasetGiB, "", true) },
  { field: "itemCount", label: "Item count", show: (w) => plain(w.itemCount) },
  { field: "growthGiBPerMonth", label: "Growth", show: (w) => (w.growthGiBPerMonth === undefined ? "none" : `${formatGib(w.growthGiBPerMonth)} / month`) },
  { field: "horizonMonths", label: "Planning horizon", show: (w) => `${w.horizonMonths} months` },
  { field: "readLatencyP99Ms", label: "Read latency p99", show: (w) => plain(w.readLatencyP99Ms, " ms") },
  { field: "writeLatencyP99Ms", label: "Write latency p99", show: (w) => plain(w.writeLatencyP99Ms, " ms") },
  { field: "consistency", label: "Consistency", show: (w) => w.consistency },
  { field: "durability", label: "Durability", show: (w) => w.durability },
  { field: "regions", label: "Regions", show: (w) => list(w.regions) },
  { field: "crossRegionReplication", label: "Cross-region replication", show: (w) => (w.crossRegionReplication ? "yes" : "no") },
  { field: "features", label: "Features", show: (w) => list(w.features) },
  { field: "traversalDepth", label: "Traversal depth", show: (w) => plain(w.traversalDepth, " hops") },
  { field: "fanout", label: "Fan-out per hop", show: (w) => plain(w.fanout) },
  { field: "advanced.readCpuMs", label: "CPU per read", show: (w) => plain(w.advanced?.readCpuMs, " ms") },
  { field: "advanced.writeCpuMs", label: "CPU per write", show: (w) => plain(w.advanced?.writeCpuMs, " ms") },
  {
    field: "advanced.compressionRatio",
    label: "Compression ratio",
    show: (w) => (w.advanced?.compressionRatio === undefined ? "default" : `${w.advanced.compressionRatio}×`),
  },
  { field: "advanced.storage", label: "Storage", show: (w) => w.advanced?.storage ?? "default" },
  {
    field: "advanced.instanceFamilies",
    label: "Instance families",
    show: (w) => (w.advanced?.instanceFamilies ? w.advanced.instanceFamilies.join(", ") : "any"),
  },
];

export interface WorkloadFieldChange {
  field: string;
  label: string;
  before: string;
  after: string;
}

/** The fields whose written value differs between two workloads, in the form's order. */
export function workloadChanges(before: Workload, after: Workload): WorkloadFieldChange[] {
  return FIELDS.flatMap(({ field, label, show }) => {
    const b = show(before);
    const a = show(after);
    return a === b ? [] : [{ field, label, before: b, after: a }];
  });
}

export function WorkloadDiff({ before, after, testId = "change-workload-diff" }: { before: Workload; after: Workload; testId?: string }) {
  const changes = workloadChanges(before, after);
  if (changes.length === 0)
    return (
      <p className="muted small" data-testid={testId}>
        The workload is unchanged.
      </p>
    );
  return (
    <table className="table shape-table" data-testid={testId}>
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">Before</th>
          <th scope="col">After</th>
        </tr>
      </thead>
      <tbody>
        {changes.map((c) => (
          <tr key={c.field} data-field={c.field} className="changed-row">
            <th scope="row">{c.label}</th>
            <td>{c.before}</td>
            <td>{c.after}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
