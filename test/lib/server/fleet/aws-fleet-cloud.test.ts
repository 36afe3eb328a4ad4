// The AWS fleet cloud against aws-sdk-client-mock, answering with the response shapes of the AWS API references
// (DescribeAutoScalingGroups, DescribeInstances, DescribeInstanceStatus, TerminateInstanceInAutoScalingGroup), as
// the SDK deserialises them: Dates for timestamps, NextToken pages; a campaign's replacement against
// DescribeLaunchTemplateVersions, CreateLaunchTemplateVersion and UpdateAutoScalingGroup (the EC2 and Auto Scaling
// API references).
import { beforeEach, describe, expect, it } from "vitest";
import { mockClient } from "aws-sdk-client-mock";
import {
  AutoScalingClient,
  DescribeAutoScalingGroupsCommand,
  TerminateInstanceInAutoScalingGroupCommand,
  UpdateAutoScalingGroupCommand,
  type AutoScalingGroup,
  type LifecycleState as AsgLifecycleState,
} from "@aws-sdk/client-auto-scaling";
import {
  CreateLaunchTemplateVersionCommand,
  DescribeInstancesCommand,
  DescribeLaunchTemplateVersionsCommand,
  DescribeInstanceStatusCommand,
  EC2Client,
  type Instance,
  type InstanceStateName,
  type InstanceStatus,
  type InstanceStatusEvent,
  type LaunchTemplateVersion,
  type SummaryStatus,
} from "@aws-sdk/client-ec2";
import { AwsFleetCloud, engineVersionOf, lifecycleOf } from "@/lib/server/fleet/aws-fleet-cloud";
import { LaunchImageMissing } from "@/lib/server/fleet/fleet-cloud";
import { bootScript } from "@/infra/components/store-cluster";

const asg = mockClient(AutoScalingClient);
const ec2 = mockClient(EC2Client);

const GROUP_A = "orders-us-east-1-data-us-east-1a";
const GROUP_B = "orders-us-east-1-data-us-east-1b";

/** A group as DescribeAutoScalingGroups returns it (trimmed of fields the cloud does not read only where they are long). */
function group(name: string, zone: string, instances: { id: string; state?: string; health?: string }[]): AutoScalingGroup {
  return {
    AutoScalingGroupName: name,
    AutoScalingGroupARN: `arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b:autoScalingGroupName/${name}`,
    LaunchTemplate: { LaunchTemplateId: "lt-0a1b2c3d4e5f67890", LaunchTemplateName: "orders-us-east-1-data-lt", Version: "1" },
    MinSize: instances.length,
    MaxSize: instances.length,
    DesiredCapacity: instances.length,
    DefaultCooldown: 300,
    AvailabilityZones: [zone],
    LoadBalancerNames: [],
    TargetGroupARNs: [],
    HealthCheckType: "EC2",
    HealthCheckGracePeriod: 600,
    Instances: instances.map((i) => ({
      InstanceId: i.id,
      InstanceType: "i4i.2xlarge",
      AvailabilityZone: zone,
      LifecycleState: (i.state ?? "InService") as AsgLifecycleState,
      HealthStatus: i.health ?? "Healthy",
      LaunchTemplate: { LaunchTemplateId: "lt-0a1b2c3d4e5f67890", LaunchTemplateName: "orders-us-east-1-data-lt", Version: "1" },
      ProtectedFromScaleIn: false,
    })),
    CreatedTime: new Date("2026-10-01T08:00:00Z"),
    SuspendedProcesses: [],
    VPCZoneIdentifier: "subnet-0123456789abcdef0",
    EnabledMetrics: [],
    Tags: [{ ResourceId: name, ResourceType: "auto-scaling-group", Key: "datastore-id", Value: "ds1", PropagateAtLaunch: true }],
    TerminationPolicies: ["NewestInstance"],
    NewInstancesProtectedFromScaleIn: false,
    ServiceLinkedRoleARN: "arn:aws:iam::123456789012:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling",
    CapacityRebalance: false,
  };
}

