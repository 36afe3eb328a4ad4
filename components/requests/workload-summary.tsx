// A workload at a glance: what a reviewer reads before the plan. Ranges show as low–mid–high.
import { isRange, type Quantity, type Workload } from "@/lib/schemas";
import { formatInteger } from "@/components/ui/format";

const TIERS = ["0 · critical", "1 · important", "2 · supporting", "3 · test"] as const;

function quantity(q: Quantity, unit: string): string {
  if (isRange(q)) return `${formatInteger(q.low)}–${formatInteger(q.mid)}–${formatInteger(q.high)}${unit}`;
  return `${formatInteger(q)}${unit}`;
}

export function WorkloadSummary({ workload }: { workload: Workload }) {
  const w = workload;
  return (
    <section className="card" aria-labelledby="workload-title" data-testid="workload-summary">
      <div className="card-head">
        <h2 id="workload-title">Workload</h2>
        <p className="muted">
          <code>{w.name}</code> · rates per region
        </p>
      </div>
      <dl className="meta">
        <dt>Tier</dt>
        <dd>{TIERS[w.tier]}</dd>
        <dt>Access pattern</dt>
        <dd>{w.accessPattern}</dd>
        <dt>Reads</dt>
        <dd>{quantity(w.readsPerSecond, " /s")}</dd>
        <dt>Writes</dt>
        <dd>{quantity(w.writesPerSecond, " /s")}</dd>
        <dt>Item sizes</dt>
        <dd>
          {w.readItemBytes !== undefined ? `${formatInteger(w.readItemBytes)} B read` : "default read"} ·{" "}
          {w.writeItemBytes !== undefined ? `${formatInteger(w.writeItemBytes)} B write` : "default write"}
        </dd>
        <dt>Dataset</dt>
        <dd>
          {quantity(w.datasetGiB, " GiB")}
          {w.growthGiBPerMonth ? ` + ${formatInteger(w.growthGiBPerMonth)} GiB/month` : ""}
          {w.horizonMonths ? ` over ${w.horizonMonths} months` : ""}
        </dd>
        <dt>Latency p99</dt>
        <dd>
          {w.readLatencyP99Ms !== undefined ? `${w.readLatencyP99Ms} ms read` : "model default read"} ·{" "}
          {w.writeLatencyP99Ms !== undefined ? `${w.writeLatencyP99Ms} ms write` : "model default write"}
        </dd>
        <dt>Consistency</dt>
        <dd>
          {w.consistency} · {w.durability}
        </dd>
        <dt>Regions</dt>
        <dd>
          {w.regions.join(", ")}
          {w.crossRegionReplication ? " · cross-region replication" : ""}
        </dd>
        {w.features && w.features.length > 0 ? (
          <>
            <dt>Features</dt>
            <dd>{w.features.join(", ")}</dd>
          </>
        ) : null}
      </dl>
    </section>
  );
}
