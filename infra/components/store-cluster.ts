// What every family component shares: the arguments, one security group per region (client ports open to the
// organisation's networks only, peer ports to the group itself), one NodeGroup per role, and the boot script that
// hands the node agent baked into each family's image its identity.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { TopologyCluster } from "../../lib/schemas/datastore";
import type { Family } from "../../lib/schemas/plan";
import { resourceTags, type Tags } from "../tags";
import { NodeGroup, type ZoneSubnet } from "./node-group";

/** Custom CloudWatch namespace the node agent publishes engine metrics to (lib/schemas/metric-sources.ts). */
import { METRICS_NAMESPACE } from "../../lib/schemas/metric-sources";
export { METRICS_NAMESPACE };

export interface StoreClusterArgs {
  datastore: { id: string; name: string; regions: readonly string[] };
  /** The engine the datastore was approved with; only the primary family's clusters get it (companions use their image's). */
  engine?: { name: string; version: string };
  region: string;
  /** This component's clusters in `region` (a graph's include its storage and index clusters). */
  clusters: readonly TopologyCluster[];
  vpcId: pulumi.Input<string>;
  /** Availability zone → subnet id; a cluster of N zones uses the first N zones in name order. */
  subnets: Readonly<Record<string, pulumi.Input<string>>>;
  imageIds: Readonly<Partial<Record<Family, pulumi.Input<string>>>>;
  instanceProfileName: pulumi.Input<string>;
  allowedCidrs: pulumi.Input<string>[];
  /** Security groups of other clusters allowed to the client ports (a graph's servers to its storage and index). */
  clientSecurityGroupIds?: pulumi.Input<string>[];
  tags: Tags;
}

/** What the program reads from a family component to build alarms and stack outputs. */
export interface StoreClusterOutputs {
  /** Discovery name per family served (`<datastore>.<family>.<region>.internal`). */
  readonly endpoints: Readonly<Partial<Record<Family, string>>>;
  readonly securityGroupIds: pulumi.Output<string>[];
  /** Auto Scaling group names per topology role, one per zone. */
  readonly groupNamesByRole: Readonly<Record<string, pulumi.Output<string>[]>>;
}

export interface FamilyProfile {
  family: Family;
  /** Ports clients use: open to the organisation's networks (and to `clientSecurityGroupIds`). */
  clientPorts: readonly number[];
  /** Ports nodes use among themselves: open to the security group itself. */
  peerPorts: readonly number[];
  /** Engine settings for one role, written to the node's environment file. */
  env(cluster: TopologyCluster, args: StoreClusterArgs): Record<string, string>;
}

export function discoveryName(datastore: string, family: Family, region: string): string {
  return `${datastore}.${family}.${region}.internal`;
}

export function zonesFor(subnets: StoreClusterArgs["subnets"], count: number, region: string): ZoneSubnet[] {
  const zones = Object.keys(subnets).sort().slice(0, count);
  if (zones.length < count) throw new Error(`region ${region} has subnets in ${zones.length} zone(s); the cluster needs ${count}`);
  return zones.map((zone) => ({ zone, subnetId: subnets[zone] as pulumi.Input<string> }));
}

/** A systemd EnvironmentFile (double-quoted values) written at boot; the image's node agent starts the engine from it. */
export function bootScript(env: Readonly<Record<string, string>>): string {
  const lines = Object.entries(env).map(([k, v]) => `${k}=${JSON.stringify(v)}`);
  return [
    "#!/bin/bash",
    "set -euo pipefail",
    "install -d -m 0755 /etc/datastore-portal",
    "cat > /etc/datastore-portal/node.env <<'NODE_ENV'",
    ...lines,
    "NODE_ENV",
    // The zone is the node's rack / replica set; it is known only on the instance (one template serves every zone).
    'TOKEN=$(curl -sX PUT http://169.254.169.254/latest/api/token -H "X-aws-ec2-metadata-token-ttl-seconds: 60")',
    'echo "ZONE=$(curl -s -H "X-aws-ec2-metadata-token: $TOKEN" http://169.254.169.254/latest/meta-data/placement/availability-zone)" >> /etc/datastore-portal/node.env',
    "systemctl enable --now datastore-node.service",
    "",
  ].join("\n");
}

/**
 * Builds a family's security group and node groups as children of `parent`; the family component then exposes
 * the result. Child names: `${name}-sg`, `${name}-${role}` (and, under each node group, `-lt` and `-${zone}`).
 */
