// The simulated cloud behind the FleetCloud seam (PROVISIONER=simulated): instances in sim_cloud_instances, events in
// sim_cloud_events. A group's instances materialise the first time it is described, deterministically from the
// datastore's topology and outputs (ids `i-` + 17 hex of sha256(datastoreId/group/index/generation)); terminating one
// launches a replacement in the same group that turns in-service SIM_REPLACEMENT_READY_MS later, as an auto scaling
// group does. Scheduled events come only from an administrator or a test (injectSimulatedEvent), and go with the
// instance they were scheduled on.
import "server-only";
import { createHash } from "node:crypto";
import { env } from "@/lib/env";
import { db, type Tx } from "../db/client";
import { isUniqueViolation } from "../db/unique-violation";
import { findOrgSettingsRow, regionsOf } from "../settings/org-settings-row";
import { datastoreGroups, regionSettingsOf, type DatastoreGroup } from "./datastore-groups";
import {
  SCHEDULED_EVENT_CODES,
  launchImageIn,
  type CloudGroupRef,
  type CloudInstance,
  type FleetCloud,
  type InstanceState,
  type LaunchVersion,
  type LifecycleState,
  type ScheduledEventCode,
  type StatusCheck,
} from "./fleet-cloud";

/** EC2 keeps listing a terminated instance for about an hour; so does the simulated cloud. */
const TERMINATED_VISIBLE_MS = 60 * 60 * 1000;

function hex(seed: string, length: number): string {
  return createHash("sha256").update(seed).digest("hex").slice(0, length);
}

/** The id of the `index`th instance a group launched in its `generation` (0: the first materialisation). */
export function simulatedInstanceId(datastoreId: string, groupName: string, index: number, generation: number): string {
  return `i-${hex(`${datastoreId}/${groupName}/${index}/${generation}`, 17)}`;
}

/**
 * The id of the instance launched to replace `predecessor`. Derived from the one it replaces, not from counts of the
 * group: two terminations in one group run concurrently (a zone's nodes are replaced together), and on PostgreSQL two
 * transactions counting the same group would read the same count and launch the same id. An instance is terminated
 * once (the conditional update below), so its replacement's id is unique.
 */
export function replacementInstanceId(predecessor: string): string {
  return `i-${hex(`${predecessor}/replacement`, 17)}`;
}

/** A family's image in a region when the organisation's settings name none (the simulated engine needs none). */
function fallbackImageId(family: string, region: string): string {
  return `ami-${hex(`${family}/${region}`, 17)}`;
}

export interface SimulatedEventInput {
  instanceId: string;
  code: ScheduledEventCode | "status-impaired";
  description: string;
  notBefore: Date | null;
  notAfter: Date | null;
  /** "user:<email>", "token:<name>" or "test". */
  injectedBy: string;
}

type SimRow = Awaited<ReturnType<Tx["simCloudInstance"]["findFirstOrThrow"]>>;

export interface SimulatedFleetCloudOptions {
  /** How long a replacement takes to become in-service (default SIM_REPLACEMENT_READY_MS). */
  readyMs?: number;
  /** The clock (tests move it). */
  now?: () => Date;
}

export class SimulatedFleetCloud implements FleetCloud {
  readonly kind = "simulated" as const;
  private readonly readyMs: number;
  private readonly now: () => Date;

  constructor(opts: SimulatedFleetCloudOptions = {}) {
    this.readyMs = opts.readyMs ?? env.SIM_REPLACEMENT_READY_MS;
    this.now = opts.now ?? (() => new Date());
  }

