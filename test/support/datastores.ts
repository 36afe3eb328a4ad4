// Datastores for catalog tests, written straight into the test database the way approving a request writes them
// (lib/server/requests/review-request.ts): an approved Request, the Datastore row and its Threshold rows.
import { randomUUID } from "node:crypto";
import { MODELS } from "@/lib/planner";
import { db } from "@/lib/server/db/client";
import { toThresholdRow } from "@/lib/server/datastores/threshold-rows";
import { regionRowsCreate } from "@/lib/server/datastores/region-rows";
import type { Family, Threshold } from "@/lib/schemas/plan";
import type { DatastoreStatus, TopologyCluster } from "@/lib/schemas/datastore";
import { viewingHistory } from "../api/support";

/** Cassandra in two regions with an EVCache cache in front: the viewing-history shape with a companion. */
export const CASSANDRA_WITH_CACHE: TopologyCluster[] = [
  {
    region: "us-east-1",
    role: "data",
    family: "cassandra",
    instanceType: "i4i.2xlarge",
    nodesPerZone: 4,
    zones: 3,
    nodes: 12,
    drive: { kind: "local-nvme", type: "nvme", sizeGib: 1875 },
  },
  {
    region: "eu-west-1",
    role: "data",
    family: "cassandra",
    instanceType: "i4i.2xlarge",
    nodesPerZone: 4,
    zones: 3,
    nodes: 12,
    drive: { kind: "local-nvme", type: "nvme", sizeGib: 1875 },
  },
  { region: "us-east-1", role: "cache", family: "evcache", instanceType: "r6g.xlarge", nodesPerZone: 2, zones: 3, nodes: 6 },
  { region: "eu-west-1", role: "cache", family: "evcache", instanceType: "r6g.xlarge", nodesPerZone: 2, zones: 3, nodes: 6 },
];

export const CASSANDRA_THRESHOLDS: Threshold[] = [
  {
    metric: "read-latency-p99",
    role: "data",
    family: "cassandra",
    comparison: "above",
    warning: 8,
    critical: 10,
    unit: "ms",
    forMinutes: 5,
    description: "Coordinator p99 read latency against the read SLO.",
  },
  {
    metric: "disk-used",
    role: "data",
    family: "cassandra",
    comparison: "above",
    warning: 50,
    critical: 55,
    unit: "percent",
    forMinutes: 10,
    description: "Compaction needs free space.",
  },
  {
    metric: "evictions",
    role: "cache",
    family: "evcache",
    comparison: "above",
    warning: 100,
    critical: 1000,
    unit: "per-second",
    forMinutes: 15,
    description: "Unexpired items evicted.",
  },
];

export interface MakeDatastoreOptions {
  teamId: string;
  /** Who created the originating request. */
  createdById?: string;
  name?: string;
  family?: Family;
  tier?: 0 | 1 | 2 | 3;
  status?: DatastoreStatus;
  regions?: string[];
  topology?: TopologyCluster[];
  thresholds?: Threshold[];
  contacts?: string[];
  pagerTarget?: string | null;
  createdAt?: Date;
}

/** A single-cluster topology of `family` in each region (for families other than the default Cassandra). */
export function simpleTopology(family: Family, regions: readonly string[], role = "data"): TopologyCluster[] {
  return regions.map((region) => ({ region, role, family, instanceType: "m6id.xlarge", nodesPerZone: 2, zones: 3, nodes: 6 }));
}

export async function makeDatastore(opts: MakeDatastoreOptions) {
  const family = opts.family ?? "cassandra";
  const regions = opts.regions ?? ["us-east-1", "eu-west-1"];
  const topology = opts.topology ?? (family === "cassandra" ? CASSANDRA_WITH_CACHE.filter((c) => regions.includes(c.region)) : simpleTopology(family, regions));
  const thresholds = opts.thresholds ?? (family === "cassandra" ? CASSANDRA_THRESHOLDS : []);
  const name = opts.name ?? `store-${randomUUID().slice(0, 8)}`;
  const tier = opts.tier ?? 1;
  const engine = MODELS[family].engine;
  const request = await db().request.create({
    data: {
      teamId: opts.teamId,
      createdById: opts.createdById ?? randomUUID(),
      name,
      status: "approved",
      workload: { ...viewingHistory, name, tier, regions },
      family,
      chosenRank: 1,
      thresholds,
      submittedAt: new Date(),
      decidedAt: new Date(),
    },
  });
  return db().datastore.create({
    data: {
      name,
      teamId: opts.teamId,
      requestId: request.id,
      family,
      tier,
      status: opts.status ?? "approved",
      regions,
      regionRows: regionRowsCreate(regions),
      topology,
      engine: engine.name,
      engineVersion: engine.version,
      annualCost: 123_456.78,
      monthlyCost: 10_288.07,
      contacts: opts.contacts ?? ["owner@example.test"],
      pagerTarget: opts.pagerTarget === undefined ? "pagerduty:viewing-oncall" : opts.pagerTarget,
      ...(opts.createdAt ? { createdAt: opts.createdAt } : {}),
      thresholds: {
        create: thresholds.map(toThresholdRow),
      },
    },
    include: { thresholds: true },
  });
}