function instance(id: string, zone: string, state: InstanceStateName = "running"): Instance {
  return {
    AmiLaunchIndex: 0,
    ImageId: "ami-0abcdef1234567890",
    InstanceId: id,
    InstanceType: "i4i.2xlarge",
    LaunchTime: new Date("2026-10-01T08:03:11Z"),
    Monitoring: { State: "enabled" },
    Placement: { AvailabilityZone: zone, GroupName: "", Tenancy: "default" },
    PrivateDnsName: "ip-10-0-1-23.ec2.internal",
    PrivateIpAddress: "10.0.1.23",
    State: { Code: state === "running" ? 16 : 0, Name: state },
    SubnetId: "subnet-0123456789abcdef0",
    VpcId: "vpc-0123456789abcdef0",
    Architecture: "x86_64",
    Tags: [
      { Key: "datastore-id", Value: "ds1" },
      { Key: "role", Value: "data" },
      { Key: "aws:autoscaling:groupName", Value: GROUP_A },
    ],
  };
}

function status(id: string, zone: string, opts: { instance?: SummaryStatus; system?: SummaryStatus; events?: InstanceStatusEvent[] } = {}): InstanceStatus {
  return {
    AvailabilityZone: zone,
    InstanceId: id,
    InstanceState: { Code: 16, Name: "running" },
    InstanceStatus: { Details: [{ Name: "reachability", Status: opts.instance === "impaired" ? "failed" : "passed" }], Status: opts.instance ?? "ok" },
    SystemStatus: { Details: [{ Name: "reachability", Status: "passed" }], Status: opts.system ?? "ok" },
    ...(opts.events ? { Events: opts.events } : {}),
  };
}