  async describe(groups: readonly CloudGroupRef[], signal?: AbortSignal): Promise<CloudInstance[]> {
    signal?.throwIfAborted();
    if (groups.length === 0) return [];
    const names = [...new Set(groups.map((g) => g.groupName))];
    const now = this.now();
    await this.materialise(names, now);
    signal?.throwIfAborted();
    // Replacements whose time has come are in service (the group's health check passed).
    await db().simCloudInstance.updateMany({
      where: { groupName: { in: names }, lifecycle: "pending", readyAt: { lte: now } },
      data: { state: "running", lifecycle: "in-service", healthy: true, statusCheck: "ok", readyAt: null },
    });
    const rows = await db().simCloudInstance.findMany({
      where: { groupName: { in: names }, OR: [{ terminatedAt: null }, { terminatedAt: { gt: new Date(now.getTime() - TERMINATED_VISIBLE_MS) } }] },
      orderBy: [{ groupName: "asc" }, { launchedAt: "asc" }, { instanceId: "asc" }],
    });
    const live = rows.filter((r) => r.terminatedAt === null).map((r) => r.instanceId);
    const events = live.length === 0 ? [] : await db().simCloudEvent.findMany({ where: { instanceId: { in: live } }, orderBy: { createdAt: "asc" } });
    const byInstance = new Map<string, typeof events>();
    for (const e of events) byInstance.set(e.instanceId, [...(byInstance.get(e.instanceId) ?? []), e]);
    const regionOf = new Map(groups.map((g) => [g.groupName, g.region]));
    return rows.map((r) => toCloudInstance(r, regionOf.get(r.groupName) ?? r.region, byInstance.get(r.instanceId) ?? []));
  }

  async terminateInGroup(target: CloudGroupRef & { instanceId: string; launch?: LaunchVersion }, signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    // The image of the group's region, as AWS's launch-template version takes it: a region the launch names no image
    // for fails here, before anything is terminated. Null: the terminated instance's image.
    const launchImage = target.launch ? launchImageIn(target.launch, target.region) : null;
    const now = this.now();
    await db().$transaction(async (tx) => {
      const row = await tx.simCloudInstance.findUnique({ where: { instanceId: target.instanceId } });
      if (!row || row.terminatedAt !== null) return;
      if (row.groupName !== target.groupName) throw new Error(`instance ${target.instanceId} is not in group ${target.groupName}`);
      // Conditional on still being live: of two concurrent terminations, one launches the replacement.
      const ended = await tx.simCloudInstance.updateMany({
        where: { instanceId: row.instanceId, terminatedAt: null },
        data: { state: "terminated", lifecycle: "terminated", healthy: false, statusCheck: "not-applicable", readyAt: null, terminatedAt: now },
      });
      if (ended.count === 0) return;
      await tx.simCloudEvent.deleteMany({ where: { instanceId: row.instanceId } });
      await tx.simCloudInstance.create({
        data: {
          instanceId: replacementInstanceId(row.instanceId),
          datastoreId: row.datastoreId,
          region: row.region,
          zone: row.zone,
          role: row.role,
          groupName: row.groupName,
          instanceType: row.instanceType,
          // An upgrade's replacement launches on the version asked for, as a new launch-template version would.
          imageId: launchImage ?? row.imageId,
          engineVersion: target.launch?.engineVersion ?? row.engineVersion,
          launchedAt: now,
          state: "pending",
          lifecycle: "pending",
          healthy: false,
          statusCheck: "initializing",
          readyAt: new Date(now.getTime() + this.readyMs),
        },
      });
    });
  }

