// Cassandra: each region a data centre, each zone a rack holding one replica (RF 3 across three zones), data on
// the instances' local NVMe drives. Seeds are found through the discovery tag; a multi-region datastore is one
// cluster spanning its regions.
import type * as pulumi from "@pulumi/pulumi";
import { StoreCluster, type FamilyProfile, type StoreClusterArgs } from "./store-cluster";

export const CQL_PORT = 9042;
export const INTERNODE_PORT = 7000;
export const INTERNODE_TLS_PORT = 7001;
export const CASSANDRA_REPLICATION_FACTOR = 3;

export const CASSANDRA_PROFILE: FamilyProfile = {
  family: "cassandra",
  clientPorts: [CQL_PORT],
  peerPorts: [INTERNODE_PORT, INTERNODE_TLS_PORT],
  env: (cluster, args) => {
    // One replica per rack: a region with fewer zones than 3 cannot hold three replicas on distinct racks.
    const rf = Math.min(CASSANDRA_REPLICATION_FACTOR, cluster.zones);
    return {
      CASSANDRA_CLUSTER_NAME: args.datastore.name,
      CASSANDRA_DC: args.region,
      CASSANDRA_RACK: "zone",
      CASSANDRA_SNITCH: args.datastore.regions.length > 1 ? "Ec2MultiRegionSnitch" : "Ec2Snitch",
      CASSANDRA_REPLICATION: args.datastore.regions.map((r) => `${r}:${rf}`).join(","),
      CASSANDRA_SEEDS: `tag:discovery`,
      // Local NVMe: the instance-store drives are assembled into one RAID-0 data directory at boot.
      CASSANDRA_DATA_DIR: cluster.drive?.kind === "ebs" ? "/dev/xvdb" : "instance-store",
      CQL_PORT: String(CQL_PORT),
    };
  },
};

export type CassandraClusterArgs = StoreClusterArgs;

export class CassandraCluster extends StoreCluster {
  constructor(name: string, args: CassandraClusterArgs, opts?: pulumi.ComponentResourceOptions) {
    super("portal:datastore:CassandraCluster", name, {}, opts);
    this.provision(name, args, CASSANDRA_PROFILE);
    this.finish();
  }
}
