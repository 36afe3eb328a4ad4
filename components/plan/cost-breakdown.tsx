// Where the money goes, as one stacked bar and a legend with amounts; and, when one line other than the instances
// takes most of the money, a callout saying so and what would change it.
import type { CostBreakdown } from "@/lib/schemas";
import { formatUsd } from "@/components/ui/format";

const PARTS = [
  { key: "compute", label: "Compute" },
  { key: "drives", label: "Drives" },
  { key: "networkTransfer", label: "Network transfer" },
  { key: "backup", label: "Backup" },
] as const satisfies readonly { key: keyof CostBreakdown; label: string }[];

export function CostBreakdownBar({ breakdown }: { breakdown: CostBreakdown }) {
  const total = PARTS.reduce((s, p) => s + breakdown[p.key], 0);
  return (
    <div className="breakdown">
      <div className="breakdown-bar" aria-hidden="true">
        {PARTS.map((p) =>
          breakdown[p.key] > 0 && total > 0 ? (
            <span key={p.key} className={`breakdown-seg breakdown-seg--${p.key}`} style={{ width: `${(breakdown[p.key] / total) * 100}%` }} />
          ) : null,
        )}
      </div>
      <dl className="breakdown-legend">
        {PARTS.map((p) => (
          <div key={p.key}>
            <dt>
              <span className={`swatch breakdown-seg--${p.key}`} aria-hidden="true" />
              {p.label}
            </dt>
            <dd>{formatUsd(breakdown[p.key])}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

/** What moves each line other than compute, in words a team can act on. */
const LEVERS = {
  networkTransfer: (regions: number) =>
    `${regions > 1 ? `fewer regions (${regions} now) or no cross-region replication, ` : ""}fewer or smaller writes — transfer is priced per GiB of writes copied to the other zones${regions > 1 ? " and regions" : ""}.`,
  backup: () => "a shorter backup retention (Advanced), a better compression ratio, or rebuildable durability if the data can be rebuilt from its source.",
  drives: () => "local NVMe instead of attached (EBS) storage, or less data at the planning horizon.",
} as const;

/** Share of the total at which a line is called out. */
const DOMINANT = 0.5;

export function CostCallout({ breakdown, regions }: { breakdown: CostBreakdown; regions: number }) {
  const total = PARTS.reduce((s, p) => s + breakdown[p.key], 0);
  const top = PARTS.filter((p) => p.key !== "compute").find((p) => total > 0 && breakdown[p.key] / total >= DOMINANT);
  if (!top) return null;
  const share = Math.round((breakdown[top.key] / total) * 100);
  return (
    <div className="callout callout--info cost-callout" role="note" data-testid="cost-callout">
      <strong>
        {top.label} is {share}% of the annual cost
      </strong>{" "}
      ({formatUsd(breakdown[top.key])} of {formatUsd(total)}); the instances are {formatUsd(breakdown.compute)}. What would change it:{" "}
      {LEVERS[top.key](regions)}
    </div>
  );
}