  /**
   * Schedules an event on a live instance (an administrator's or a test's doing), or, for "status-impaired", fails
   * its status check until it is replaced. Returns the event id (`instance-event-…`, deterministic in the instance
   * and the count of its events), or null for an impairment; undefined when the instance is not live.
   */
  async inject(input: SimulatedEventInput): Promise<{ eventId: string | null } | undefined> {
    const now = this.now();
    return db().$transaction(async (tx) => {
      const row = await tx.simCloudInstance.findUnique({ where: { instanceId: input.instanceId } });
      if (!row || row.terminatedAt !== null) return undefined;
      if (input.code === "status-impaired") {
        await tx.simCloudInstance.update({ where: { instanceId: row.instanceId }, data: { statusCheck: "impaired" } });
        return { eventId: null };
      }
      const n = await tx.simCloudEvent.count({ where: { instanceId: row.instanceId } });
      const eventId = `instance-event-${hex(`${row.instanceId}/${input.code}/${n}/${now.toISOString()}`, 17)}`;
      await tx.simCloudEvent.create({
        data: {
          eventId,
          instanceId: row.instanceId,
          code: input.code,
          description: input.description,
          notBefore: input.notBefore,
          notAfter: input.notAfter,
          injectedBy: input.injectedBy,
          createdAt: now,
        },
      });
      return { eventId };
    });
  }

  /** Creates the first instances of every named group that has none, from the datastore that owns it. */
  private async materialise(names: readonly string[], now: Date): Promise<void> {
    const known = await db().simCloudInstance.findMany({ where: { groupName: { in: [...names] } }, select: { groupName: true }, distinct: ["groupName"] });
    const seen = new Set(known.map((k) => k.groupName));
    const missing = names.filter((n) => !seen.has(n));
    if (missing.length === 0) return;
    const owners = await groupsNamed(missing);
    for (const group of owners) {
      const data = Array.from({ length: group.nodesPerZone }, (_, index) => ({
        instanceId: simulatedInstanceId(group.datastoreId, group.groupName, index, 0),
        datastoreId: group.datastoreId,
        region: group.region,
        zone: group.zone,
        role: group.role,
        groupName: group.groupName,
        instanceType: group.instanceType,
        imageId: group.imageId,
        engineVersion: group.engineVersion,
        launchedAt: now,
        state: "running",
        lifecycle: "in-service",
        healthy: true,
        statusCheck: "ok",
      }));
      try {
        await db().simCloudInstance.createMany({ data });
      } catch (error) {
        // Another describe materialised the same group at the same moment: its rows are the same rows.
        if (!isUniqueViolation(error)) throw error;
      }
    }
  }
}

/** The groups (of any provisioned datastore) with these names, with the image each family runs in its region. */
async function groupsNamed(names: readonly string[]): Promise<(DatastoreGroup & { imageId: string })[]> {
  const wanted = new Set(names);
  const [rows, settings] = await Promise.all([
    db().datastore.findMany({
      where: { status: { not: "decommissioned" } },
      select: { id: true, family: true, engineVersion: true, topology: true, outputs: true },
    }),
    findOrgSettingsRow(db()),
  ]);
  const org = regionsOf(settings);
  return rows
    .flatMap((row) => datastoreGroups(row, org))
    .filter((g) => wanted.has(g.groupName))
    .map((g) => ({ ...g, imageId: regionSettingsOf(org, g.region)?.imageIds[g.family] ?? fallbackImageId(g.family, g.region) }));
}

function toCloudInstance(
  r: SimRow,
  region: string,
  events: { eventId: string; code: string; description: string; notBefore: Date | null; notAfter: Date | null }[],
): CloudInstance {
  return {
    instanceId: r.instanceId,
    region,
    zone: r.zone,
    groupName: r.groupName,
    instanceType: r.instanceType,
    imageId: r.imageId,
    launchedAt: r.launchedAt,
    state: r.state as InstanceState,
    lifecycle: r.lifecycle as LifecycleState,
    healthy: r.healthy,
    statusCheck: r.statusCheck as StatusCheck,
    tags: { "datastore-id": r.datastoreId, role: r.role, zone: r.zone, "engine-version": r.engineVersion, Name: r.groupName, simulated: "true" },
    events: events
      .filter((e): e is typeof e & { code: ScheduledEventCode } => (SCHEDULED_EVENT_CODES as readonly string[]).includes(e.code))
      .map((e) => ({ eventId: e.eventId, code: e.code, description: e.description, notBefore: e.notBefore, notAfter: e.notAfter })),
  };
}
