// Inventory rows as the API sends them: allow-lists built field by field (a new column never leaks), dates as ISO.
import "server-only";
import { familyOfType, instanceGeneration } from "@/lib/catalog/instance-generation";
import { FLEET_EVENT_CODES, type FleetEventCode, type FleetEventDto, type FleetNodeDto, type FleetRefreshJobDto } from "@/lib/schemas/fleet";
import type { Tx } from "../db/client";

const iso = (d: Date | null) => d?.toISOString() ?? null;
const TEAM = { select: { id: true, slug: true, name: true } } as const;

export const FLEET_NODE_INCLUDE = {
  datastore: { select: { id: true, name: true, team: TEAM } },
  events: { where: { resolvedAt: null } },
} as const;

type NodeRow = Awaited<ReturnType<Tx["fleetNode"]["findFirstOrThrow"]>>;
type EventRow = Awaited<ReturnType<Tx["fleetEvent"]["findFirstOrThrow"]>>;
type DatastoreRef = { id: string; name: string; team: { id: string; slug: string; name: string } };

const codeOf = (code: string): FleetEventCode => ((FLEET_EVENT_CODES as readonly string[]).includes(code) ? (code as FleetEventCode) : "system-maintenance");

/** Soonest first; an impaired check (no deadline: act now) before everything. */
export function byDeadline(a: { deadline: Date | null }, b: { deadline: Date | null }): number {
  return (a.deadline?.getTime() ?? -Infinity) - (b.deadline?.getTime() ?? -Infinity);
}

export function toFleetEventDto(e: EventRow, node: Pick<NodeRow, "instanceId" | "region" | "zone" | "role">, datastore: DatastoreRef): FleetEventDto {
  return {
    id: e.id,
    eventId: e.eventId,
    code: codeOf(e.code),
    description: e.description,
    notBefore: iso(e.notBefore),
    notAfter: iso(e.notAfter),
    deadline: iso(e.deadline),
    firstSeenAt: e.firstSeenAt.toISOString(),
    resolvedAt: iso(e.resolvedAt),
    operationId: e.operationId,
    instanceId: node.instanceId,
    datastore: { id: datastore.id, name: datastore.name },
    team: { id: datastore.team.id, slug: datastore.team.slug, name: datastore.team.name },
    region: node.region,
    zone: node.zone,
    role: node.role,
  };
}

export function toFleetNodeDto(n: NodeRow & { datastore: DatastoreRef; events: EventRow[] }): FleetNodeDto {
  return {
    id: n.id,
    instanceId: n.instanceId,
    datastore: { id: n.datastore.id, name: n.datastore.name },
    team: { id: n.datastore.team.id, slug: n.datastore.team.slug, name: n.datastore.team.name },
    region: n.region,
    zone: n.zone,
    role: n.role,
    groupName: n.groupName,
    instanceType: n.instanceType,
    family: familyOfType(n.instanceType),
    generation: instanceGeneration(n.instanceType),
    imageId: n.imageId,
    engineVersion: n.engineVersion,
    launchedAt: n.launchedAt.toISOString(),
    state: n.state,
    lifecycle: n.lifecycle,
    healthy: n.healthy,
    statusCheck: n.statusCheck,
    seenAt: n.seenAt.toISOString(),
    events: [...n.events].sort(byDeadline).map((e) => toFleetEventDto(e, n, n.datastore)),
  };
}

type JobRow = Awaited<ReturnType<Tx["fleetRefreshJob"]["findFirstOrThrow"]>>;

export function toRefreshJobDto(j: JobRow): FleetRefreshJobDto {
  const summary =
    j.summary && typeof j.summary === "object" && !Array.isArray(j.summary)
      ? Object.fromEntries(Object.entries(j.summary).filter((e): e is [string, number] => typeof e[1] === "number"))
      : null;
  const error = j.error && typeof j.error === "object" && !Array.isArray(j.error) && "message" in j.error ? String(j.error.message) : null;
  return {
    id: j.id,
    trigger: j.trigger === "scheduled" || j.trigger === "after-operation" ? j.trigger : "on-demand",
    requestedBy: j.requestedBy,
    status: j.status === "running" || j.status === "succeeded" || j.status === "failed" ? j.status : "queued",
    datastoreId: j.datastoreId,
    createdAt: j.createdAt.toISOString(),
    startedAt: iso(j.startedAt),
    finishedAt: iso(j.finishedAt),
    summary,
    error,
  };
}
