// Collapses a plan's clusters (one per role per region) into the rows a person reads: regions that run the
// same role on the same topology become one row, "4 per zone × 3 zones × 2 regions".
import type { Cluster, Plan } from "@/lib/schemas";

export interface ClusterGroup {
  key: string;
  role: string;
  family: Cluster["family"];
  instanceType: string;
  nodesPerZone: number;
  zones: number;
  regions: string[];
  nodes: number;
  annualCost: number;
  drive: Cluster["drive"];
}

export function groupClusters(clusters: readonly Cluster[]): ClusterGroup[] {
  const groups = new Map<string, ClusterGroup>();
  for (const c of clusters) {
    const key = [c.role, c.family, c.instanceType, c.nodesPerZone, c.zones, c.drive?.type ?? "", c.drive?.sizeGib ?? ""].join("|");
    const group = groups.get(key);
    if (group) {
      group.regions.push(c.region);
      group.nodes += c.nodes;
      group.annualCost += c.annualCost;
    } else {
      groups.set(key, {
        key,
        role: c.role,
        family: c.family,
        instanceType: c.instanceType,
        nodesPerZone: c.nodesPerZone,
        zones: c.zones,
        regions: [c.region],
        nodes: c.nodes,
        annualCost: c.annualCost,
        drive: c.drive,
      });
    }
  }
  return [...groups.values()];
}

export function topologyText(g: ClusterGroup): string {
  const regions = g.regions.length === 1 ? "1 region" : `${g.regions.length} regions`;
  return `${g.nodesPerZone} per zone × ${g.zones} zones × ${regions}`;
}

export function totalNodes(plan: Plan): number {
  return plan.clusters.reduce((n, c) => n + c.nodes, 0);
}

/** The instance type a plan is known by: its primary (first) cluster's. */
export function primaryInstance(plan: Plan): string {
  return plan.clusters[0]?.instanceType ?? "—";
}
