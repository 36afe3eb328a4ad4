// The family registry: a new family is a compile error until it has a component.
import type * as pulumi from "@pulumi/pulumi";
import type { Family } from "../../lib/schemas/plan";
import { CassandraCluster } from "./cassandra";
import { DynomiteCluster } from "./dynomite";
import { ElasticsearchCluster } from "./elasticsearch";
import { EvcacheCluster } from "./evcache";
import { GraphCluster } from "./graph";
import type { StoreCluster, StoreClusterArgs } from "./store-cluster";

export type StoreClusterConstructor = new (name: string, args: StoreClusterArgs, opts?: pulumi.ComponentResourceOptions) => StoreCluster;

export const COMPONENTS = {
  evcache: EvcacheCluster,
  cassandra: CassandraCluster,
  elasticsearch: ElasticsearchCluster,
  graph: GraphCluster,
  dynomite: DynomiteCluster,
} as const satisfies Record<Family, StoreClusterConstructor>;

/** Families whose component provisions clusters of other families itself (a graph's storage and index). */
export function ownsCluster(primary: Family, clusterFamily: Family): boolean {
  return primary === "graph" ? ["graph", "cassandra", "elasticsearch"].includes(clusterFamily) : clusterFamily === primary;
}
