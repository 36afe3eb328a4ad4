// Horizontal bars for the share of each resource a zone uses; the bottleneck is the one that set the size.
// Colours name the resource (as in the comparison chart), not good/bad: a bottleneck near 100% is the plan
// working as intended, since headroom is already inside the requirements.
import type { Resource, Utilisation } from "@/lib/schemas";
import { formatPercent } from "./format";

const LABELS = { cpu: "CPU", memory: "Memory", disk: "Disk", network: "Network" } as const satisfies Record<Exclude<keyof Utilisation, "iops">, string>;
const ORDER = ["cpu", "memory", "disk", "network"] as const satisfies readonly (keyof Utilisation)[];

export function UtilisationBars({ utilisation, bottleneck }: { utilisation: Utilisation; bottleneck: Resource }) {
  return (
    <dl className="util-bars">
      {ORDER.map((r) => {
        const share = utilisation[r];
        return (
          <div key={r} className={`util-row${r === bottleneck ? " util-row--bottleneck" : ""}`}>
            <dt>
              {LABELS[r]}
              {r === bottleneck ? <span className="visually-hidden"> (bottleneck)</span> : null}
            </dt>
            <dd>
              <span className="util-track" aria-hidden="true">
                <span className={`util-fill res-${r}`} style={{ width: `${Math.min(100, share * 100)}%` }} />
              </span>
              <span className="util-value">{formatPercent(share)}</span>
            </dd>
          </div>
        );
      })}
    </dl>
  );
}
