// How hard a plan works what it buys: per resource, the share of what the planned nodes of one zone provide that the
// requirements use. The requirements already include the headroom (CPU for compaction and merges, disk buffers,
// SLO working sets), so the resource that set the size reads near 100% in a healthy plan — the legend says so, and
// names what set the node count (a resource, or a floor such as the tier's minimum).
import type { Resource, Utilisation } from "@/lib/schemas";
import { formatPercent } from "@/components/ui/format";

const LABELS = { cpu: "CPU", memory: "Memory", disk: "Disk", iops: "Disk IOPS", network: "Network" } as const satisfies Record<keyof Utilisation, string>;
const ORDER = ["cpu", "memory", "disk", "iops", "network"] as const satisfies readonly (keyof Utilisation)[];

export function UtilisationBars({ utilisation, bottleneck, driver }: { utilisation: Utilisation; bottleneck: Resource; driver: string }) {
  const rows = ORDER.filter((r) => r !== "iops" || utilisation.iops !== undefined);
  const resourceSet = bottleneck !== "minimum";
  return (
    <figure className="util" data-testid="utilisation-bars">
      <figcaption className="util-caption">% of planned capacity (headroom included)</figcaption>
      <dl className="util-bars">
        {rows.map((r) => {
          const share = utilisation[r] ?? 0;
          const marked = r === bottleneck;
          return (
            <div key={r} className={`util-row${marked ? " util-row--bottleneck" : ""}`}>
              <dt>
                {LABELS[r]}
                {marked ? <span className="visually-hidden"> (set the node count)</span> : null}
              </dt>
              <dd>
                <span className="util-track" aria-hidden="true">
                  <span className={`util-fill res-${r}`} style={{ width: `${Math.min(100, share * 100)}%` }} />
                </span>
                <span className="util-value" data-testid={`util-value-${r}`}>
                  {formatPercent(share)}
                </span>
              </dd>
            </div>
          );
        })}
      </dl>
      <p className="util-legend" data-testid="utilisation-legend">
        {resourceSet ? (
          <>
            <span aria-hidden="true">◆ </span>
            {driver} set the node count. Near 100% is the plan working as intended: the headroom is already inside the requirement.
          </>
        ) : (
          <>No resource set the node count: {driver} did, so every resource has room to spare.</>
        )}
      </p>
    </figure>
  );
}
