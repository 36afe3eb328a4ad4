// Elasticsearch: dedicated master, data and search (coordinating) node groups per region, shard allocation aware
// of zones so a zone's loss never takes a shard's every copy. Heap is half the RAM, capped below 32 GiB.
import type * as pulumi from "@pulumi/pulumi";
import { StoreCluster, type FamilyProfile, type StoreClusterArgs } from "./store-cluster";

export const HTTP_PORT = 9200;
export const TRANSPORT_PORT = 9300;

/** The node kind of a topology role: `master` and `index-master` are masters, `search` coordinators, the rest data. */
export function elasticsearchNodeKind(role: string): "master" | "data" | "search" {
  const last = role.split("-").at(-1);
  return last === "master" || last === "search" ? last : "data";
}

const NODE_ROLES = { master: "master", data: "data,ingest", search: "" } as const;

export const ELASTICSEARCH_PROFILE: FamilyProfile = {
  family: "elasticsearch",
  clientPorts: [HTTP_PORT],
  peerPorts: [TRANSPORT_PORT],
  env: (cluster, args) => ({
    // Clusters do not span regions: cross-region copies go through the application or cross-cluster replication.
    ES_CLUSTER_NAME: `${args.datastore.name}-${args.region}`,
    ES_NODE_KIND: elasticsearchNodeKind(cluster.role),
    // An empty list makes a coordinating-only node: the search group fans queries out and merges results.
    ES_NODE_ROLES: NODE_ROLES[elasticsearchNodeKind(cluster.role)],
    ES_ALLOCATION_AWARENESS: "zone",
    ES_DISCOVERY: "ec2:tag:discovery",
    ES_HEAP: "half-ram-max-31g",
    HTTP_PORT: String(HTTP_PORT),
  }),
};

export type ElasticsearchClusterArgs = StoreClusterArgs;

export class ElasticsearchCluster extends StoreCluster {
  constructor(name: string, args: ElasticsearchClusterArgs, opts?: pulumi.ComponentResourceOptions) {
    super("portal:datastore:ElasticsearchCluster", name, {}, opts);
    this.provision(name, args, ELASTICSEARCH_PROFILE);
    this.finish();
  }
}
