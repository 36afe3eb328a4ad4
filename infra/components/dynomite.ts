// Dynomite: Redis behind a Dynomite proxy on every node; each zone (rack) a full replica of the ring, each
// region a data centre. Queues (delay, priority) are Redis structures sharded by the ring.
import type * as pulumi from "@pulumi/pulumi";
import { StoreCluster, type FamilyProfile, type StoreClusterArgs } from "./store-cluster";

export const DYNOMITE_CLIENT_PORT = 8102;
export const DYNOMITE_PEER_PORT = 8101;
export const REDIS_PORT = 22122;

export const DYNOMITE_PROFILE: FamilyProfile = {
  family: "dynomite",
  clientPorts: [DYNOMITE_CLIENT_PORT],
  // Peers replicate to the other racks over the Dynomite port; Redis serves its proxy (and the node agent) only.
  peerPorts: [DYNOMITE_PEER_PORT, REDIS_PORT],
  env: (_cluster, args) => ({
    DYNOMITE_CLUSTER: args.datastore.name,
    DYNOMITE_DATACENTER: args.region,
    DYNOMITE_RACK: "zone",
    DYNOMITE_REPLICATION: "every-rack",
    DYNOMITE_SEEDS: "tag:discovery",
    DYNOMITE_CLIENT_PORT: String(DYNOMITE_CLIENT_PORT),
    DYNOMITE_PEER_PORT: String(DYNOMITE_PEER_PORT),
    REDIS_PORT: String(REDIS_PORT),
  }),
};

export type DynomiteClusterArgs = StoreClusterArgs;

export class DynomiteCluster extends StoreCluster {
  constructor(name: string, args: DynomiteClusterArgs, opts?: pulumi.ComponentResourceOptions) {
    super("portal:datastore:DynomiteCluster", name, {}, opts);
    this.provision(name, args, DYNOMITE_PROFILE);
    this.finish();
  }
}
