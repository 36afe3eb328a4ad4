// Datastore rows → the API's allow-list (DatastoreSchema). JSON columns are read through the shared schemas, so a
// field the catalog does not name (a plan's sizing working, provisioning hints) never reaches the wire.
import "server-only";
import { z } from "zod";
import { ThresholdSchema, type Threshold } from "@/lib/schemas/plan";
import { DatastoreOutputsSchema } from "@/lib/schemas/operation";
import { DatastoreSchema, DatastoreSummarySchema, TopologyClusterSchema, type DatastoreDto, type DatastoreSummary } from "@/lib/schemas/datastore";
import type { Db } from "../db/client";

/** What every datastore read includes: the owning team and the thresholds, in a stable order. */
export const DATASTORE_INCLUDE = {
  team: { select: { id: true, slug: true, name: true, warningTopicArn: true } },
  thresholds: { orderBy: [{ role: "asc" }, { metric: "asc" }] },
} as const satisfies NonNullable<Parameters<Db["datastore"]["findMany"]>[0]>["include"];

type DatastoreRow = Awaited<ReturnType<Db["datastore"]["findFirstOrThrow"]>>;
type ThresholdRow = Awaited<ReturnType<Db["threshold"]["findFirstOrThrow"]>>;
export type DatastoreWithRelations = DatastoreRow & {
  team: { id: string; slug: string; name: string; warningTopicArn?: string | null };
  thresholds: ThresholdRow[];
};

// Reading: unknown keys in stored JSON are dropped (z.object strips), never passed through.
const StoredTopologySchema = z.array(z.object(TopologyClusterSchema.shape));
const StoredStringsSchema = z.array(z.string());

export function toThreshold(row: ThresholdRow): Threshold {
  return ThresholdSchema.parse({
    metric: row.metric,
    role: row.role,
    family: row.family,
    comparison: row.comparison,
    ...(row.warning === null ? {} : { warning: row.warning }),
    critical: row.critical,
    unit: row.unit,
    forMinutes: row.forMinutes,
    description: row.description,
  });
}

export function toDatastoreDto(row: DatastoreWithRelations): DatastoreDto {
  return DatastoreSchema.parse({
    id: row.id,
    name: row.name,
    team: { id: row.team.id, slug: row.team.slug, name: row.team.name },
    requestId: row.requestId,
    family: row.family,
    tier: row.tier,
    status: row.status,
    regions: StoredStringsSchema.parse(row.regions),
    topology: StoredTopologySchema.parse(row.topology),
    engine: row.engine,
    engineVersion: row.engineVersion,
    annualCost: row.annualCost,
    monthlyCost: row.monthlyCost,
    contacts: StoredStringsSchema.parse(row.contacts),
    pagerTarget: row.pagerTarget,
    thresholds: row.thresholds.map(toThreshold),
    outputs: row.outputs === null ? null : DatastoreOutputsSchema.parse(row.outputs),
    decommissionedAt: row.decommissionedAt?.toISOString() ?? null,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  });
}

/** What a list reads of a datastore: no thresholds, outputs or contacts (the topology only for its node count). */
export const DATASTORE_SUMMARY_SELECT = {
  id: true,
  name: true,
  team: { select: { id: true, slug: true, name: true, warningTopicArn: true } },
  requestId: true,
  family: true,
  tier: true,
  status: true,
  regions: true,
  topology: true,
  annualCost: true,
  monthlyCost: true,
  decommissionedAt: true,
  version: true,
  createdAt: true,
  updatedAt: true,
} as const satisfies NonNullable<Parameters<Db["datastore"]["findMany"]>[0]>["select"];

const StoredNodesSchema = z.array(z.object({ nodes: z.number().int().nonnegative() }));

type DatastoreSummaryRow = Pick<
  DatastoreRow,
  | "id"
  | "name"
  | "requestId"
  | "family"
  | "tier"
  | "status"
  | "regions"
  | "topology"
  | "annualCost"
  | "monthlyCost"
  | "decommissionedAt"
  | "version"
  | "createdAt"
  | "updatedAt"
> & {
  team: { id: string; slug: string; name: string };
};

export function toDatastoreSummary(row: DatastoreSummaryRow): DatastoreSummary {
  return DatastoreSummarySchema.parse({
    id: row.id,
    name: row.name,
    team: { id: row.team.id, slug: row.team.slug, name: row.team.name },
    requestId: row.requestId,
    family: row.family,
    tier: row.tier,
    status: row.status,
    regions: StoredStringsSchema.parse(row.regions),
    nodes: StoredNodesSchema.parse(row.topology).reduce((n, c) => n + c.nodes, 0),
    annualCost: row.annualCost,
    monthlyCost: row.monthlyCost,
    decommissionedAt: row.decommissionedAt?.toISOString() ?? null,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  });
}
