// A drift check's answer: "no drift" when every resource matches what Pulumi recorded, else what changed outside
// the portal, grouped like any diff.
import type { ResourceChange } from "@/lib/schemas/operation";
import { ResourceDiff } from "./resource-diff";

export function DriftResult({ diff }: { diff: readonly ResourceChange[] }) {
  const drifted = diff.filter((c) => c.op !== "same");
  if (drifted.length === 0) {
    return (
      <div className="callout callout--info" role="status" data-testid="drift-result" data-drift="none">
        <strong>No drift.</strong> All {diff.length} resources match what the portal provisioned.
      </div>
    );
  }
  return (
    <div className="stack" data-testid="drift-result" data-drift="found">
      <div className="callout callout--warning" role="status">
        <strong>Drift found:</strong> {drifted.length} resource{drifted.length === 1 ? " was" : "s were"} changed outside the portal. Applying a change or
        re-provisioning puts them back as planned.
      </div>
      <ResourceDiff diff={diff} label="Drift" />
    </div>
  );
}
