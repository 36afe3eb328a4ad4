// What anyone may do with a request, by role and status (fast-check over people and statuses): the verdicts the
// request use-cases enforce and its `actions` carry.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { REQUEST_STATUSES } from "@/lib/schemas/request";
import type { Actor, TeamRole } from "@/lib/server/auth/actor";
import { requestActions } from "@/lib/server/requests/request-actions";

const TEAM = "team-a";
const CREATOR = "user-creator";

const actorArb = fc.record({
  kind: fc.constantFrom<"user" | "token">("user", "token"),
  creator: fc.boolean(),
  isAdmin: fc.boolean(),
  platformReviewer: fc.boolean(),
  role: fc.constantFrom<TeamRole | null>(null, "member", "reviewer", "admin"),
  otherTeamRole: fc.constantFrom<TeamRole | null>(null, "member", "reviewer", "admin"),
});

type Person = typeof actorArb extends fc.Arbitrary<infer T> ? T : never;

function actorOf(a: Person): Actor {
  const roles = new Map<string, TeamRole>();
  if (a.role) roles.set(TEAM, a.role);
  if (a.otherTeamRole) roles.set("team-b", a.otherTeamRole);
  // Tokens are never portal administrators.
  return {
    kind: a.kind,
    userId: a.creator ? CREATOR : "user-other",
    label: "test",
    isAdmin: a.kind === "user" && a.isAdmin,
    platformReviewer: a.platformReviewer,
    roles,
  };
}

const statusArb = fc.constantFrom(...REQUEST_STATUSES);

describe("a request's actions", () => {
  it("say why whenever they deny, and nothing when they allow", () => {
    fc.assert(
      fc.property(actorArb, statusArb, (a, status) => {
        for (const action of Object.values(requestActions(actorOf(a), { status, teamId: TEAM, createdById: CREATOR }))) {
          if (action.allowed) expect(action).toEqual({ allowed: true });
          else expect(action).toEqual({ allowed: false, reason: expect.stringMatching(/\S.*\.$/), code: expect.stringMatching(/^(forbidden|conflict)$/) });
        }
      }),
    );
  });

  it("let the requesting team (and portal admins) edit, submit and cancel; a platform reviewer of no role in it is refused (403)", () => {
    fc.assert(
      fc.property(actorArb, statusArb, (a, status) => {
        const actor = actorOf(a);
        const actions = requestActions(actor, { status, teamId: TEAM, createdById: CREATOR });
        const ofTeam = actor.isAdmin || a.role !== null;
        for (const name of ["edit", "submit", "cancel"] as const) expect(actions[name].code === "forbidden", name).toBe(!ofTeam);
        // Edit and submit are one rule; whatever can be edited can be cancelled.
        expect(actions.submit.allowed).toBe(actions.edit.allowed);
        if (actions.edit.allowed) expect(actions.cancel.allowed).toBe(true);
        expect(actions.edit.allowed).toBe(ofTeam && (status === "draft" || status === "changes-requested"));
      }),
    );
  });

  it("never let anyone decide on a request they created, and let a reviewer of its team decide a submitted one", () => {
    fc.assert(
      fc.property(actorArb, statusArb, (a, status) => {
        const actor = actorOf(a);
        const { decide } = requestActions(actor, { status, teamId: TEAM, createdById: CREATOR });
        const reviews = actor.isAdmin || a.platformReviewer || a.role === "reviewer" || a.role === "admin";
        if (a.creator) expect(decide).toMatchObject({ allowed: false, code: "forbidden", reason: expect.stringMatching(/cannot approve your own request/) });
        else if (!reviews) expect(decide).toMatchObject({ allowed: false, code: "forbidden" });
        else expect(decide.allowed).toBe(status === "submitted");
        // A reviewer of another team only is no reviewer of this one.
        if (!actor.isAdmin && !a.platformReviewer && a.role === null) expect(decide.allowed).toBe(false);
      }),
    );
  });

  it("let everyone who sees a request comment on it, whatever its status", () => {
    fc.assert(
      fc.property(actorArb, statusArb, (a, status) => {
        expect(requestActions(actorOf(a), { status, teamId: TEAM, createdById: CREATOR }).comment).toEqual({ allowed: true });
      }),
    );
  });
});
