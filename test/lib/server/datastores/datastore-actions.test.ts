// What anyone who sees a datastore may do with it, by role and lifecycle state (fast-check over people and states,
// on real rows): which steps the state offers, who is refused (403) and why, and that a refusal always says why.
import { beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { DATASTORE_STATUSES, type DatastoreActions, type DatastoreStatus } from "@/lib/schemas/datastore";
import type { Actor, TeamRole } from "@/lib/server/auth/actor";
import { db } from "@/lib/server/db/client";
import { datastoreActionsOf } from "@/lib/server/datastores/datastore-actions";
import { loadActionContext } from "@/lib/server/provisioning/operation-actions";
import { makeTeam } from "../../../support/actors";
import { provisionableDatastore, storeOrgSettings } from "../../../support/provisioning";

const OFFERED: Record<DatastoreStatus, (keyof DatastoreActions)[]> = {
  approved: ["preview", "decommission", "editThresholds", "export"],
  provisioning: ["editThresholds", "export"],
  active: ["refresh", "change", "decommission", "editThresholds", "export"],
  failed: ["preview", "cleanup", "decommission", "editThresholds", "export"],
  decommissioning: ["editThresholds", "export"],
  decommissioned: [],
};

let teamId = "";
const ids = new Map<DatastoreStatus, string>();
beforeAll(async () => {
  await storeOrgSettings();
  teamId = (await makeTeam()).id;
  for (const status of DATASTORE_STATUSES) ids.set(status, (await provisionableDatastore({ teamId, status, tier: 2 })).id);
});

/** Who looks: a member of the owning team (by role), or someone who sees every team without being in it. */
const personArb = fc.oneof(
  fc.record({
    in: fc.constant(true as const),
    role: fc.constantFrom<TeamRole>("member", "reviewer", "admin"),
    kind: fc.constantFrom<"user" | "token">("user", "token"),
  }),
  fc.record({ in: fc.constant(false as const), sees: fc.constantFrom("platform-reviewer", "portal-admin") }),
);

function actorOf(p: typeof personArb extends fc.Arbitrary<infer T> ? T : never): Actor {
  if (p.in) return { kind: p.kind, userId: "u-in", label: "test", isAdmin: false, platformReviewer: false, roles: new Map([[teamId, p.role]]) };
  return {
    kind: "user",
    userId: "u-out",
    label: "test",
    isAdmin: p.sees === "portal-admin",
    platformReviewer: p.sees === "platform-reviewer",
    roles: new Map([["elsewhere", "member"]]),
  };
}

async function actionsFor(actor: Actor, status: DatastoreStatus): Promise<DatastoreActions> {
  const row = await db().datastore.findUniqueOrThrow({
    where: { id: ids.get(status) ?? "" },
    include: { team: { select: { id: true, slug: true, name: true } }, thresholds: true },
  });
  return datastoreActionsOf(actor, await loadActionContext(db(), row));
}

describe("a datastore's actions", () => {
  it("offer the steps of its lifecycle state, whoever looks, and say why whenever they deny", async () => {
    await fc.assert(
      fc.asyncProperty(personArb, fc.constantFrom(...DATASTORE_STATUSES), async (p, status) => {
        const actions = await actionsFor(actorOf(p), status);
        expect(Object.keys(actions).sort()).toEqual([...OFFERED[status]].sort());
        for (const a of Object.values(actions)) {
          if (a.allowed) expect(a).toEqual({ allowed: true });
          else expect(a.reason).toMatch(/\S.*\.$/);
        }
      }),
      { numRuns: 60 },
    );
  });

  it("leave workload changes and decommissioning to the owning team (403 naming it), and provisioning to owners and reviewers alike", async () => {
    await fc.assert(
      fc.asyncProperty(personArb, fc.constantFrom<DatastoreStatus>("approved", "active", "failed"), async (p, status) => {
        const actions = await actionsFor(actorOf(p), status);
        for (const name of ["change", "decommission"] as const) {
          const a = actions[name];
          if (!a) continue;
          // Portal admins act for every team; platform reviewers review them, they do not ask for their changes.
          const asks = p.in || p.sees === "portal-admin";
          expect(a.code === "forbidden", `${name}`).toBe(!asks);
          if (!asks) expect(a.reason).toMatch(/asked for by .*, the owning team\.$/);
        }
        for (const name of ["preview", "refresh", "cleanup", "editThresholds", "export"] as const) expect(actions[name]?.code, name).not.toBe("forbidden");
      }),
      { numRuns: 40 },
    );
  });

  it("offer nothing once decommissioned", async () => {
    for (const p of [actorOf({ in: true, role: "admin", kind: "user" }), actorOf({ in: false, sees: "portal-admin" })])
      expect(await actionsFor(p, "decommissioned")).toEqual({});
  });
});
