// The inventory refresh: asks the cloud (through the FleetCloud seam) for the instances of a datastore's groups and
// writes what it says into fleet_nodes and fleet_events — new nodes added, changed ones updated, nodes no longer
// listed (or terminated) marked gone; events the cloud lists opened, those it no longer lists resolved. An impaired
// status check is an event of its own ("status-impaired", no deadline: act now). One transaction per datastore, so a
// page never sees half a datastore's refresh; the cloud is read before it opens, never inside it.
import "server-only";
import { db, type Tx } from "../db/client";
import { isUniqueViolation } from "../db/unique-violation";
import { findOrgSettingsRow, regionsOf } from "../settings/org-settings-row";
import { datastoreGroups, type DatastoreGroup } from "./datastore-groups";
import type { CloudInstance, FleetCloud } from "./fleet-cloud";
import { getFleetCloud } from "./fleet-cloud-factory";
import { emitFleetEvent } from "./fleet-webhooks";

export const STATUS_IMPAIRED = "status-impaired";

export interface RefreshSummary {
  datastores: number;
  /** Live nodes after the refresh. */
  nodes: number;
  added: number;
  gone: number;
  eventsOpened: number;
  eventsResolved: number;
  ms: number;
}

export interface RefreshOptions {
  cloud?: FleetCloud;
  signal?: AbortSignal;
}

const EMPTY: Omit<RefreshSummary, "ms"> = { datastores: 0, nodes: 0, added: 0, gone: 0, eventsOpened: 0, eventsResolved: 0 };

/**
 * Refreshes one datastore's nodes and events now (the maintenance slice calls it before and after replacing nodes).
 * A datastore that is gone or decommissioned has no groups: its remaining nodes are marked gone.
 */
export async function refreshDatastoreInventory(datastoreId: string, opts: RefreshOptions = {}): Promise<RefreshSummary> {
  const started = performance.now();
  const org = regionsOf(await findOrgSettingsRow(db()));
  const counts = await refreshOne(datastoreId, opts.cloud ?? getFleetCloud(), org, opts.signal);
  return { ...counts, ms: Math.round(performance.now() - started) };
}

/** Refreshes one datastore, or every datastore that has outputs or still has live nodes (the scheduled refresh). */
export async function refreshInventory(opts: RefreshOptions & { datastoreId?: string | null } = {}): Promise<RefreshSummary> {
  if (opts.datastoreId) return refreshDatastoreInventory(opts.datastoreId, opts);
  const started = performance.now();
  const cloud = opts.cloud ?? getFleetCloud();
  const org = regionsOf(await findOrgSettingsRow(db()));
  const [provisioned, withNodes] = await Promise.all([
    db().datastore.findMany({ where: { status: { not: "decommissioned" } }, select: { id: true, outputs: true } }),
    db().fleetNode.findMany({ where: { goneAt: null }, select: { datastoreId: true }, distinct: ["datastoreId"] }),
  ]);
  const ids = new Set([...provisioned.filter((d) => d.outputs !== null).map((d) => d.id), ...withNodes.map((n) => n.datastoreId)]);
  const total = { ...EMPTY };
  for (const id of [...ids].sort()) {
    opts.signal?.throwIfAborted();
    const c = await refreshOne(id, cloud, org, opts.signal);
    for (const k of Object.keys(total) as (keyof typeof total)[]) total[k] += c[k];
  }
  return { ...total, ms: Math.round(performance.now() - started) };
}

async function refreshOne(
  datastoreId: string,
  cloud: FleetCloud,
  org: ReturnType<typeof regionsOf>,
  signal?: AbortSignal,
): Promise<Omit<RefreshSummary, "ms">> {
  const row = await db().datastore.findUnique({
    where: { id: datastoreId },
    select: { id: true, status: true, family: true, engineVersion: true, topology: true, outputs: true },
  });
  const groups = row && row.status !== "decommissioned" ? datastoreGroups(row, org) : [];
  const instances =
    groups.length === 0
      ? []
      : await cloud.describe(
          groups.map((g) => ({ region: g.region, groupName: g.groupName })),
          signal,
        );
  signal?.throwIfAborted();
  const byGroup = new Map(groups.map((g) => [g.groupName, g]));
  try {
    return await db().$transaction((tx) => writeInventory(tx, datastoreId, instances, byGroup, new Date()));
  } catch (error) {
    // A concurrent refresh of the same datastore created the same node first: its writes are ours; write again on top.
    if (!isUniqueViolation(error)) throw error;
    return db().$transaction((tx) => writeInventory(tx, datastoreId, instances, byGroup, new Date()));
  }
}

interface DesiredEvent {
  eventId: string;
  code: string;
  description: string;
  notBefore: Date | null;
  notAfter: Date | null;
  deadline: Date | null;
}

/** The events a live instance carries: the cloud's scheduled ones, and its impaired status check. */
function desiredEvents(i: CloudInstance): DesiredEvent[] {
  const events: DesiredEvent[] = i.events.map((e) => ({ ...e, deadline: e.notAfter ?? e.notBefore }));
  if (i.statusCheck === "impaired")
    events.push({
      eventId: STATUS_IMPAIRED,
      code: STATUS_IMPAIRED,
      description: "The instance or system status check is impaired.",
      notBefore: null,
      notAfter: null,
      deadline: null,
    });
  return events;
}

const sameTime = (a: Date | null, b: Date | null) => (a?.getTime() ?? null) === (b?.getTime() ?? null);

