// Where a run's load went, everywhere a run is shown: a synthetic run (the simulation's model; no load was sent) is
// labelled so that nobody reads its figures as measurements.
import type { BenchRun } from "@/lib/schemas/bench-run";

const TARGET_TEXT = {
  endpoint: "the cluster's endpoint",
  "local-server": "a local server",
  synthetic: "synthetic",
} as const satisfies Record<BenchRun["target"], string>;

export function BenchTargetBadge({ target, driver }: { target: BenchRun["target"]; driver: BenchRun["driver"] }) {
  if (target === "synthetic")
    return (
      <span className="status status--warn" data-testid="bench-synthetic" title="The simulation's model of the plan and the profile: no load was sent">
        synthetic
      </span>
    );
  return (
    <span className="bench-target" data-testid="bench-target">
      {driver} · {TARGET_TEXT[target]}
    </span>
  );
}
