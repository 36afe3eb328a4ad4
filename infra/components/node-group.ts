// One node role of a cluster in one region, the way Netflix runs stateful stores: one launch template for the role
// and one Auto Scaling group per availability zone ("rack"), each pinned to its zone's subnet with
// min = max = desired = nodes per zone — the ring follows the group size, so the group never scales on its own.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { DrivePlan } from "../../lib/schemas/plan";
import { asgTags, resourceTags, type Tags } from "../tags";

export interface ZoneSubnet {
  zone: string;
  subnetId: pulumi.Input<string>;
}

export interface NodeGroupArgs {
  role: string;
  instanceType: pulumi.Input<string>;
  nodesPerZone: pulumi.Input<number>;
  /** The zones this role runs in, each with its subnet: one Auto Scaling group each. */
  zones: readonly ZoneSubnet[];
  imageId: pulumi.Input<string>;
  instanceProfileName: pulumi.Input<string>;
  securityGroupIds: pulumi.Input<pulumi.Input<string>[]>;
  /** The data drive: local NVMe comes with the instance; EBS is attached by the template. */
  drive?: DrivePlan;
  /** Boot script (plain text; encoded here). */
  userData: pulumi.Input<string>;
  /** Metadata tags plus region, role and cluster family; set on the template, its instances and volumes, and every group. */
  tags: Tags;
}

/** Where an EBS data drive is attached (the root volume stays the image's). */
const DATA_DEVICE = "/dev/xvdb";

function blockDevices(drive: DrivePlan | undefined): aws.types.input.ec2.LaunchTemplateBlockDeviceMapping[] {
  if (!drive || drive.kind !== "ebs") return [];
  return [
    {
      deviceName: DATA_DEVICE,
      ebs: {
        volumeSize: Math.max(1, Math.ceil(drive.sizeGib)),
        volumeType: drive.type,
        ...(drive.iops ? { iops: Math.round(drive.iops) } : {}),
        encrypted: "true",
        deleteOnTermination: "true",
      },
    },
  ];
}

export class NodeGroup extends pulumi.ComponentResource {
  readonly launchTemplate: aws.ec2.LaunchTemplate;
  /** One group per zone, in the order of `args.zones`. */
  readonly groups: readonly { zone: string; group: aws.autoscaling.Group }[];
  readonly groupNames: pulumi.Output<string>[];

  constructor(name: string, args: NodeGroupArgs, opts?: pulumi.ComponentResourceOptions) {
    super("portal:datastore:NodeGroup", name, {}, opts);
    const tags = resourceTags(args.tags, { Name: name });

    this.launchTemplate = new aws.ec2.LaunchTemplate(
      `${name}-lt`,
      {
        description: `${args.role} nodes of ${name}`,
        imageId: args.imageId,
        instanceType: args.instanceType,
        iamInstanceProfile: { name: args.instanceProfileName },
        vpcSecurityGroupIds: args.securityGroupIds,
        userData: pulumi.output(args.userData).apply((s) => Buffer.from(s, "utf8").toString("base64")),
        blockDeviceMappings: blockDevices(args.drive),
        // IMDSv2 only: the node agent reads its zone and credentials from the metadata service.
        metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1 },
        monitoring: { enabled: true },
        updateDefaultVersion: true,
        tagSpecifications: ["instance", "volume", "network-interface"].map((resourceType) => ({ resourceType, tags })),
        tags,
      },
      { parent: this },
    );

    this.groups = args.zones.map(({ zone, subnetId }) => {
      const group = new aws.autoscaling.Group(
        `${name}-${zone}`,
        {
          vpcZoneIdentifiers: [subnetId],
          minSize: args.nodesPerZone,
          maxSize: args.nodesPerZone,
          desiredCapacity: args.nodesPerZone,
          launchTemplate: { id: this.launchTemplate.id, version: this.launchTemplate.latestVersion.apply(String) },
          healthCheckType: "EC2",
          healthCheckGracePeriod: 600,
          // Stateful nodes: replacing one means streaming its data back, so keep the oldest (most complete) nodes.
          terminationPolicies: ["NewestInstance"],
          enabledMetrics: ["GroupDesiredCapacity", "GroupInServiceInstances", "GroupTotalInstances"],
          tags: asgTags(resourceTags(tags, { Name: `${name}-${zone}`, zone })),
        },
        { parent: this },
      );
      return { zone, group };
    });
    this.groupNames = this.groups.map((g) => g.group.name);

    this.registerOutputs({ launchTemplateId: this.launchTemplate.id, groupNames: this.groupNames });
  }
}
