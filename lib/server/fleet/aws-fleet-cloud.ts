// The FleetCloud of a real AWS account: the groups' instances from Auto Scaling (DescribeAutoScalingGroups), their
// image, launch time and tags from EC2 (DescribeInstances), their status checks and scheduled events from EC2
// (DescribeInstanceStatus with IncludeAllInstances, so stopped and pending instances are listed too), every call
// paginated; a node replaced with TerminateInstanceInAutoScalingGroup and ShouldDecrementDesiredCapacity=false, so
// the group launches its successor. One client of each kind per region, on the default credential chain.
// Shapes: the AWS API references of DescribeAutoScalingGroups, DescribeInstances, DescribeInstanceStatus (EC2 keeps
// a completed event for up to a week with a description beginning "[Completed]"; a cancelled one "[Canceled]").
// An upgrade campaign's replacement (a `launch` version) first moves the group to a launch-template version on that
// image and engine version. AWS API facts (the EC2 API reference: DescribeLaunchTemplateVersions,
// CreateLaunchTemplateVersion; the Auto Scaling API reference: UpdateAutoScalingGroup): a group's LaunchTemplate
// names a version as a number, "$Latest" or "$Default", and DescribeLaunchTemplateVersions takes any of the three;
// CreateLaunchTemplateVersion with SourceVersion copies that version and overrides only the LaunchTemplateData
// parameters given (a list such as TagSpecifications is replaced whole), UserData is base64 both ways, and a
// ClientToken (at most 128 ASCII characters; ours a 64-digit hash) makes a repeated request answer the version the
// first one created; UpdateAutoScalingGroup's new LaunchTemplate version applies to instances launched after it, not
// to running ones. A launch carries an image per region (an AMI exists in one region): a group launches its own
// region's, and a region the launch names no image for fails before anything is created or terminated. A launch
// without images keeps the group's current version's (in a campaign, what the terminated node ran).
import "server-only";
import { createHash } from "node:crypto";
// The SDK modules are loaded on first use: every page that reaches the inventory imports this file, few call AWS.
import type { AutoScalingClient } from "@aws-sdk/client-auto-scaling";
import type { EC2Client, InstanceStatus, Instance, LaunchTemplateVersion } from "@aws-sdk/client-ec2";
import {
  INSTANCE_STATES,
  SCHEDULED_EVENT_CODES,
  STATUS_CHECKS,
  type CloudGroupRef,
  type CloudInstance,
  type CloudScheduledEvent,
  type FleetCloud,
  type InstanceState,
  launchImageIn,
  type LaunchVersion,
  type LifecycleState,
  type ScheduledEventCode,
  type StatusCheck,
} from "./fleet-cloud";

/** DescribeAutoScalingGroups takes at most 100 names (MaxRecords caps at 100). */
const GROUP_BATCH = 100;
/** DescribeInstanceStatus takes at most 100 instance ids per call. */
const STATUS_BATCH = 100;
/** DescribeInstances: 1,000 ids per call. */
const INSTANCE_BATCH = 1000;

