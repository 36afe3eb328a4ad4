// The rolling replacement plan over random fleets: every chosen node exactly once, each family's batching, and never
// two replicas of any data out at once (checked against a replica model written independently of the planner).
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { batchesOf, planReplacement, REPLACEMENT_RULES, type PlanNode, type PlannedStep } from "@/lib/maintenance/replacement-plan";
import { FAMILIES, type Family } from "@/lib/schemas/plan";

const REGIONS = ["us-east-1", "eu-west-1"];
const ZONES = ["a", "b", "c"];

/** A datastore: one or two roles of random families, each with nodes in every zone of one or two regions. */
const fleetArb = fc
  .record({
    roles: fc.uniqueArray(fc.record({ role: fc.constantFrom("data", "cache", "search", "master"), family: fc.constantFrom(...FAMILIES) }), {
      minLength: 1,
      maxLength: 3,
      selector: (r) => r.role,
    }),
    regions: fc.subarray(REGIONS, { minLength: 1 }),
    perZone: fc.integer({ min: 1, max: 4 }),
  })
  .chain(({ roles, regions, perZone }) => {
    const nodes: PlanNode[] = [];
    for (const { role } of roles)
      for (const region of regions)
        for (const zone of ZONES)
          for (let i = 0; i < perZone; i++)
            nodes.push({ instanceId: `i-${role}-${region}-${zone}-${i}`, region, zone: `${region}${zone}`, role, groupName: `g-${role}-${region}${zone}` });
    const familyOfRole = Object.fromEntries(roles.map((r) => [r.role, r.family])) as Record<string, Family>;
    return fc.record({
      familyOfRole: fc.constant(familyOfRole),
      nodes: fc.constant(nodes),
      replace: fc.subarray(
        nodes.map((n) => n.instanceId),
        { minLength: 1 },
      ),
    });
  });

/**
 * The replica model: which nodes may hold a copy of the same data. Cassandra/graph: one replica per zone per region,
 * any node of the role could share a range with a node of another zone or region. Elasticsearch: replicas on any
 * other data node. EVCache/Dynomite: each zone a full copy, sharded inside the zone — two nodes of one zone hold
 * different keys; nodes of different zones (or regions) hold copies of the same keys.
 */
function mayShareData(a: PlannedStep, b: PlannedStep): boolean {
  if (a.role !== b.role) return false;
  if (a.family === "evcache" || a.family === "dynomite") return a.zone !== b.zone || a.region !== b.region;
  return true;
}

function plan(input: Parameters<typeof planReplacement>[0]): PlannedStep[] {
  const p = planReplacement(input);
  if ("rejected" in p) throw new Error(`rejected: ${JSON.stringify(p.rejected)}`);
  return p.steps;
}

describe("the replacement plan", () => {
  it("replaces every chosen node exactly once, in seq order from 0, with batches in order", () => {
    fc.assert(
      fc.property(fleetArb, (input) => {
        const steps = plan(input);
        expect(steps.map((s) => s.instanceId).sort()).toEqual([...new Set(input.replace)].sort());
        expect(steps.map((s) => s.seq)).toEqual(steps.map((_, i) => i));
        for (let i = 1; i < steps.length; i++) expect(steps[i]!.batch - steps[i - 1]!.batch).toBeGreaterThanOrEqual(0);
        for (let i = 1; i < steps.length; i++) expect(steps[i]!.batch - steps[i - 1]!.batch).toBeLessThanOrEqual(1);
      }),
    );
  });

  it("never takes two replicas of any data out at once", () => {
    fc.assert(
      fc.property(fleetArb, (input) => {
        for (const batch of batchesOf(plan(input)))
          for (const a of batch) for (const b of batch) if (a !== b) expect(mayShareData(a, b), `${a.instanceId} with ${b.instanceId}`).toBe(false);
      }),
    );
  });

  it("replaces Cassandra, graph and Elasticsearch one node at a time, and an EVCache or Dynomite zone together", () => {
    fc.assert(
      fc.property(fleetArb, (input) => {
        const steps = plan(input);
        for (const batch of batchesOf(steps)) {
          const family = batch[0]!.family;
          if (REPLACEMENT_RULES[family].batchBy === "node") expect(batch).toHaveLength(1);
          else expect(new Set(batch.map((s) => `${s.region}/${s.role}/${s.zone}`)).size).toBe(1);
        }
        // A zone-batched family: all of one zone's chosen nodes in one batch (no zone split over two batches).
        for (const s of steps.filter((x) => REPLACEMENT_RULES[x.family].batchBy === "zone")) {
          const sameZone = steps.filter((x) => x.role === s.role && x.region === s.region && x.zone === s.zone);
          expect(new Set(sameZone.map((x) => x.batch)).size).toBe(1);
        }
      }),
    );
  });

  it("waits for the node to rejoin (Cassandra, graph), for green (Elasticsearch), or for the zone in service (EVCache, Dynomite)", () => {
    const nodes: PlanNode[] = [
      { instanceId: "i-1", region: "us-east-1", zone: "us-east-1a", role: "data", groupName: "g1" },
      { instanceId: "i-2", region: "us-east-1", zone: "us-east-1b", role: "data", groupName: "g2" },
      { instanceId: "i-3", region: "us-east-1", zone: "us-east-1a", role: "cache", groupName: "g3" },
      { instanceId: "i-4", region: "us-east-1", zone: "us-east-1a", role: "cache", groupName: "g3" },
    ];
    const steps = plan({ familyOfRole: { data: "cassandra", cache: "evcache" }, nodes, replace: ["i-2", "i-4", "i-1", "i-3"] });
    expect(steps.map((s) => [s.instanceId, s.batch, s.wait])).toEqual([
      ["i-3", 0, "in-service"],
      ["i-4", 0, "in-service"],
      ["i-1", 1, "rejoin"],
      ["i-2", 2, "rejoin"],
    ]);
    const es = plan({ familyOfRole: { data: "elasticsearch" }, nodes: nodes.slice(0, 2), replace: ["i-1"] });
    expect(es[0]?.wait).toBe("green");
  });

  it("rejects instances that are not the datastore's, with a reason, rather than throwing", () => {
    const nodes: PlanNode[] = [{ instanceId: "i-1", region: "r", zone: "z", role: "ghost", groupName: "g" }];
    expect(planReplacement({ familyOfRole: { data: "cassandra" }, nodes, replace: ["i-1", "i-9"] })).toEqual({
      rejected: [
        { instanceId: "i-1", reason: "has role ghost, which the datastore's topology does not have" },
        { instanceId: "i-9", reason: "is not a node of this datastore" },
      ],
    });
  });
});
