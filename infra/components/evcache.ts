// EVCache: memcached, every zone a full copy. Clients write to every zone and read their own zone first, so a
// zone is a replica set; inside a zone keys are spread by consistent hashing over the zone's nodes.
import type * as pulumi from "@pulumi/pulumi";
import { StoreCluster, type FamilyProfile, type StoreClusterArgs } from "./store-cluster";

export const MEMCACHED_PORT = 11211;

export const EVCACHE_PROFILE: FamilyProfile = {
  family: "evcache",
  clientPorts: [MEMCACHED_PORT],
  // Replica sets never talk to each other: clients do the replication.
  peerPorts: [],
  env: (cluster, args) => ({
    EVCACHE_APP: args.datastore.name,
    EVCACHE_REPLICA_SET: "zone",
    MEMCACHED_PORT: String(MEMCACHED_PORT),
    // Item memory as a share of RAM, the rest left to the OS and connections.
    MEMCACHED_MEMORY_FRACTION: "0.8",
    CACHE_ROLE: cluster.role,
  }),
};

export type EvcacheClusterArgs = StoreClusterArgs;

export class EvcacheCluster extends StoreCluster {
  constructor(name: string, args: EvcacheClusterArgs, opts?: pulumi.ComponentResourceOptions) {
    super("portal:datastore:EvcacheCluster", name, {}, opts);
    this.provision(name, args, EVCACHE_PROFILE);
    this.finish();
  }
}