export function buildStoreCluster(parent: pulumi.ComponentResource, name: string, args: StoreClusterArgs, profile: FamilyProfile) {
  const tags = resourceTags(args.tags, { region: args.region, "cluster-family": profile.family });
  const endpoint = discoveryName(args.datastore.name, profile.family, args.region);
  const tcp = (
    port: number,
    source: { cidrBlocks?: pulumi.Input<string>[]; self?: boolean; securityGroups?: pulumi.Input<string>[] },
    description: string,
  ) => ({
    protocol: "tcp",
    fromPort: port,
    toPort: port,
    description,
    ...source,
  });
  const ingress = [
    ...profile.clientPorts.map((p) => tcp(p, { cidrBlocks: args.allowedCidrs }, `${profile.family} clients`)),
    ...profile.clientPorts.map((p) => tcp(p, { self: true }, `${profile.family} nodes`)),
    ...(args.clientSecurityGroupIds?.length
      ? profile.clientPorts.map((p) => tcp(p, { securityGroups: args.clientSecurityGroupIds }, `${profile.family} dependent clusters`))
      : []),
    ...profile.peerPorts.map((p) => tcp(p, { self: true }, `${profile.family} intra-cluster`)),
  ];
  const securityGroup = new aws.ec2.SecurityGroup(
    `${name}-sg`,
    {
      description: `${profile.family} nodes of ${args.datastore.name} in ${args.region} (managed by the datastore portal)`,
      vpcId: args.vpcId,
      ingress,
      // Nodes reach package mirrors, the metrics endpoint and peer regions (cross-region replication).
      egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"], ipv6CidrBlocks: ["::/0"], description: "all outbound" }],
      tags: resourceTags(tags, { Name: `${name}-sg` }),
    },
    { parent },
  );

  const groupNamesByRole: Record<string, pulumi.Output<string>[]> = {};
  const nodeGroups = args.clusters.map((cluster) => {
    const imageId = args.imageIds[cluster.family];
    if (imageId === undefined) throw new Error(`no image (AMI) id for ${cluster.family} in region ${args.region}`);
    const env = {
      DATASTORE_ID: args.datastore.id,
      DATASTORE_NAME: args.datastore.name,
      FAMILY: cluster.family,
      ROLE: cluster.role,
      REGION: args.region,
      DISCOVERY_NAME: endpoint,
      NODES_PER_ZONE: String(cluster.nodesPerZone),
      ZONES: String(cluster.zones),
      DATA_DRIVE: cluster.drive?.kind ?? "root",
      METRICS_NAMESPACE,
      ...(args.engine ? { ENGINE: args.engine.name, ENGINE_VERSION: args.engine.version } : {}),
      ...profile.env(cluster, args),
    };
    const group = new NodeGroup(
      `${name}-${cluster.role}`,
      {
        role: cluster.role,
        instanceType: cluster.instanceType,
        nodesPerZone: cluster.nodesPerZone,
        zones: zonesFor(args.subnets, cluster.zones, args.region),
        imageId,
        instanceProfileName: args.instanceProfileName,
        securityGroupIds: [securityGroup.id],
        ...(cluster.drive ? { drive: cluster.drive } : {}),
        userData: bootScript(env),
        // The inventory reads a node's engine version from this tag (lib/server/fleet/refresh-inventory).
        tags: resourceTags(tags, { role: cluster.role, discovery: endpoint, "engine-version": args.engine?.version }),
      },
      { parent },
    );
    groupNamesByRole[cluster.role] = group.groupNames;
    return group;
  });

  return { securityGroup, nodeGroups, endpoint, groupNamesByRole };
}

/** The base of every family component: its outputs, filled in by `provision`. */
export abstract class StoreCluster extends pulumi.ComponentResource implements StoreClusterOutputs {
  endpoints: Partial<Record<Family, string>> = {};
  securityGroupIds: pulumi.Output<string>[] = [];
  groupNamesByRole: Record<string, pulumi.Output<string>[]> = {};

  /** Provisions this component's own clusters with `profile` and records the outputs. */
  protected provision(name: string, args: StoreClusterArgs, profile: FamilyProfile) {
    const built = buildStoreCluster(this, name, args, profile);
    this.endpoints[profile.family] = built.endpoint;
    this.securityGroupIds.push(built.securityGroup.id);
    Object.assign(this.groupNamesByRole, built.groupNamesByRole);
    return built;
  }

  /** Takes a child component's outputs as this component's own (a graph's storage and index). */
  protected adopt(child: StoreClusterOutputs): void {
    Object.assign(this.endpoints, child.endpoints);
    this.securityGroupIds.push(...child.securityGroupIds);
    Object.assign(this.groupNamesByRole, child.groupNamesByRole);
  }

  protected finish(): void {
    this.registerOutputs({ endpoints: this.endpoints, securityGroupIds: this.securityGroupIds, groupNamesByRole: this.groupNamesByRole });
  }
}
