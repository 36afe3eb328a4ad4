// The auto scaling groups a provisioned datastore owns, read from its stack outputs (groupNamesByRole: one group per
// zone, in zone order) and its topology (instance type, nodes per zone, family): what the refresh asks the cloud
// about and what the simulated cloud materialises. Zones come from the organisation's subnets (the program uses the
// first N zones in name order, infra/components/store-cluster.ts zonesFor), else from the group's name.
import "server-only";
import { z } from "zod";
import { MODELS } from "@/lib/planner";
import { TopologyClusterSchema } from "@/lib/schemas/datastore";
import { DatastoreOutputsSchema } from "@/lib/schemas/operation";
import type { OrgSettings } from "@/lib/schemas/org-settings";
import type { Family } from "@/lib/schemas/plan";

export interface DatastoreGroup {
  datastoreId: string;
  region: string;
  groupName: string;
  role: string;
  zone: string;
  /** The zone's position in the role's groups (0-based). */
  zoneIndex: number;
  family: Family;
  instanceType: string;
  nodesPerZone: number;
  /** The datastore's engine version for its own family's clusters; a companion's (a cache) runs its model's. */
  engineVersion: string;
}

export interface GroupSource {
  id: string;
  family: string;
  engineVersion: string;
  topology: unknown;
  outputs: unknown;
}

/** The organisation's settings of one region (regions are keyed by known region codes; outputs carry plain strings). */
export function regionSettingsOf(org: OrgSettings | null, region: string): OrgSettings["regions"][keyof OrgSettings["regions"]] | undefined {
  return (org?.regions as Record<string, OrgSettings["regions"][keyof OrgSettings["regions"]]> | undefined)?.[region];
}

const StoredTopologySchema = z.array(z.object(TopologyClusterSchema.shape));

/** The zone a group serves: the org's sorted subnets zones, else the last `<region><letter>` in its name. */
function zoneOf(groupName: string, region: string, index: number, org: OrgSettings | null): string {
  const zones = Object.keys(regionSettingsOf(org, region)?.subnets ?? {}).sort();
  const fromSettings = zones[index];
  if (fromSettings) return fromSettings;
  const matches = groupName.match(new RegExp(`${region.replace(/[-]/g, "\\-")}[a-z]`, "g"));
  return matches?.at(-1) ?? `${region}${String.fromCharCode(97 + (index % 26))}`;
}

/** Every group of the datastore, or none when it has no outputs (never provisioned) or its topology has no cluster for a role. */
export function datastoreGroups(row: GroupSource, org: OrgSettings | null): DatastoreGroup[] {
  if (row.outputs === null || row.outputs === undefined) return [];
  const outputs = DatastoreOutputsSchema.safeParse(row.outputs);
  const topology = StoredTopologySchema.safeParse(row.topology);
  if (!outputs.success || !topology.success) return [];
  const groups: DatastoreGroup[] = [];
  for (const [region, out] of Object.entries(outputs.data.regions)) {
    for (const [role, names] of Object.entries(out.groupNamesByRole)) {
      const cluster = topology.data.find((c) => c.region === region && c.role === role);
      if (!cluster) continue;
      const engineVersion = cluster.family === row.family ? row.engineVersion : MODELS[cluster.family].engine.version;
      names.forEach((groupName, zoneIndex) => {
        groups.push({
          datastoreId: row.id,
          region,
          groupName,
          role,
          zone: zoneOf(groupName, region, zoneIndex, org),
          zoneIndex,
          family: cluster.family,
          instanceType: cluster.instanceType,
          nodesPerZone: cluster.nodesPerZone,
          engineVersion,
        });
      });
    }
  }
  return groups;
}
