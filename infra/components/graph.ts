// Graph: stateless JanusGraph servers (Gremlin on 8182) over a Cassandra storage cluster, with an Elasticsearch
// index for mixed (full-text, range) indexes when the graph is searchable. Storage and index are child
// components of the graph, reachable from the servers' security group.
import type * as pulumi from "@pulumi/pulumi";
import { CassandraCluster } from "./cassandra";
import { ElasticsearchCluster } from "./elasticsearch";
import { discoveryName, StoreCluster, type FamilyProfile, type StoreClusterArgs } from "./store-cluster";

export const GREMLIN_PORT = 8182;

export type GraphClusterArgs = StoreClusterArgs;

export class GraphCluster extends StoreCluster {
  constructor(name: string, args: GraphClusterArgs, opts?: pulumi.ComponentResourceOptions) {
    super("portal:datastore:GraphCluster", name, {}, opts);
    const servers = args.clusters.filter((c) => c.family === "graph");
    const storage = args.clusters.filter((c) => c.family === "cassandra");
    const index = args.clusters.filter((c) => c.family === "elasticsearch");
    const unknown = args.clusters.filter((c) => !["graph", "cassandra", "elasticsearch"].includes(c.family));
    if (servers.length === 0 || storage.length === 0 || unknown.length > 0) {
      throw new Error(
        `a graph in ${args.region} needs graph servers and a cassandra storage cluster (got ${args.clusters.map((c) => `${c.role}:${c.family}`).join(", ")})`,
      );
    }
    const { datastore, region } = args;
    const profile: FamilyProfile = {
      family: "graph",
      clientPorts: [GREMLIN_PORT],
      peerPorts: [],
      env: () => ({
        JANUSGRAPH_STORAGE_BACKEND: "cql",
        JANUSGRAPH_STORAGE_HOSTNAME: discoveryName(datastore.name, "cassandra", region),
        JANUSGRAPH_STORAGE_KEYSPACE: datastore.name.replaceAll("-", "_"),
        ...(index.length > 0
          ? { JANUSGRAPH_INDEX_BACKEND: "elasticsearch", JANUSGRAPH_INDEX_HOSTNAME: discoveryName(datastore.name, "elasticsearch", region) }
          : {}),
        GREMLIN_PORT: String(GREMLIN_PORT),
      }),
    };
    const built = this.provision(name, { ...args, clusters: servers }, profile);
    // The servers are the storage's and index's clients; the engine passed to the graph is JanusGraph's.
    const { engine: _engine, ...childArgs } = args;
    const clients = [...(args.clientSecurityGroupIds ?? []), built.securityGroup.id];
    this.adopt(new CassandraCluster(`${name}-storage`, { ...childArgs, clusters: storage, clientSecurityGroupIds: clients }, { parent: this }));
    if (index.length > 0) {
      this.adopt(new ElasticsearchCluster(`${name}-index`, { ...childArgs, clusters: index, clientSecurityGroupIds: clients }, { parent: this }));
    }
    this.finish();
  }
}