describe("AwsFleetCloud", () => {
  beforeEach(() => {
    asg.reset();
    ec2.reset();
  });

  it("reads every page of groups, instances and statuses and joins them into instances with their open events", async () => {
    // Two groups, answered over two pages.
    asg
      .on(DescribeAutoScalingGroupsCommand, { NextToken: undefined })
      .resolves({
        AutoScalingGroups: [
          group(GROUP_A, "us-east-1a", [{ id: "i-0aaa0000000000001" }, { id: "i-0aaa0000000000002", state: "Pending:Wait", health: "Unhealthy" }]),
        ],
        NextToken: "asg-page-2",
      })
      .on(DescribeAutoScalingGroupsCommand, { NextToken: "asg-page-2" })
      .resolves({ AutoScalingGroups: [group(GROUP_B, "us-east-1b", [{ id: "i-0bbb0000000000001" }])] });
    ec2
      .on(DescribeInstancesCommand, { NextToken: undefined })
      .resolves({
        Reservations: [
          {
            ReservationId: "r-1",
            OwnerId: "123456789012",
            Instances: [instance("i-0aaa0000000000001", "us-east-1a"), instance("i-0aaa0000000000002", "us-east-1a", "pending")],
          },
        ],
        NextToken: "ec2-page-2",
      })
      .on(DescribeInstancesCommand, { NextToken: "ec2-page-2" })
      .resolves({ Reservations: [{ ReservationId: "r-2", OwnerId: "123456789012", Instances: [instance("i-0bbb0000000000001", "us-east-1b")] }] })
      .on(DescribeInstanceStatusCommand, { NextToken: undefined })
      .resolves({
        InstanceStatuses: [
          status("i-0aaa0000000000001", "us-east-1a", {
            events: [
              {
                InstanceEventId: "instance-event-0d59937288b749b32",
                Code: "instance-retirement",
                Description: "The instance is running on degraded hardware",
                NotBefore: new Date("2026-12-18T00:00:00Z"),
              },
              {
                InstanceEventId: "instance-event-0e0d0c0b0a0908070",
                Code: "system-reboot",
                Description: "[Completed] scheduled reboot",
                NotBefore: new Date("2026-11-01T00:00:00Z"),
                NotAfter: new Date("2026-11-01T02:00:00Z"),
              },
            ],
          }),
        ],
        NextToken: "status-page-2",
      })
      .on(DescribeInstanceStatusCommand, { NextToken: "status-page-2" })
      .resolves({
        InstanceStatuses: [
          { ...status("i-0aaa0000000000002", "us-east-1a", { instance: "initializing" }), InstanceState: { Code: 0, Name: "pending" } },
          status("i-0bbb0000000000001", "us-east-1b", {
            system: "impaired",
            events: [
              {
                InstanceEventId: "instance-event-01234567890abcdef",
                Code: "system-maintenance",
                Description: "scheduled host maintenance",
                NotBefore: new Date("2026-12-20T03:00:00Z"),
                NotAfter: new Date("2026-12-20T05:00:00Z"),
              },
            ],
          }),
        ],
      });

    const cloud = new AwsFleetCloud();
    const result = await cloud.describe([
      { region: "us-east-1", groupName: GROUP_A },
      { region: "us-east-1", groupName: GROUP_B },
    ]);

    expect(result.map((i) => i.instanceId)).toEqual(["i-0aaa0000000000001", "i-0aaa0000000000002", "i-0bbb0000000000001"]);
    expect(result[0]).toMatchObject({
      region: "us-east-1",
      zone: "us-east-1a",
      groupName: GROUP_A,
      instanceType: "i4i.2xlarge",
      imageId: "ami-0abcdef1234567890",
      launchedAt: new Date("2026-10-01T08:03:11Z"),
      state: "running",
      lifecycle: "in-service",
      healthy: true,
      statusCheck: "ok",
      tags: { "datastore-id": "ds1", role: "data" },
      // The completed reboot is not an open event.
      events: [
        {
          eventId: "instance-event-0d59937288b749b32",
          code: "instance-retirement",
          description: "The instance is running on degraded hardware",
          notBefore: new Date("2026-12-18T00:00:00Z"),
          notAfter: null,
        },
      ],
    });
    expect(result[1]).toMatchObject({ state: "pending", lifecycle: "pending", healthy: false, statusCheck: "initializing", events: [] });
    expect(result[2]).toMatchObject({ groupName: GROUP_B, zone: "us-east-1b", statusCheck: "impaired" });
    expect(result[2]?.events[0]).toMatchObject({ code: "system-maintenance", notAfter: new Date("2026-12-20T05:00:00Z") });

    // The calls: the groups by name, statuses of every instance including stopped/pending ones.
    const groupCalls = asg.commandCalls(DescribeAutoScalingGroupsCommand);
    expect(groupCalls).toHaveLength(2);
    expect(groupCalls[0]?.args[0].input.AutoScalingGroupNames).toEqual([GROUP_A, GROUP_B]);
    const statusCalls = ec2.commandCalls(DescribeInstanceStatusCommand);
    expect(statusCalls).toHaveLength(2);
    expect(statusCalls[0]?.args[0].input).toMatchObject({
      IncludeAllInstances: true,
      InstanceIds: ["i-0aaa0000000000001", "i-0aaa0000000000002", "i-0bbb0000000000001"],
    });
    expect(ec2.commandCalls(DescribeInstancesCommand)).toHaveLength(2);
  });

  it("asks for statuses at most 100 instances at a time", async () => {
    const ids = Array.from({ length: 230 }, (_, n) => `i-0${n.toString(16).padStart(16, "0")}`);
    asg.on(DescribeAutoScalingGroupsCommand).resolves({
      AutoScalingGroups: [
        group(
          GROUP_A,
          "us-east-1a",
          ids.map((id) => ({ id })),
        ),
      ],
    });
    ec2
      .on(DescribeInstancesCommand)
      .callsFake((input: { InstanceIds: string[] }) => ({ Reservations: [{ Instances: input.InstanceIds.map((id) => instance(id, "us-east-1a")) }] }));
    ec2
      .on(DescribeInstanceStatusCommand)
      .callsFake((input: { InstanceIds: string[] }) => ({ InstanceStatuses: input.InstanceIds.map((id) => status(id, "us-east-1a")) }));
    const result = await new AwsFleetCloud().describe([{ region: "us-east-1", groupName: GROUP_A }]);
    expect(result).toHaveLength(230);
    expect(result.every((i) => i.statusCheck === "ok" && i.imageId === "ami-0abcdef1234567890")).toBe(true);
    expect(ec2.commandCalls(DescribeInstanceStatusCommand).map((c) => c.args[0].input.InstanceIds?.length)).toEqual([100, 100, 30]);
  });

  it("uses one client per region", async () => {
    const regions: string[] = [];
    asg.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [] });
    const cloud = new AwsFleetCloud((region) => {
      regions.push(region);
      return { autoScaling: new AutoScalingClient({ region }), ec2: new EC2Client({ region }) };
    });
    await cloud.describe([
      { region: "us-east-1", groupName: GROUP_A },
      { region: "eu-west-1", groupName: "orders-eu-west-1-data-eu-west-1a" },
    ]);
    await cloud.describe([{ region: "us-east-1", groupName: GROUP_B }]);
    expect(regions).toEqual(["us-east-1", "eu-west-1"]);
    expect(ec2.commandCalls(DescribeInstancesCommand)).toHaveLength(0);
  });

  it("terminates in the group without decrementing the desired capacity, and takes an instance already gone for done", async () => {
    asg
      .on(TerminateInstanceInAutoScalingGroupCommand, { InstanceId: "i-0aaa0000000000001" })
      .resolves({
        Activity: {
          ActivityId: "5e3a1f0c-1b2c-3d4e-5f60-718293a4b5c6",
          AutoScalingGroupName: GROUP_A,
          Description: "Terminating EC2 instance: i-0aaa0000000000001",
          Cause: "At 2026-12-03T12:00:00Z instance i-0aaa0000000000001 was taken out of service in response to a user request.",
          StartTime: new Date("2026-12-03T12:00:00Z"),
          StatusCode: "InProgress",
          Progress: 0,
        },
      })
      .on(TerminateInstanceInAutoScalingGroupCommand, { InstanceId: "i-0aaa0000000000009" })
      .rejects(Object.assign(new Error("Instance Id not found - No managed instance found for instance ID: i-0aaa0000000000009"), { name: "ValidationError" }));
    const cloud = new AwsFleetCloud();
    await cloud.terminateInGroup({ region: "us-east-1", groupName: GROUP_A, instanceId: "i-0aaa0000000000001" });
    await cloud.terminateInGroup({ region: "us-east-1", groupName: GROUP_A, instanceId: "i-0aaa0000000000009" });
    const calls = asg.commandCalls(TerminateInstanceInAutoScalingGroupCommand);
    expect(calls.map((c) => c.args[0].input)).toEqual([
      { InstanceId: "i-0aaa0000000000001", ShouldDecrementDesiredCapacity: false },
      { InstanceId: "i-0aaa0000000000009", ShouldDecrementDesiredCapacity: false },
    ]);
  });

  it("passes other failures on", async () => {
    asg.on(TerminateInstanceInAutoScalingGroupCommand).rejects(Object.assign(new Error("Rate exceeded"), { name: "Throttling" }));
    await expect(new AwsFleetCloud().terminateInGroup({ region: "us-east-1", groupName: GROUP_A, instanceId: "i-0aaa0000000000001" })).rejects.toThrow(
      /Rate exceeded/,
    );
  });

  describe("a campaign's replacement", () => {
    const TEMPLATE = "lt-0a1b2c3d4e5f67890";
    const OLD_IMAGE = "ami-0abcdef1234567890";
    const NEW_IMAGE = "ami-0fedcba9876543210";
    const base64 = (s: string) => Buffer.from(s, "utf8").toString("base64");
    const TAGS = [
      { Key: "datastore-id", Value: "ds1" },
      { Key: "role", Value: "data" },
    ];

    /** A version as DescribeLaunchTemplateVersions returns it, with infra's boot script and tag specifications. */
    function templateVersion(version: number, imageId: string, engineVersion: string, engineTag?: string): LaunchTemplateVersion {
      return {
        LaunchTemplateId: TEMPLATE,
        LaunchTemplateName: "orders-us-east-1-data-lt",
        VersionNumber: version,
        VersionDescription: version === 1 ? undefined : `${engineVersion} on ${imageId} (datastore portal upgrade campaign)`,
        CreateTime: new Date("2026-10-01T07:59:00Z"),
        CreatedBy: "arn:aws:iam::123456789012:user/pulumi",
        DefaultVersion: version === 1,
        LaunchTemplateData: {
          ImageId: imageId,
          InstanceType: "i4i.2xlarge",
          UserData: base64(bootScript({ DATASTORE_ID: "ds1", FAMILY: "cassandra", ENGINE: "cassandra", ENGINE_VERSION: engineVersion })),
          TagSpecifications: [
            { ResourceType: "instance", Tags: [...TAGS, ...(engineTag ? [{ Key: "engine-version", Value: engineTag }] : [])] },
            { ResourceType: "volume", Tags: TAGS },
          ],
        },
      };
    }

    function groupOn(version: string) {
      const g = group(GROUP_A, "us-east-1a", [{ id: "i-0aaa0000000000001" }]);
      return { ...g, LaunchTemplate: { LaunchTemplateId: TEMPLATE, LaunchTemplateName: "orders-us-east-1-data-lt", Version: version } };
    }

    const target = {
      region: "us-east-1",
      groupName: GROUP_A,
      instanceId: "i-0aaa0000000000001",
      launch: { engineVersion: "4.1.5", imageIds: { "us-east-1": NEW_IMAGE } },
    };

    beforeEach(() => {
      asg.on(TerminateInstanceInAutoScalingGroupCommand).resolves({});
      asg.on(UpdateAutoScalingGroupCommand).resolves({});
    });

    it("creates a launch-template version on the release's image and engine version, moves the group to it, then terminates", async () => {
      asg.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [groupOn("1")] });
      ec2.on(DescribeLaunchTemplateVersionsCommand).resolves({ LaunchTemplateVersions: [templateVersion(1, OLD_IMAGE, "4.0.11")] });
      ec2.on(CreateLaunchTemplateVersionCommand).resolves({ LaunchTemplateVersion: templateVersion(2, NEW_IMAGE, "4.1.5", "4.1.5") });
      await new AwsFleetCloud().terminateInGroup(target);

      expect(asg.commandCalls(DescribeAutoScalingGroupsCommand)[0]?.args[0].input).toEqual({ AutoScalingGroupNames: [GROUP_A] });
      expect(ec2.commandCalls(DescribeLaunchTemplateVersionsCommand)[0]?.args[0].input).toEqual({ LaunchTemplateId: TEMPLATE, Versions: ["1"] });
      const create = ec2.commandCalls(CreateLaunchTemplateVersionCommand);
      expect(create).toHaveLength(1);
      const input = create[0]?.args[0].input;
      expect(input).toMatchObject({
        LaunchTemplateId: TEMPLATE,
        SourceVersion: "1",
        VersionDescription: `4.1.5 on ${NEW_IMAGE} (datastore portal upgrade campaign)`,
        LaunchTemplateData: {
          ImageId: NEW_IMAGE,
          TagSpecifications: [
            { ResourceType: "instance", Tags: [...TAGS, { Key: "engine-version", Value: "4.1.5" }] },
            { ResourceType: "volume", Tags: TAGS },
          ],
        },
      });
      expect(input?.ClientToken).toMatch(/^[0-9a-f]{64}$/);
      // The node agent reads the engine version from the boot script: the new version's says the release's.
      const script = Buffer.from(input?.LaunchTemplateData?.UserData ?? "", "base64").toString("utf8");
      expect(script).toContain('ENGINE_VERSION="4.1.5"');
      expect(script).not.toContain("4.0.11");
      expect(script).toContain('DATASTORE_ID="ds1"');
      expect(engineVersionOf({ LaunchTemplateData: { UserData: input?.LaunchTemplateData?.UserData } })).toBe("4.1.5");

      expect(asg.commandCalls(UpdateAutoScalingGroupCommand).map((c) => c.args[0].input)).toEqual([
        { AutoScalingGroupName: GROUP_A, LaunchTemplate: { LaunchTemplateId: TEMPLATE, Version: "2" } },
      ]);
      // The group moves before the instance goes, so the group's successor launches on the new version.
      expect(asg.calls().map((c) => c.args[0].constructor.name)).toEqual([
        "DescribeAutoScalingGroupsCommand",
        "UpdateAutoScalingGroupCommand",
        "TerminateInstanceInAutoScalingGroupCommand",
      ]);
      expect(asg.commandCalls(TerminateInstanceInAutoScalingGroupCommand)[0]?.args[0].input).toEqual({
        InstanceId: "i-0aaa0000000000001",
        ShouldDecrementDesiredCapacity: false,
      });
    });

    it("creates no second version when the group already launches the release (a retry, a zone the up already moved)", async () => {
      asg.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [groupOn("$Latest")] });
      ec2.on(DescribeLaunchTemplateVersionsCommand).resolves({ LaunchTemplateVersions: [templateVersion(2, NEW_IMAGE, "4.1.5", "4.1.5")] });
      await new AwsFleetCloud().terminateInGroup(target);
      expect(ec2.commandCalls(DescribeLaunchTemplateVersionsCommand)[0]?.args[0].input).toEqual({ LaunchTemplateId: TEMPLATE, Versions: ["$Latest"] });
      expect(ec2.commandCalls(CreateLaunchTemplateVersionCommand)).toHaveLength(0);
      expect(asg.commandCalls(UpdateAutoScalingGroupCommand)).toHaveLength(0);
      expect(asg.commandCalls(TerminateInstanceInAutoScalingGroupCommand)).toHaveLength(1);
    });

    it("reads the engine version from the boot script when the version has no engine-version tag (the stack's own up)", async () => {
      // The up's template: the release's image and ENGINE_VERSION in user data, no tag: nothing to create.
      asg.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [groupOn("3")] });
      ec2.on(DescribeLaunchTemplateVersionsCommand).resolves({ LaunchTemplateVersions: [templateVersion(3, NEW_IMAGE, "4.1.5")] });
      await new AwsFleetCloud().terminateInGroup(target);
      expect(ec2.commandCalls(CreateLaunchTemplateVersionCommand)).toHaveLength(0);
      // The same image on another engine version is a different launch: a version is created.
      ec2.reset();
      ec2.on(DescribeLaunchTemplateVersionsCommand).resolves({ LaunchTemplateVersions: [templateVersion(3, NEW_IMAGE, "4.1.4")] });
      ec2.on(CreateLaunchTemplateVersionCommand).resolves({ LaunchTemplateVersion: templateVersion(4, NEW_IMAGE, "4.1.5", "4.1.5") });
      await new AwsFleetCloud().terminateInGroup(target);
      expect(ec2.commandCalls(CreateLaunchTemplateVersionCommand)).toHaveLength(1);
    });

    it("asks for the same version again on a retry before the group moved (one ClientToken per source, image and version)", async () => {
      asg.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [groupOn("1")] });
      ec2.on(DescribeLaunchTemplateVersionsCommand).resolves({ LaunchTemplateVersions: [templateVersion(1, OLD_IMAGE, "4.0.11")] });
      ec2.on(CreateLaunchTemplateVersionCommand).resolves({ LaunchTemplateVersion: templateVersion(2, NEW_IMAGE, "4.1.5", "4.1.5") });
      asg
        .on(UpdateAutoScalingGroupCommand)
        .rejectsOnce(Object.assign(new Error("Rate exceeded"), { name: "Throttling" }))
        .resolves({});
      const cloud = new AwsFleetCloud();
      await expect(cloud.terminateInGroup(target)).rejects.toThrow(/Rate exceeded/);
      expect(asg.commandCalls(TerminateInstanceInAutoScalingGroupCommand)).toHaveLength(0);
      await cloud.terminateInGroup(target);
      const tokens = ec2.commandCalls(CreateLaunchTemplateVersionCommand).map((c) => c.args[0].input.ClientToken);
      expect(tokens).toHaveLength(2);
      expect(tokens[0]).toBe(tokens[1]);
      // A rollback to the old version is another request: another token.
      ec2.on(DescribeLaunchTemplateVersionsCommand).resolves({ LaunchTemplateVersions: [templateVersion(2, NEW_IMAGE, "4.1.5", "4.1.5")] });
      await cloud.terminateInGroup({ ...target, launch: { engineVersion: "4.0.11", imageIds: { "us-east-1": OLD_IMAGE } } });
      const rollback = ec2.commandCalls(CreateLaunchTemplateVersionCommand)[2]?.args[0].input;
      expect(rollback).toMatchObject({ SourceVersion: "2", LaunchTemplateData: { ImageId: OLD_IMAGE } });
      expect(rollback?.ClientToken).not.toBe(tokens[0]);
    });

    it("keeps the source version's image when the launch names none, changing only the engine version", async () => {
      asg.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [groupOn("2")] });
      ec2.on(DescribeLaunchTemplateVersionsCommand).resolves({ LaunchTemplateVersions: [templateVersion(2, NEW_IMAGE, "4.1.5", "4.1.5")] });
      ec2.on(CreateLaunchTemplateVersionCommand).resolves({ LaunchTemplateVersion: templateVersion(3, NEW_IMAGE, "4.0.11", "4.0.11") });
      await new AwsFleetCloud().terminateInGroup({ ...target, launch: { engineVersion: "4.0.11", imageIds: null } });
      expect(ec2.commandCalls(CreateLaunchTemplateVersionCommand)[0]?.args[0].input.LaunchTemplateData?.ImageId).toBe(NEW_IMAGE);
    });

    it("terminates nothing when the version cannot be created", async () => {
      asg.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [groupOn("1")] });
      ec2.on(DescribeLaunchTemplateVersionsCommand).resolves({ LaunchTemplateVersions: [templateVersion(1, OLD_IMAGE, "4.0.11")] });
      ec2
        .on(CreateLaunchTemplateVersionCommand)
        .rejects(Object.assign(new Error("The image id '[ami-0fedcba9876543210]' does not exist"), { name: "InvalidAMIID.NotFound" }));
      await expect(new AwsFleetCloud().terminateInGroup(target)).rejects.toThrow(/does not exist/);
      expect(asg.commandCalls(UpdateAutoScalingGroupCommand)).toHaveLength(0);
      expect(asg.commandCalls(TerminateInstanceInAutoScalingGroupCommand)).toHaveLength(0);
    });

    it("terminates nothing when the group launches from no launch template", async () => {
      asg.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [{ ...groupOn("1"), LaunchTemplate: undefined }] });
      await expect(new AwsFleetCloud().terminateInGroup(target)).rejects.toThrow(/launches from no launch template/);
      expect(asg.commandCalls(TerminateInstanceInAutoScalingGroupCommand)).toHaveLength(0);
    });

    it("launches each region's group on that region's own image (an AMI exists in one region only)", async () => {
      const EU_IMAGE = "ami-0e0e0e0e0e0e0e0e1";
      const EU_GROUP = "orders-eu-west-1-data-eu-west-1a";
      asg.on(DescribeAutoScalingGroupsCommand, { AutoScalingGroupNames: [GROUP_A] }).resolves({ AutoScalingGroups: [groupOn("1")] });
      asg
        .on(DescribeAutoScalingGroupsCommand, { AutoScalingGroupNames: [EU_GROUP] })
        .resolves({ AutoScalingGroups: [{ ...groupOn("1"), AutoScalingGroupName: EU_GROUP }] });
      ec2.on(DescribeLaunchTemplateVersionsCommand).resolves({ LaunchTemplateVersions: [templateVersion(1, OLD_IMAGE, "4.0.11")] });
      ec2.on(CreateLaunchTemplateVersionCommand).resolves({ LaunchTemplateVersion: templateVersion(2, NEW_IMAGE, "4.1.5", "4.1.5") });
      const clients = new Map<string, { autoScaling: AutoScalingClient; ec2: EC2Client }>();
      const cloud = new AwsFleetCloud((region) => {
        const c = { autoScaling: new AutoScalingClient({ region }), ec2: new EC2Client({ region }) };
        clients.set(region, c);
        return c;
      });
      const launch = { engineVersion: "4.1.5", imageIds: { "us-east-1": NEW_IMAGE, "eu-west-1": EU_IMAGE } };
      await cloud.terminateInGroup({ region: "us-east-1", groupName: GROUP_A, instanceId: "i-0aaa0000000000001", launch });
      await cloud.terminateInGroup({ region: "eu-west-1", groupName: EU_GROUP, instanceId: "i-0eee0000000000001", launch });

      // Which region's EC2 client asked for which image.
      const created = ec2.commandCalls(CreateLaunchTemplateVersionCommand).map((c) => ({
        region: [...clients].find(([, client]) => client.ec2 === c.thisValue)?.[0],
        image: c.args[0].input.LaunchTemplateData?.ImageId,
        description: c.args[0].input.VersionDescription,
      }));
      expect(created).toEqual([
        { region: "us-east-1", image: NEW_IMAGE, description: `4.1.5 on ${NEW_IMAGE} (datastore portal upgrade campaign)` },
        { region: "eu-west-1", image: EU_IMAGE, description: `4.1.5 on ${EU_IMAGE} (datastore portal upgrade campaign)` },
      ]);
      expect(asg.commandCalls(TerminateInstanceInAutoScalingGroupCommand).map((c) => c.args[0].input.InstanceId)).toEqual([
        "i-0aaa0000000000001",
        "i-0eee0000000000001",
      ]);
    });

    it("terminates nothing, and asks AWS nothing, in a region the launch has no image for", async () => {
      const launch = { engineVersion: "4.1.5", imageIds: { "us-east-1": NEW_IMAGE } };
      const error = await new AwsFleetCloud()
        .terminateInGroup({ region: "eu-west-1", groupName: "orders-eu-west-1-data-eu-west-1a", instanceId: "i-0eee0000000000001", launch })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(LaunchImageMissing);
      expect((error as Error).message).toMatch(/no machine image for eu-west-1 to launch 4\.1\.5 on/);
      expect(asg.calls()).toHaveLength(0);
      expect(ec2.calls()).toHaveLength(0);
    });

    it("touches no launch template for a replacement without a campaign", async () => {
      await new AwsFleetCloud().terminateInGroup({ region: "us-east-1", groupName: GROUP_A, instanceId: "i-0aaa0000000000001" });
      expect(asg.commandCalls(DescribeAutoScalingGroupsCommand)).toHaveLength(0);
      expect(ec2.calls()).toHaveLength(0);
      expect(asg.commandCalls(TerminateInstanceInAutoScalingGroupCommand)).toHaveLength(1);
    });
  });

  it("maps Auto Scaling lifecycle states onto the seam's", () => {
    expect(
      ["InService", "Pending", "Pending:Wait", "Terminating:Proceed", "Terminated", "Standby", "EnteringStandby", "Detaching", "Warmed:Pending"].map(
        lifecycleOf,
      ),
    ).toEqual(["in-service", "pending", "pending", "terminating", "terminated", "standby", "standby", "detached", "pending"]);
  });
});