async function writeInventory(
  tx: Tx,
  datastoreId: string,
  instances: readonly CloudInstance[],
  byGroup: ReadonlyMap<string, DatastoreGroup>,
  now: Date,
): Promise<Omit<RefreshSummary, "ms">> {
  const existing = await tx.fleetNode.findMany({ where: { datastoreId } });
  const byInstance = new Map(existing.map((n) => [n.instanceId, n]));
  const live = instances.filter((i) => i.state !== "terminated");
  const liveIds = new Set(live.map((i) => i.instanceId));
  let added = 0;

  const fieldsOf = (i: CloudInstance) => {
    const group = byGroup.get(i.groupName);
    return {
      region: i.region,
      zone: i.zone,
      role: group?.role ?? i.tags.role ?? "unknown",
      groupName: i.groupName,
      instanceType: i.instanceType,
      imageId: i.imageId,
      // The instance's own tag first: an upgrade campaign's canary runs a version the datastore does not record yet.
      engineVersion: i.tags["engine-version"] ?? group?.engineVersion ?? "unknown",
      launchedAt: i.launchedAt,
      state: i.state,
      lifecycle: i.lifecycle,
      healthy: i.healthy,
      statusCheck: i.statusCheck,
    };
  };

  const fresh = live.filter((i) => !byInstance.has(i.instanceId));
  if (fresh.length > 0) {
    await tx.fleetNode.createMany({ data: fresh.map((i) => ({ datastoreId, instanceId: i.instanceId, ...fieldsOf(i), firstSeenAt: now, seenAt: now })) });
    added = fresh.length;
  }
  const unchanged: string[] = [];
  for (const i of live) {
    const node = byInstance.get(i.instanceId);
    if (!node) continue;
    const fields = fieldsOf(i);
    const changed =
      node.goneAt !== null ||
      (Object.keys(fields) as (keyof typeof fields)[]).some((k) => {
        const a = fields[k];
        const b = node[k];
        return a instanceof Date && b instanceof Date ? a.getTime() !== b.getTime() : a !== b;
      });
    if (changed) await tx.fleetNode.update({ where: { id: node.id }, data: { ...fields, seenAt: now, goneAt: null } });
    else unchanged.push(node.id);
  }
  if (unchanged.length > 0) await tx.fleetNode.updateMany({ where: { id: { in: unchanged } }, data: { seenAt: now } });

  // Gone: no longer listed, or listed as terminated.
  const goneIds = existing.filter((n) => n.goneAt === null && !liveIds.has(n.instanceId)).map((n) => n.id);
  if (goneIds.length > 0) {
    await tx.fleetNode.updateMany({ where: { id: { in: goneIds } }, data: { goneAt: now } });
    const terminated = new Set(instances.filter((i) => i.state === "terminated").map((i) => i.instanceId));
    const listedTerminated = existing.filter((n) => n.goneAt === null && terminated.has(n.instanceId)).map((n) => n.id);
    if (listedTerminated.length > 0)
      await tx.fleetNode.updateMany({ where: { id: { in: listedTerminated } }, data: { state: "terminated", lifecycle: "terminated", healthy: false } });
  }

  // Events: the desired set per live node against what is stored.
  // Live nodes' ids: those read above, and (only when some were added) the new ones.
  const nodeIdOf = new Map(existing.filter((n) => liveIds.has(n.instanceId)).map((n) => [n.instanceId, n.id]));
  if (fresh.length > 0) {
    const created = await tx.fleetNode.findMany({ where: { instanceId: { in: fresh.map((i) => i.instanceId) } }, select: { id: true, instanceId: true } });
    for (const n of created) nodeIdOf.set(n.instanceId, n.id);
  }
  const nodes = [...nodeIdOf.values()].map((id) => ({ id }));
  const stored = await tx.fleetEvent.findMany({ where: { datastoreId, OR: [{ resolvedAt: null }, { nodeId: { in: nodes.map((n) => n.id) } }] } });
  const storedByKey = new Map(stored.map((e) => [`${e.nodeId}/${e.eventId}`, e]));
  const wanted = new Set<string>();
  const opened: { nodeId: string; instanceId: string; event: DesiredEvent }[] = [];
  for (const i of live) {
    const nodeId = nodeIdOf.get(i.instanceId);
    if (!nodeId) continue;
    for (const e of desiredEvents(i)) {
      const key = `${nodeId}/${e.eventId}`;
      wanted.add(key);
      const have = storedByKey.get(key);
      const data = { code: e.code, description: e.description, notBefore: e.notBefore, notAfter: e.notAfter, deadline: e.deadline };
      if (!have) {
        await tx.fleetEvent.create({ data: { nodeId, datastoreId, eventId: e.eventId, ...data, firstSeenAt: now } });
        opened.push({ nodeId, instanceId: i.instanceId, event: e });
      } else if (have.resolvedAt !== null) {
        // Seen again after it was resolved (an impairment that came back): open again.
        await tx.fleetEvent.update({ where: { id: have.id }, data: { ...data, resolvedAt: null, firstSeenAt: now } });
        opened.push({ nodeId, instanceId: i.instanceId, event: e });
      } else if (have.description !== e.description || !sameTime(have.notBefore, e.notBefore) || !sameTime(have.notAfter, e.notAfter)) {
        await tx.fleetEvent.update({ where: { id: have.id }, data });
      }
    }
  }
  const resolve = stored.filter((e) => e.resolvedAt === null && !wanted.has(`${e.nodeId}/${e.eventId}`)).map((e) => e.id);
  if (resolve.length > 0) await tx.fleetEvent.updateMany({ where: { id: { in: resolve } }, data: { resolvedAt: now } });

  for (const o of opened) await emitFleetEvent(tx, datastoreId, o.instanceId, o.event);

  return { datastores: 1, nodes: live.length, added, gone: goneIds.length, eventsOpened: opened.length, eventsResolved: resolve.length };
}
