// Provisioned datastores for inventory tests: a catalog datastore (test/support/datastores.ts) with the stack outputs
// an up writes — one auto scaling group per role and zone, named as the program names them.
import { db } from "@/lib/server/db/client";
import type { DatastoreOutputsDto } from "@/lib/schemas/operation";
import type { TopologyCluster } from "@/lib/schemas/datastore";
import { makeDatastore, type MakeDatastoreOptions } from "./datastores";

/** The outputs the program gives `topology`: groups `<name>-<region>-<role>-<zone>`, zones a, b, c … in order. */
export function outputsFor(datastoreId: string, name: string, topology: readonly TopologyCluster[]): DatastoreOutputsDto {
  const regions: DatastoreOutputsDto["regions"] = {};
  for (const c of topology) {
    const out = (regions[c.region] ??= { groupNames: [], groupNamesByRole: {}, securityGroupIds: [], endpoints: {}, alarmNames: [] });
    const names = Array.from({ length: c.zones }, (_, i) => `${name}-${c.region}-${c.role}-${c.region}${String.fromCharCode(97 + i)}`);
    out.groupNamesByRole[c.role] = names;
    out.groupNames.push(...names);
  }
  return { datastoreId, regions };
}

/** An active datastore with outputs (as after a successful up). */
export async function makeProvisionedDatastore(opts: MakeDatastoreOptions) {
  const ds = await makeDatastore({ status: "active", ...opts });
  const topology = ds.topology as TopologyCluster[];
  const outputs = outputsFor(ds.id, ds.name, topology);
  return db().datastore.update({ where: { id: ds.id }, data: { outputs }, include: { thresholds: true } });
}
