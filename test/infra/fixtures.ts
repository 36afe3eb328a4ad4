// Datastore specs for the Pulumi program tests, planned by the real planner from the five canonical use cases
// (so topologies, roles and thresholds are what an approval actually stores), and organisation settings.
import { CANONICAL_USE_CASES } from "../../lib/planner/examples";
import { MODELS, planWorkload } from "../../lib/planner";
import type { TopologyCluster } from "../../lib/schemas/datastore";
import { PlanRequestSchema, type Family } from "../../lib/schemas/plan";
import type { WorkloadInput } from "../../lib/schemas/workload";
import type { DatastoreSpec } from "../../lib/schemas/datastore-spec";
import type { OrgSettings, RegionSettings } from "../../lib/schemas/org-settings";

export interface SpecOptions {
  name?: string;
  id?: string;
  regions?: string[];
}

/** The recommended plan of a canonical use case, approved as a datastore. */
export function specFor(useCaseId: string, opts: SpecOptions = {}): DatastoreSpec {
  const uc = CANONICAL_USE_CASES.find((u) => u.id === useCaseId);
  if (!uc) throw new Error(`no use case ${useCaseId}`);
  return specForWorkload(uc.workload, opts);
}

/** Key-value Cassandra read hot enough for an EVCache tier, and searchable: both companions. */
export const CASSANDRA_WITH_COMPANIONS: WorkloadInput = {
  name: "title-metadata",
  tier: 1,
  accessPattern: "key-value",
  readsPerSecond: 400_000,
  writesPerSecond: 5_000,
  readItemBytes: 1024,
  writeItemBytes: 1024,
  datasetGiB: 500,
  consistency: "eventual",
  durability: "durable",
  regions: ["us-east-1", "eu-west-1"],
  features: ["full-text"],
};

/** The recommended plan of a workload, approved as a datastore. */
export function specForWorkload(input: WorkloadInput, opts: SpecOptions = {}): DatastoreSpec {
  const workload = { ...input, ...(opts.regions ? { regions: opts.regions } : {}) };
  const result = planWorkload(PlanRequestSchema.parse({ workload }));
  const plan = result.plans[0];
  if (!plan) throw new Error(`no plan for ${workload.name}`);
  const topology: TopologyCluster[] = plan.clusters.map((c) => ({
    region: c.region,
    role: c.role,
    family: c.family,
    instanceType: c.instanceType,
    nodesPerZone: c.nodesPerZone,
    zones: c.zones,
    nodes: c.nodes,
    ...(c.drive ? { drive: c.drive } : {}),
  }));
  const { name: engine, version: engineVersion } = MODELS[plan.family].engine;
  const name = opts.name ?? workload.name;
  return {
    id: opts.id ?? `ds_${name}`,
    name,
    team: { id: "team_1", slug: "storage-team", name: "Storage Team" },
    requestId: `req_${name}`,
    family: plan.family,
    tier: workload.tier,
    regions: workload.regions as DatastoreSpec["regions"],
    topology,
    engine,
    engineVersion,
    annualCost: plan.annualCost,
    contacts: ["ada@example.com", "grace@example.com"],
    pagerTarget: "pagerduty:storage-oncall",
    thresholds: plan.thresholds,
  };
}

/** The use case planned as each family. */
export const USE_CASE_BY_FAMILY = {
  evcache: "cdn-url",
  elasticsearch: "playback-incidents",
  cassandra: "viewing-history",
  graph: "digital-assets",
  dynomite: "delayed-queues",
} as const satisfies Record<Family, string>;

const hex = (n: number, width: number) => n.toString(16).padStart(width, "0");

export function regionSettings(region: string, i: number, zones = ["a", "b", "c", "d", "e", "f"]): RegionSettings {
  return {
    vpcId: `vpc-${hex(i, 8)}`,
    subnets: Object.fromEntries(zones.map((z, j) => [`${region}${z}`, `subnet-${hex(i * 16 + j, 8)}`])),
    imageIds: {
      evcache: `ami-${hex(i * 16 + 1, 8)}`,
      cassandra: `ami-${hex(i * 16 + 2, 8)}`,
      elasticsearch: `ami-${hex(i * 16 + 3, 8)}`,
      graph: `ami-${hex(i * 16 + 4, 8)}`,
      dynomite: `ami-${hex(i * 16 + 5, 8)}`,
    },
    instanceProfileName: "datastore-node",
    allowedCidrs: ["10.0.0.0/8", "172.16.0.0/12"],
    alarmTopicArn: `arn:aws:sns:${region}:123456789012:datastore-alarms`,
  };
}

export const ORG: OrgSettings = {
  regions: Object.fromEntries(["us-east-1", "us-west-2", "eu-west-1"].map((r, i) => [r, regionSettings(r, i + 1)])) as OrgSettings["regions"],
};

/** The fixture settings of a region (every region the fixtures plan in has them). */
export function settingsOf(region: string | undefined): RegionSettings {
  const settings = ORG.regions[region as keyof OrgSettings["regions"]];
  if (!settings) throw new Error(`fixture has no settings for ${region}`);
  return settings;
}
