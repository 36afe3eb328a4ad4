// Why a day-2 change needs a reviewer: it costs more, or the topology grows (a region, a role, more nodes or zones,
// a larger instance type). A change that only shrinks or stays the same applies without one.
import "server-only";
import { shapes } from "@/lib/catalog";
import type { DatastoreShape } from "@/lib/schemas/change";
import type { TopologyCluster } from "@/lib/schemas/datastore";

const dollars = (n: number) => `$${Math.round(n).toLocaleString("en-US")}`;
const key = (c: Pick<TopologyCluster, "region" | "role">) => `${c.region}\u0000${c.role}`;

function describeShape(instanceType: string): string {
  const s = shapes.instances[instanceType];
  return s ? `${instanceType} (${s.vcpu} vCPU, ${s.ramGib} GiB)` : instanceType;
}

/** True when `after` has more vCPU or more RAM than `before`; an instance type the catalog does not know counts as larger. */
function isLarger(before: string, after: string): boolean {
  if (before === after) return false;
  const b = shapes.instances[before];
  const a = shapes.instances[after];
  if (!a || !b) return true;
  return a.vcpu > b.vcpu || a.ramGib > b.ramGib;
}

export function approvalReasons(before: DatastoreShape, after: DatastoreShape): string[] {
  const reasons: string[] = [];
  // Cents of rounding are not growth.
  if (after.annualCost > before.annualCost + 0.005) reasons.push(`the annual cost grows from ${dollars(before.annualCost)} to ${dollars(after.annualCost)}`);
  for (const region of after.regions) if (!before.regions.includes(region)) reasons.push(`region ${region} is added`);

  const old = new Map(before.topology.map((c) => [key(c), c]));
  const oldRoles = new Set(before.topology.map((c) => c.role));
  for (const c of after.topology) {
    const was = old.get(key(c));
    if (!was) {
      // A new region's clusters are covered by "region … is added"; a role new to an existing region is not.
      if (before.regions.includes(c.region))
        reasons.push(oldRoles.has(c.role) ? `role ${c.role} is added in ${c.region}` : `role ${c.role} is added (in ${c.region})`);
      continue;
    }
    const where = `${c.role} in ${c.region}`;
    if (c.nodesPerZone > was.nodesPerZone) reasons.push(`${where} grows from ${was.nodesPerZone} to ${c.nodesPerZone} nodes per zone`);
    if (c.zones > was.zones) reasons.push(`${where} spreads over ${c.zones} zones instead of ${was.zones}`);
    if (isLarger(was.instanceType, c.instanceType))
      reasons.push(`${where} moves to a larger instance type: ${describeShape(was.instanceType)} → ${describeShape(c.instanceType)}`);
  }
  return reasons;
}
