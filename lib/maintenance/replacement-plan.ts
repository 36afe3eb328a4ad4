// Planning a rolling replacement of a datastore's nodes: which nodes go out together (a batch) and in which order,
// by the rules of each store family, so that no two replicas of any data are out at once. Pure: the worker's
// replace-nodes operation records this plan up front (replacement_steps) and the tests check it over random fleets.
//   - Cassandra, graph (JanusGraph on Cassandra): every zone holds one replica of every range (RF=3, one zone a
//     rack), and every region another copy: one node at a time, and it must rejoin (in service and healthy) first.
//   - Elasticsearch: zone-aware replicas can sit on any data node: one node at a time, and the cluster must be green
//     (every node of the group healthy) before the next.
//   - EVCache: each zone is a full copy, sharded inside the zone: one zone's nodes together, zone after zone.
//   - Dynomite: each rack (zone) is a full replica: one rack's nodes together, rack after rack.
import type { Family } from "../schemas/plan";

/** What the operation waits for after a batch's nodes were terminated. */
export type WaitRule = "rejoin" | "green" | "in-service";

export interface FamilyReplacementRule {
  /** zone: the nodes of one zone (of one region and role) go out together; node: one node at a time. */
  batchBy: "zone" | "node";
  wait: WaitRule;
}

export const REPLACEMENT_RULES = {
  cassandra: { batchBy: "node", wait: "rejoin" },
  graph: { batchBy: "node", wait: "rejoin" },
  elasticsearch: { batchBy: "node", wait: "green" },
  evcache: { batchBy: "zone", wait: "in-service" },
  dynomite: { batchBy: "zone", wait: "in-service" },
} as const satisfies Record<Family, FamilyReplacementRule>;

/** One node of the datastore as the inventory knows it. */
export interface PlanNode {
  instanceId: string;
  region: string;
  zone: string;
  role: string;
  groupName: string;
}

export interface PlannedStep extends PlanNode {
  /** Order of replacement, from 0. */
  seq: number;
  /** Steps of one batch go out together; batches run one after another. */
  batch: number;
  family: Family;
  wait: WaitRule;
}

export type ReplacementPlan = { steps: PlannedStep[] } | { rejected: { instanceId: string; reason: string }[] };

export interface PlanInput {
  /** The family of each role (the datastore's topology: a Cassandra "data" role with an EVCache "cache" role). */
  familyOfRole: Readonly<Record<string, Family>>;
  /** Every node of the datastore. */
  nodes: readonly PlanNode[];
  /** The instance ids to replace. */
  replace: readonly string[];
}

const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The ordered steps: clusters (region, role) in name order, zones in name order inside them, nodes by id; each
 * family's batching. Unknown instances or roles are rejections with a reason, not exceptions.
 */
export function planReplacement({ familyOfRole, nodes, replace }: PlanInput): ReplacementPlan {
  const known = new Map(nodes.map((n) => [n.instanceId, n]));
  const rejected: { instanceId: string; reason: string }[] = [];
  const chosen: (PlanNode & { family: Family })[] = [];
  for (const id of new Set(replace)) {
    const node = known.get(id);
    const family = node ? familyOfRole[node.role] : undefined;
    if (!node) rejected.push({ instanceId: id, reason: "is not a node of this datastore" });
    else if (!family) rejected.push({ instanceId: id, reason: `has role ${node.role}, which the datastore's topology does not have` });
    else chosen.push({ ...node, family });
  }
  if (rejected.length > 0) return { rejected };

  chosen.sort((a, b) => byKey(a.region, b.region) || byKey(a.role, b.role) || byKey(a.zone, b.zone) || byKey(a.instanceId, b.instanceId));
  const steps: PlannedStep[] = [];
  let batch = -1;
  let batchKey: string | null = null;
  for (const node of chosen) {
    const rule: FamilyReplacementRule = REPLACEMENT_RULES[node.family];
    const key = rule.batchBy === "zone" ? `${node.region}\u0000${node.role}\u0000${node.zone}` : null;
    if (key === null || key !== batchKey) batch += 1;
    batchKey = key;
    steps.push({ ...node, seq: steps.length, batch, wait: rule.wait });
  }
  return { steps };
}

/** The batches of a plan, in order (the steps of each in seq order). */
export function batchesOf<T extends { batch: number; seq: number }>(steps: readonly T[]): T[][] {
  const map = new Map<number, T[]>();
  for (const s of [...steps].sort((a, b) => a.seq - b.seq)) {
    const list = map.get(s.batch) ?? [];
    list.push(s);
    map.set(s.batch, list);
  }
  return [...map.entries()].sort((a, b) => a[0] - b[0]).map(([, list]) => list);
}
