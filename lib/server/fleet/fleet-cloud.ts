// What the portal asks of the cloud outside Pulumi: the instances behind a datastore's auto scaling groups (with
// their scheduled events and status checks), and replacing one of them without changing the desired state. Defined
// here where it is used; two implementations, chosen with the provisioner (PROVISIONER=simulated → simulated):
//   - AWS (lib/server/fleet/aws-fleet-cloud.ts): @aws-sdk/client-auto-scaling + @aws-sdk/client-ec2, default
//     credential chain, one client per region;
//   - simulated (lib/server/fleet/simulated-fleet-cloud.ts): derived from the simulated engine's state,
//     deterministic, with events an administrator or a test injects.
// The inventory (refresh), the fleet page and the replace-nodes operation all go through this seam, never the SDK.
import "server-only";

/** A group of one datastore's role in one zone (infra/components/store-cluster: one group per zone). */
export interface CloudGroupRef {
  region: string;
  groupName: string;
}

/** EC2's scheduled event codes (DescribeInstanceStatus Events[].Code). */
export const SCHEDULED_EVENT_CODES = ["instance-retirement", "instance-reboot", "system-reboot", "system-maintenance", "instance-stop"] as const;
export type ScheduledEventCode = (typeof SCHEDULED_EVENT_CODES)[number];

export interface CloudScheduledEvent {
  /** EC2's event id (instance-event-…), stable across reads. */
  eventId: string;
  code: ScheduledEventCode;
  description: string;
  notBefore: Date | null;
  /** The deadline: the cloud acts at or after notBefore and by notAfter (retirement has only notBefore: that is it). */
  notAfter: Date | null;
}

/** EC2 instance states. */
export const INSTANCE_STATES = ["pending", "running", "stopping", "stopped", "shutting-down", "terminated"] as const;
export type InstanceState = (typeof INSTANCE_STATES)[number];

/** The auto scaling group's view of an instance (AutoScalingInstanceDetails.LifecycleState, simplified). */
export const LIFECYCLE_STATES = ["pending", "in-service", "terminating", "terminated", "standby", "detached"] as const;
export type LifecycleState = (typeof LIFECYCLE_STATES)[number];

/** DescribeInstanceStatus's instance/system status, worst of the two. */
export const STATUS_CHECKS = ["ok", "impaired", "initializing", "insufficient-data", "not-applicable"] as const;
export type StatusCheck = (typeof STATUS_CHECKS)[number];

export interface CloudInstance {
  instanceId: string;
  region: string;
  zone: string;
  groupName: string;
  instanceType: string;
  imageId: string;
  launchedAt: Date;
  state: InstanceState;
  lifecycle: LifecycleState;
  /** The group's health check verdict. */
  healthy: boolean;
  statusCheck: StatusCheck;
  /** The instance's tags (infra/tags.ts: datastore id, role, engine version …). */
  tags: Record<string, string>;
  events: CloudScheduledEvent[];
}

export interface FleetCloud {
  readonly kind: "aws" | "simulated";
  /** Every instance of these groups (terminated ones the group still lists included), with events and status checks. */
  describe(groups: readonly CloudGroupRef[], signal?: AbortSignal): Promise<CloudInstance[]>;
  /**
   * Terminates one instance in its group WITHOUT decrementing the desired capacity (ASG
   * TerminateInstanceInAutoScalingGroup, ShouldDecrementDesiredCapacity=false): the group launches a replacement.
   * Idempotent: an instance already terminating or gone is not an error. With `launch`, the group first moves to
   * launching that version (AWS: a new launch-template version on its image, unless the group's already launches it);
   * if that fails nothing is terminated.
   */
  terminateInGroup(target: CloudGroupRef & { instanceId: string; launch?: LaunchVersion }, signal?: AbortSignal): Promise<void>;
}

/**
 * What a replacement launches on when an upgrade campaign ordered it (the canary and the rollout: the release's;
 * a rollback: the version the datastore came from). Without it the group launches what its launch template says.
 */
export interface LaunchVersion {
  engineVersion: string;
  /**
   * The machine image per region: an AMI exists in exactly one region, so a group launches its own region's. A
   * region missing from the map cannot launch the version (LaunchImageMissing) — never another region's image.
   * Null: the image the terminated instance ran.
   */
  imageIds: Readonly<Record<string, string>> | null;
}

/** The launch names no image for the group's region: nothing is launched or terminated there. */
export class LaunchImageMissing extends Error {
  constructor(
    readonly region: string,
    engineVersion: string,
  ) {
    super(`no machine image for ${region} to launch ${engineVersion} on (an image exists in one region only; the release names none for ${region})`);
    this.name = "LaunchImageMissing";
  }
}

/** The image a replacement in `region` launches on; null: the terminated instance's. Throws LaunchImageMissing. */
export function launchImageIn(launch: LaunchVersion, region: string): string | null {
  if (launch.imageIds === null) return null;
  const image = launch.imageIds[region];
  if (image === undefined) throw new LaunchImageMissing(region, launch.engineVersion);
  return image;
}
