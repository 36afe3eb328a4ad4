// Where the money goes, as one stacked bar and a legend with amounts.
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
