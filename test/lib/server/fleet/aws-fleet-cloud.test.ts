// The AWS fleet cloud against aws-sdk-client-mock, answering with the response shapes of the AWS API references
// (DescribeAutoScalingGroups, DescribeInstances, DescribeInstanceStatus, TerminateInstanceInAutoScalingGroup), as
// the SDK deserialises them: Dates for timestamps, NextToken pages.
import { beforeEach, describe, expect, it } from "vitest";
import { mockClient } from "aws-sdk-client-mock";
import {
  AutoScalingClient,
  DescribeAutoScalingGroupsCommand,
  TerminateInstanceInAutoScalingGroupCommand,
  type AutoScalingGroup,
  type LifecycleState as AsgLifecycleState,
} from "@aws-sdk/client-auto-scaling";
import {
  DescribeInstancesCommand,
  DescribeInstanceStatusCommand,
  EC2Client,
  type Instance,
  type InstanceStateName,
  type InstanceStatus,
  type InstanceStatusEvent,
  type SummaryStatus,
} from "@aws-sdk/client-ec2";
import { AwsFleetCloud, lifecycleOf } from "@/lib/server/fleet/aws-fleet-cloud";

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

  it("maps Auto Scaling lifecycle states onto the seam's", () => {
    expect(
      ["InService", "Pending", "Pending:Wait", "Terminating:Proceed", "Terminated", "Standby", "EnteringStandby", "Detaching", "Warmed:Pending"].map(
        lifecycleOf,
      ),
    ).toEqual(["in-service", "pending", "pending", "terminating", "terminated", "standby", "standby", "detached", "pending"]);
  });
});
