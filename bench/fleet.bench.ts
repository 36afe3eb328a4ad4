// npm run bench — the inventory refresh of a 1,000-node fleet (50 datastores × 2 zones × 10 nodes), on the simulated
// cloud and on the AWS cloud over aws-sdk-client-mock (the SDK's paging and batching, no network): the first refresh
// (every node new), an unchanged one (the steady state every FLEET_REFRESH_MINUTES), and one with 20 new scheduled
// events. Figures to watch, not targets: a refresh should stay well under the refresh period. A fresh SQLite database
// under a temporary directory; runs with the react-server condition (lib/server imports "server-only").
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";

const ROOT = join(__dirname, "..");
const dir = mkdtempSync(join(tmpdir(), "portal-fleet-bench-"));
process.env.DATABASE_URL = `file:${join(dir, "portal.db")}`;
process.env.DATA_DIR = dir;
process.env.LOG_LEVEL = "warn";

const DATASTORES = 50;
const ZONES = 2;
const PER_ZONE = 10;
const REGION = "us-east-1";

const fmt = (ms: number) => ms.toFixed(0);

async function main() {
  const migrated = spawnSync(join(ROOT, "node_modules", ".bin", "tsx"), [join(ROOT, "scripts", "db.ts"), "deploy"], {
    cwd: ROOT,
    env: process.env,
    encoding: "utf8",
  });
  if (migrated.status !== 0) throw new Error(`migrating the benchmark database failed:\n${migrated.stderr}`);

  const { db } = await import("../lib/server/db/client");
  const { refreshInventory } = await import("../lib/server/fleet/refresh-inventory");
  const { SimulatedFleetCloud } = await import("../lib/server/fleet/simulated-fleet-cloud");
  const { AwsFleetCloud } = await import("../lib/server/fleet/aws-fleet-cloud");
  const { mockClient } = await import("aws-sdk-client-mock");
  const { AutoScalingClient, DescribeAutoScalingGroupsCommand } = await import("@aws-sdk/client-auto-scaling");
  const { EC2Client, DescribeInstancesCommand, DescribeInstanceStatusCommand } = await import("@aws-sdk/client-ec2");

  // The fleet: 50 active datastores with the outputs an up writes.
  const team = await db().team.create({ data: { slug: "bench", name: "Bench" } });
  const groups: string[] = [];
  for (let d = 0; d < DATASTORES; d++) {
    const name = `bench-${d}`;
    const request = await db().request.create({ data: { teamId: team.id, createdById: "bench", name, status: "approved", workload: {}, family: "evcache" } });
    const names = Array.from({ length: ZONES }, (_, z) => `${name}-${REGION}-cache-${REGION}${String.fromCharCode(97 + z)}`);
    groups.push(...names);
    const ds = await db().datastore.create({
      data: {
        name,
        teamId: team.id,
        requestId: request.id,
        family: "evcache",
        tier: 2,
        status: "active",
        regions: [REGION],
        topology: [
          { region: REGION, role: "cache", family: "evcache", instanceType: "r6i.xlarge", nodesPerZone: PER_ZONE, zones: ZONES, nodes: PER_ZONE * ZONES },
        ],
        engine: "memcached",
        engineVersion: "1.6",
        annualCost: 1,
        monthlyCost: 1,
        contacts: [],
      },
    });
    await db().datastore.update({
      where: { id: ds.id },
      data: {
        outputs: {
          datastoreId: ds.id,
          regions: { [REGION]: { groupNames: names, groupNamesByRole: { cache: names }, securityGroupIds: [], endpoints: {}, alarmNames: [] } },
        },
      },
    });
  }

  const rows: string[][] = [];
  const measure = async (cloud: "simulated" | "aws-mocked", step: string, run: () => Promise<{ nodes: number; added: number; eventsOpened: number }>) => {
    const t0 = performance.now();
    const s = await run();
    rows.push([cloud, step, String(s.nodes), String(s.added), String(s.eventsOpened), fmt(performance.now() - t0)]);
  };

  // Simulated cloud: its first describe materialises every instance too.
  const sim = new SimulatedFleetCloud({ readyMs: 0 });
  await measure("simulated", "first", () => refreshInventory({ cloud: sim }));
  await measure("simulated", "unchanged", () => refreshInventory({ cloud: sim }));
  const some = await db().simCloudInstance.findMany({ take: 20, orderBy: { instanceId: "asc" } });
  for (const i of some)
    await sim.inject({
      instanceId: i.instanceId,
      code: "instance-retirement",
      description: "bench",
      notBefore: new Date(Date.now() + 86_400_000),
      notAfter: null,
      injectedBy: "bench",
    });
  await measure("simulated", "20 new events", () => refreshInventory({ cloud: sim }));

  // AWS over mocked clients: the same groups, instances ids of its own, answered as the API would (paged statuses).
  await db().fleetNode.deleteMany({});
  const asg = mockClient(AutoScalingClient);
  const ec2 = mockClient(EC2Client);
  const idOf = (group: string, n: number) => `i-0${(groups.indexOf(group) * PER_ZONE + n).toString(16).padStart(16, "0")}`;
  const zoneOf = (group: string) => group.slice(-REGION.length - 1);
  let withEvents = new Set<string>();
  asg.on(DescribeAutoScalingGroupsCommand).callsFake((input: { AutoScalingGroupNames: string[] }) => ({
    AutoScalingGroups: input.AutoScalingGroupNames.map((g) => ({
      AutoScalingGroupName: g,
      Instances: Array.from({ length: PER_ZONE }, (_, n) => ({
        InstanceId: idOf(g, n),
        InstanceType: "r6i.xlarge",
        AvailabilityZone: zoneOf(g),
        LifecycleState: "InService",
        HealthStatus: "Healthy",
      })),
    })),
  }));
  ec2.on(DescribeInstancesCommand).callsFake((input: { InstanceIds: string[] }) => ({
    Reservations: [
      {
        Instances: input.InstanceIds.map((id) => ({
          InstanceId: id,
          ImageId: "ami-0abcdef1234567890",
          InstanceType: "r6i.xlarge",
          LaunchTime: new Date("2026-10-01T00:00:00Z"),
          State: { Code: 16, Name: "running" },
          Placement: { AvailabilityZone: `${REGION}a` },
          Tags: [{ Key: "role", Value: "cache" }],
        })),
      },
    ],
  }));
  ec2.on(DescribeInstanceStatusCommand).callsFake((input: { InstanceIds: string[] }) => ({
    InstanceStatuses: input.InstanceIds.map((id) => ({
      InstanceId: id,
      InstanceState: { Code: 16, Name: "running" },
      InstanceStatus: { Status: "ok" },
      SystemStatus: { Status: "ok" },
      ...(withEvents.has(id)
        ? {
            Events: [
              {
                InstanceEventId: `instance-event-${id.slice(2)}`,
                Code: "instance-retirement",
                Description: "bench",
                NotBefore: new Date(Date.now() + 86_400_000),
              },
            ],
          }
        : {}),
    })),
  }));
  const aws = new AwsFleetCloud();
  await measure("aws-mocked", "first", () => refreshInventory({ cloud: aws }));
  await measure("aws-mocked", "unchanged", () => refreshInventory({ cloud: aws }));
  withEvents = new Set(groups.slice(0, 20).map((g) => idOf(g, 0)));
  await measure("aws-mocked", "20 new events", () => refreshInventory({ cloud: aws }));

  const header = ["cloud", "refresh", "nodes", "added", "events opened", "ms"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)));
  const line = (r: string[]) => r.map((c, i) => (i < 2 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join("  ");
  console.log(`\nFleet inventory refresh, ${DATASTORES} datastores × ${ZONES} zones × ${PER_ZONE} nodes (SQLite)`);
  console.log(line(header));
  for (const r of rows) console.log(line(r));
  await db().$disconnect();
}

main()
  .finally(() => rmSync(dir, { recursive: true, force: true }))
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