export interface AwsClients {
  autoScaling: AutoScalingClient;
  ec2: EC2Client;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Auto Scaling's LifecycleState (InService, Pending:Wait, Terminating:Proceed, Warmed:…) as the seam's few states. */
export function lifecycleOf(state: string | undefined): LifecycleState {
  const s = state ?? "";
  if (s === "InService") return "in-service";
  if (s.startsWith("Terminated")) return "terminated";
  if (s.startsWith("Terminating")) return "terminating";
  if (s === "Standby" || s.startsWith("EnteringStandby")) return "standby";
  if (s.startsWith("Detach")) return "detached";
  return "pending";
}

/** The worse of the instance and system status checks. */
export function statusCheckOf(status: InstanceStatus | undefined): StatusCheck {
  const known = (v: string | undefined): StatusCheck => ((STATUS_CHECKS as readonly string[]).includes(v ?? "") ? (v as StatusCheck) : "insufficient-data");
  if (!status) return "insufficient-data";
  const checks = [known(status.InstanceStatus?.Status), known(status.SystemStatus?.Status)];
  for (const worst of ["impaired", "insufficient-data", "initializing", "ok", "not-applicable"] as const) if (checks.includes(worst)) return worst;
  return "insufficient-data";
}

/** Open scheduled events only: completed and cancelled ones stay listed for a while with a marked description. */
export function openEventsOf(status: InstanceStatus | undefined): CloudScheduledEvent[] {
  return (status?.Events ?? [])
    .filter((e) => (SCHEDULED_EVENT_CODES as readonly string[]).includes(e.Code ?? "") && !/^\[(Completed|Canceled)\]/i.test(e.Description ?? ""))
    .map((e) => ({
      eventId: e.InstanceEventId ?? `${e.Code}-${e.NotBefore?.toISOString() ?? "unscheduled"}`,
      code: e.Code as ScheduledEventCode,
      description: e.Description ?? "",
      notBefore: e.NotBefore ?? null,
      // A retirement has no NotAfter; its NotBeforeDeadline (when offered) is the last moment it may be moved to.
      notAfter: e.NotAfter ?? e.NotBeforeDeadline ?? null,
    }));
}

/** The instance tag the inventory reads a node's engine version from (refresh-inventory), set on campaign versions. */
export const ENGINE_VERSION_TAG = "engine-version";

/** The engine version a launch-template version launches: its instances' tag, else its boot script's ENGINE_VERSION. */
export function engineVersionOf(version: LaunchTemplateVersion): string | null {
  const data = version.LaunchTemplateData;
  const tag = data?.TagSpecifications?.find((t) => t.ResourceType === "instance")?.Tags?.find((t) => t.Key === ENGINE_VERSION_TAG);
  if (tag?.Value) return tag.Value;
  const line = /^ENGINE_VERSION=(".*")$/m.exec(Buffer.from(data?.UserData ?? "", "base64").toString("utf8"));
  if (!line?.[1]) return null;
  try {
    const value: unknown = JSON.parse(line[1]);
    return typeof value === "string" ? value : null;
  } catch {
    return null;
  }
}

/**
 * The boot script with its ENGINE_VERSION line set to `engineVersion` (infra/components/store-cluster's bootScript
 * writes the node agent's EnvironmentFile with double-quoted values); null when it has no such line (a companion
 * family's group, whose image decides its engine).
 */
export function userDataWithEngine(userData: string | undefined, engineVersion: string): string | null {
  const script = Buffer.from(userData ?? "", "base64").toString("utf8");
  if (!/^ENGINE_VERSION=.*$/m.test(script)) return null;
  return Buffer.from(script.replace(/^ENGINE_VERSION=.*$/m, `ENGINE_VERSION=${JSON.stringify(engineVersion)}`), "utf8").toString("base64");
}

export class AwsFleetCloud implements FleetCloud {
  readonly kind = "aws" as const;
  private readonly clients = new Map<string, AwsClients>();

  /** `makeClients`: the clients of a region (default: the SDK's, on the default credential chain). */
  constructor(private readonly makeClients?: (region: string) => AwsClients) {}

  private async clientsFor(region: string): Promise<AwsClients> {
    let c = this.clients.get(region);
    if (!c) {
      if (this.makeClients) c = this.makeClients(region);
      else {
        const [{ AutoScalingClient }, { EC2Client }] = await Promise.all([import("@aws-sdk/client-auto-scaling"), import("@aws-sdk/client-ec2")]);
        c = { autoScaling: new AutoScalingClient({ region }), ec2: new EC2Client({ region }) };
      }
      this.clients.set(region, c);
    }
    return c;
  }

  async describe(groups: readonly CloudGroupRef[], signal?: AbortSignal): Promise<CloudInstance[]> {
    const byRegion = new Map<string, string[]>();
    for (const g of groups) byRegion.set(g.region, [...new Set([...(byRegion.get(g.region) ?? []), g.groupName])]);
    const out: CloudInstance[] = [];
    for (const [region, names] of byRegion) out.push(...(await this.describeRegion(region, names, signal)));
    return out;
  }

