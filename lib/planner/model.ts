// The one interface every store-family model implements, and the types shared by models and the planner.
import type { PricedInstance, RegionHardware } from "../catalog";
import type { Cluster, DrivePlan, Family, Requirements, Resource, SizingDriver, Threshold, Utilisation } from "../schemas/plan";
import type { AccessPattern, Consistency, Durability, Feature, Workload } from "../schemas/workload";

/**
 * A workload at one point of its uncertainty, for one region: every quantity a number.
 * The deterministic path uses the mids; the uncertainty layer draws many of these.
 */
export interface PointDesires {
  tier: 0 | 1 | 2 | 3;
  accessPattern: AccessPattern;
  readsPerSecond: number;
  writesPerSecond: number;
  readItemBytes: number;
  writeItemBytes: number;
  /** Logical data per region at the planning horizon (dataset + growth × horizon), before replication. */
  datasetGiB: number;
  itemCount?: number;
  readLatencyP99Ms?: number;
  writeLatencyP99Ms?: number;
  consistency: Consistency;
  durability: Durability;
  regionCount: number;
  crossRegionReplication: boolean;
  features: readonly Feature[];
  traversalDepth: number;
  fanout: number;
  readCpuMs?: number;
  writeCpuMs?: number;
  compressionRatio?: number;
  /** Days of incremental backups kept (Cassandra); the model's default when absent, 0 for none. */
  backupRetentionDays?: number;
  storage: "local" | "attached" | "any";
  instanceFamilies?: readonly string[];
}

/** How well a family fits a workload, for the recommender. `against` explains every shortfall. */
export interface Assessment {
  /** false when the family cannot serve the workload at all (consistency, durability, data model). */
  admissible: boolean;
  /** 0–100. */
  score: number;
  reasons: string[];
  against: string[];
}

/** One role of a cluster in one region, sized on one instance shape. */
export interface SizedCluster extends Omit<Cluster, "region" | "instanceType" | "nodes" | "annualCost" | "drive" | "driver"> {
  instance: PricedInstance;
  /** What set the node count, in words. */
  driver: SizingDriver;
  drive?: DrivePlan;
  /** Annual cost of the instances of all zones. */
  computeCost: number;
  /** Annual cost of attached volumes of all zones (0 for local NVMe). */
  driveCost: number;
  explanation: string[];
}

export type ShapeResult = { ok: true; cluster: SizedCluster } | { ok: false; instanceType: string; code: string; reason: string };

/** A complete candidate for one region: all roles of the family, plus services. */
export interface RegionCandidate {
  clusters: SizedCluster[];
  networkTransferCost: number;
  backupCost: number;
  /** Sort key: cost plus penalties (lower is better). */
  rank: number;
  explanation: string[];
}

export interface RegionPlan {
  /** Ranked best first, at most one per instance family of the primary role. */
  candidates: RegionCandidate[];
  rejected: { instanceType: string; code: string; reason: string }[];
  warnings: string[];
}

export interface PlanRegionOptions {
  maxCandidates: number;
  /** Restrict the primary role to these exact instance types (used to re-evaluate a topology in another world). */
  instanceTypes?: readonly string[];
  /** Minimum nodes per zone for the primary role (used when re-pricing a chosen topology). */
  minNodesPerZone?: number;
  /** Sizes only, no sentences: the simulations of least regret read node counts and costs, never explanations. */
  quiet?: boolean;
}

/**
 * What a model assumes when the team says nothing: written once, read by its sizing and its alarms alike, and shown
 * in the UI as the "model default" of each field. Numbers where the model uses one value; a short phrase where the
 * default depends on the workload (EVCache's read CPU follows the item size).
 */
export interface ModelDefaults {
  /** p99 read latency (ms) the cluster is sized for and the read alarm's critical level. */
  readonly readLatencyP99Ms: number;
  /** p99 write latency (ms) of the write alarm; absent when the model has no write SLO. */
  readonly writeLatencyP99Ms?: number;
  /** Mean on-CPU ms per read and per write (not latencies). */
  readonly readCpuMs: number | string;
  readonly writeCpuMs: number | string;
  /** Forward compression ratio of data at rest; absent when data is kept uncompressed (caches, Redis). */
  readonly compressionRatio?: number;
  /** Copies of the data in a region, in words ("RF 3 …"). */
  readonly copies: string;
  /** Days incremental backups are kept (stores that back up). */
  readonly backupRetentionDays?: number;
}

export interface StoreModel {
  readonly family: Family;
  /** The model's defaults: one object for sizing, alarms and the UI's placeholders. */
  readonly defaults: ModelDefaults;
  /** The engine the clusters run, for the catalog and provisioning. */
  readonly engine: { name: string; version: string };
  /** The primary role's name (data, cache, queue, graph-server…). */
  readonly primaryRole: string;
  assess(workload: Workload): Assessment;
  planRegion(desires: PointDesires, hardware: RegionHardware, options: PlanRegionOptions): RegionPlan;
  /** Default alert thresholds for a sized candidate. */
  thresholds(desires: PointDesires, clusters: readonly SizedCluster[]): Threshold[];
}

export type { Requirements, Resource, Utilisation, DrivePlan, SizingDriver };