  private async describeRegion(region: string, names: readonly string[], signal?: AbortSignal): Promise<CloudInstance[]> {
    const { autoScaling, ec2 } = await this.clientsFor(region);
    const { DescribeAutoScalingGroupsCommand } = await import("@aws-sdk/client-auto-scaling");
    const { DescribeInstancesCommand, DescribeInstanceStatusCommand } = await import("@aws-sdk/client-ec2");
    const members: { instanceId: string; groupName: string; zone: string; instanceType: string; lifecycle: LifecycleState; healthy: boolean }[] = [];
    for (const batch of chunks(names, GROUP_BATCH)) {
      let token: string | undefined;
      do {
        const page = await autoScaling.send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: batch, MaxRecords: GROUP_BATCH, NextToken: token }), {
          abortSignal: signal,
        });
        for (const group of page.AutoScalingGroups ?? []) {
          for (const i of group.Instances ?? []) {
            if (!i.InstanceId) continue;
            members.push({
              instanceId: i.InstanceId,
              groupName: group.AutoScalingGroupName ?? "",
              zone: i.AvailabilityZone ?? "",
              instanceType: i.InstanceType ?? "",
              lifecycle: lifecycleOf(i.LifecycleState),
              healthy: i.HealthStatus === "Healthy",
            });
          }
        }
        token = page.NextToken;
      } while (token);
    }
    if (members.length === 0) return [];
    const ids = members.map((m) => m.instanceId);

    const instances = new Map<string, Instance>();
    for (const batch of chunks(ids, INSTANCE_BATCH)) {
      let token: string | undefined;
      do {
        const page = await ec2.send(new DescribeInstancesCommand({ InstanceIds: batch, NextToken: token }), { abortSignal: signal });
        for (const r of page.Reservations ?? []) for (const i of r.Instances ?? []) if (i.InstanceId) instances.set(i.InstanceId, i);
        token = page.NextToken;
      } while (token);
    }

    const statuses = new Map<string, InstanceStatus>();
    for (const batch of chunks(ids, STATUS_BATCH)) {
      let token: string | undefined;
      do {
        const page = await ec2.send(new DescribeInstanceStatusCommand({ InstanceIds: batch, IncludeAllInstances: true, NextToken: token }), {
          abortSignal: signal,
        });
        for (const s of page.InstanceStatuses ?? []) if (s.InstanceId) statuses.set(s.InstanceId, s);
        token = page.NextToken;
      } while (token);
    }

    return members.map((m) => {
      const ec2Instance = instances.get(m.instanceId);
      const status = statuses.get(m.instanceId);
      const stateName = ec2Instance?.State?.Name ?? status?.InstanceState?.Name;
      const state: InstanceState = (INSTANCE_STATES as readonly string[]).includes(stateName ?? "") ? (stateName as InstanceState) : "pending";
      return {
        instanceId: m.instanceId,
        region,
        zone: m.zone || ec2Instance?.Placement?.AvailabilityZone || "",
        groupName: m.groupName,
        instanceType: ec2Instance?.InstanceType ?? m.instanceType,
        imageId: ec2Instance?.ImageId ?? "",
        launchedAt: ec2Instance?.LaunchTime ?? new Date(0),
        state,
        lifecycle: m.lifecycle,
        healthy: m.healthy,
        statusCheck: statusCheckOf(status),
        tags: Object.fromEntries((ec2Instance?.Tags ?? []).filter((t) => t.Key).map((t) => [t.Key ?? "", t.Value ?? ""])),
        events: state === "terminated" ? [] : openEventsOf(status),
      };
    });
  }

  async terminateInGroup(target: CloudGroupRef & { instanceId: string; launch?: LaunchVersion }, signal?: AbortSignal): Promise<void> {
    // First the version the successor must launch on: if that fails nothing is terminated.
    if (target.launch) await this.launchOn(target, target.launch, signal);
    const { autoScaling } = await this.clientsFor(target.region);
    const { TerminateInstanceInAutoScalingGroupCommand } = await import("@aws-sdk/client-auto-scaling");
    try {
      await autoScaling.send(new TerminateInstanceInAutoScalingGroupCommand({ InstanceId: target.instanceId, ShouldDecrementDesiredCapacity: false }), {
        abortSignal: signal,
      });
    } catch (error) {
      // Idempotent: an instance already terminating, or no longer in the group, is not an error.
      if (error instanceof Error && /not found|is not part of|already|terminat/i.test(error.message) && error.name === "ValidationError") return;
      throw error;
    }
  }

  /**
   * Points the group at a launch-template version that launches `launch`: a new version of the group's template,
   * copied from the one it launches now with the release's image for the group's region, the engine version in the boot script and the
   * instances' engine-version tag. Nothing changes when the group already launches it (a retry after the move, the
   * second zone of a rollout the stack's up already moved); a retry after the version was created but before the
   * group moved gets the same version back (the ClientToken).
   */
  private async launchOn(target: CloudGroupRef, launch: LaunchVersion, signal?: AbortSignal): Promise<void> {
    const regionImage = launchImageIn(launch, target.region);
    const { autoScaling, ec2 } = await this.clientsFor(target.region);
    const { DescribeAutoScalingGroupsCommand, UpdateAutoScalingGroupCommand } = await import("@aws-sdk/client-auto-scaling");
    const { CreateLaunchTemplateVersionCommand, DescribeLaunchTemplateVersionsCommand } = await import("@aws-sdk/client-ec2");
    const page = await autoScaling.send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [target.groupName] }), { abortSignal: signal });
    const template = page.AutoScalingGroups?.find((g) => g.AutoScalingGroupName === target.groupName)?.LaunchTemplate;
    const templateId = template?.LaunchTemplateId;
    // infra/components/node-group gives every group a launch template (no mixed-instances policy).
    if (!templateId)
      throw new Error(`${target.groupName} in ${target.region} launches from no launch template, so its replacement cannot launch on ${launch.engineVersion}`);
    const described = await ec2.send(new DescribeLaunchTemplateVersionsCommand({ LaunchTemplateId: templateId, Versions: [template.Version ?? "$Default"] }), {
      abortSignal: signal,
    });
    const current = described.LaunchTemplateVersions?.[0];
    if (current?.VersionNumber === undefined) throw new Error(`launch template ${templateId} has no version ${template.Version ?? "$Default"}`);
    // The image of this group's region (an AMI exists in one region): checked before anything is described or made.
    const imageId = regionImage ?? current.LaunchTemplateData?.ImageId;
    if (!imageId) throw new Error(`launch template ${templateId} version ${current.VersionNumber} names no image`);
    if (current.LaunchTemplateData?.ImageId === imageId && engineVersionOf(current) === launch.engineVersion) return;

    const source = current.LaunchTemplateData;
    const tagged = (source?.TagSpecifications ?? []).some((t) => t.ResourceType === "instance")
      ? (source?.TagSpecifications ?? [])
      : [...(source?.TagSpecifications ?? []), { ResourceType: "instance" as const, Tags: [] }];
    const tagSpecifications = tagged.map((t) =>
      t.ResourceType === "instance"
        ? { ...t, Tags: [...(t.Tags ?? []).filter((tag) => tag.Key !== ENGINE_VERSION_TAG), { Key: ENGINE_VERSION_TAG, Value: launch.engineVersion }] }
        : t,
    );
    const userData = userDataWithEngine(source?.UserData, launch.engineVersion);
    const created = await ec2.send(
      new CreateLaunchTemplateVersionCommand({
        LaunchTemplateId: templateId,
        SourceVersion: String(current.VersionNumber),
        VersionDescription: `${launch.engineVersion} on ${imageId} (datastore portal upgrade campaign)`.slice(0, 255),
        ClientToken: createHash("sha256").update([templateId, current.VersionNumber, imageId, launch.engineVersion].join("\u0000")).digest("hex"),
        LaunchTemplateData: { ImageId: imageId, TagSpecifications: tagSpecifications, ...(userData ? { UserData: userData } : {}) },
      }),
      { abortSignal: signal },
    );
    const version = created.LaunchTemplateVersion?.VersionNumber;
    if (version === undefined) throw new Error(`launch template ${templateId}: CreateLaunchTemplateVersion answered no version`);
    await autoScaling.send(
      new UpdateAutoScalingGroupCommand({ AutoScalingGroupName: target.groupName, LaunchTemplate: { LaunchTemplateId: templateId, Version: String(version) } }),
      { abortSignal: signal },
    );
  }
}
