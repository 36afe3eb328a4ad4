// The growth benchmark's seeding: requests grown through the portal's use-cases the way teams use it — created,
// submitted, reviewed (approved, sent back, rejected, or left waiting), previewed and provisioned on the simulated
// engine, thresholds edited, a few day-2 changes and decommissions asked for — so the database holds what a portal of
// that size holds (plans pinned on requests, datastores, operations and their events, audit).
import { performance } from "node:perf_hooks";
import type { Actor } from "../lib/server/auth/actor";
import type { TeamRole } from "../lib/schemas/access";
import { CANONICAL_USE_CASES } from "../lib/planner/examples";
import { WorkloadSchema } from "../lib/schemas/workload";
import { AppError } from "../lib/errors";
import { db } from "../lib/server/db/client";
import { seedPortal } from "../lib/server/bootstrap/seed";
import { createTeam } from "../lib/server/access/create-team";
import { createUser } from "../lib/server/access/create-user";
import { setMembership } from "../lib/server/access/set-membership";
import { createToken } from "../lib/server/tokens/create-token";
import { createRequest } from "../lib/server/requests/create-request";
import { submitRequest } from "../lib/server/requests/submit-request";
import { reviewRequest } from "../lib/server/requests/review-request";
import { queueOperation } from "../lib/server/provisioning/queue-operation";
import { updateThresholds } from "../lib/server/datastores/update-thresholds";
import { getDatastore } from "../lib/server/datastores/get-datastore";
import { createChange } from "../lib/server/changes/create-change";
import type { Worker } from "../lib/server/provisioning/worker";
import type { EngineResult, EngineRun, ProvisioningEngine } from "../lib/server/provisioning/engine-contract";
import type { EngineEvent } from "../lib/schemas/operation";

export const TEAMS = 20;
/** Every bench member signs in with it (the HTTP part of the benchmark signs in as the first). */
export const MEMBER_PASSWORD = "bench-password-123";

export interface World {
  admin: Actor;
  reviewer: Actor;
  /** One requester per team, in team order. */
  members: Actor[];
  teams: { id: string; slug: string }[];
  /** Bearer headers for the route handlers. */
  reviewerHeaders: Record<string, string>;
  memberHeaders: Record<string, string>;
}

/** The actor a signed-in person is, read the way authentication reads it. */
export async function actorOf(userId: string): Promise<Actor> {
  const user = await db().user.findUniqueOrThrow({ where: { id: userId }, include: { memberships: true } });
  return {
    kind: "user",
    userId: user.id,
    label: `user:${user.email}`,
    isAdmin: user.isAdmin,
    platformReviewer: user.platformReviewer,
    roles: new Map(user.memberships.map((m) => [m.teamId, m.role as TeamRole])),
  };
}

/** Seeds an empty portal: the demo people (rita reviews), then TEAMS teams with one member each. */
export async function makeWorld(): Promise<World> {
  await seedPortal({ demo: "fixed" });
  const adminRow = await db().user.findFirstOrThrow({ where: { isAdmin: true } });
  const admin = await actorOf(adminRow.id);
  for (let t = 0; t < TEAMS; t++) {
    const team = await createTeam({ actor: admin, body: { slug: `team-${String(t).padStart(2, "0")}`, name: `Team ${t}` } });
    const user = await createUser({
      actor: admin,
      body: { name: `Member ${t}`, email: `member-${t}@bench.test`, password: MEMBER_PASSWORD, isAdmin: false, platformReviewer: false },
    });
    await setMembership({ actor: admin, teamId: team.id, userId: user.id, role: "member" });
  }
  return worldOf();
}

/** The world of a portal makeWorld seeded (a snapshot of one, say), with new API tokens for the reviewer and member 0. */
export async function worldOf(): Promise<World> {
  const adminRow = await db().user.findFirstOrThrow({ where: { isAdmin: true } });
  const admin = await actorOf(adminRow.id);
  const teams: { id: string; slug: string }[] = [];
  const members: Actor[] = [];
  for (let t = 0; t < TEAMS; t++) {
    const team = await db().team.findUniqueOrThrow({ where: { slug: `team-${String(t).padStart(2, "0")}` }, select: { id: true, slug: true } });
    const user = await db().user.findUniqueOrThrow({ where: { email: `member-${t}@bench.test` }, select: { id: true } });
    teams.push(team);
    members.push(await actorOf(user.id));
  }
  const rita = await db().user.findUniqueOrThrow({ where: { email: "rita@portal.local" } });
  const reviewer = await actorOf(rita.id);
  const [first] = members;
  const [firstTeam] = teams;
  if (!first || !firstTeam) throw new Error("no teams");
  const reviewerTeam = [...reviewer.roles.keys()][0] ?? "";
  const reviewerToken = await createToken({
    actor: reviewer,
    body: { name: "bench", teamId: reviewerTeam, role: "reviewer", platformReviewer: true, expiresInDays: 30 },
  });
  const memberToken = await createToken({
    actor: first,
    body: { name: "bench", teamId: firstTeam.id, role: "member", platformReviewer: false, expiresInDays: 30 },
  });
  return {
    admin,
    reviewer,
    members,
    teams,
    reviewerHeaders: { authorization: `Bearer ${reviewerToken.secret}` },
    memberHeaders: { authorization: `Bearer ${memberToken.secret}` },
  };
}

/**
 * The simulated engine evaluates the real Pulumi programs, 0.8–3.6 s an operation on the 2-core machine
 * (bench/provisioning.bench.ts): 10,000 requests would take hours. This runs each distinct (kind, family, regions,
 * topology) once on it and replays that run's events and result for the others, so the database receives the same
 * rows — the operations, their events and outputs — as if each had been evaluated.
 */
export function replayingEngine(real: ProvisioningEngine): ProvisioningEngine {
  const recorded = new Map<string, { events: EngineEvent[]; result: EngineResult }>();
  const replay = async (run: EngineRun, go: (r: EngineRun) => Promise<EngineResult>): Promise<EngineResult> => {
    const { family, regions, topology } = run.spec;
    const key = JSON.stringify([run.kind, family, regions, topology.map((c) => [c.region, c.role, c.instanceType, c.nodesPerZone])]);
    const hit = recorded.get(key);
    if (hit) {
      for (const e of hit.events) run.onEvent(e);
      return hit.result;
    }
    const events: EngineEvent[] = [];
    const result = await go({ ...run, onEvent: (e) => (events.push(e), run.onEvent(e)) });
    recorded.set(key, { events, result });
    return result;
  };
  return {
    kind: real.kind,
    status: () => real.status(),
    run: (run) => replay(run, (r) => real.run(r)),
    cancel: (target) => real.cancel(target),
    outputs: (target) => real.outputs(target),
  };
}

/** What happens to request number i: a fixed mix, so every size holds the same proportions. */
export function fateOf(i: number): "draft" | "waiting" | "changes-requested" | "rejected" | "approved" {
  // Spread over i (37 is prime to 100), so the first ten requests already hold the mix.
  const r = (i * 37) % 100;
  if (r < 5) return "draft";
  if (r < 12) return "waiting";
  if (r < 17) return "changes-requested";
  if (r < 22) return "rejected";
  return "approved";
}

async function succeededPreview(datastoreId: string): Promise<string | null> {
  const op = await db().operation.findFirst({
    where: { datastoreId, kind: "preview", status: "succeeded" },
    orderBy: { createdAt: "desc" },
    select: { id: true },
  });
  return op?.id ?? null;
}

/**
 * Grows the portal from `from` to `to` requests. Approved datastores are previewed by the worker, then every
 * provisioned one is built (an up confirming its preview); every 10th has its thresholds edited, every 40th asks
 * for a bigger workload (a day-2 change a reviewer must approve) and every 97th for its decommission.
 */
export async function grow(world: World, worker: Worker, from: number, to: number, onProgress: (n: number) => void): Promise<void> {
  const t0 = performance.now();
  const approved: { i: number; datastoreId: string; member: Actor }[] = [];
  for (let i = from; i < to; i++) {
    const t = i % world.teams.length;
    const team = world.teams[t];
    const member = world.members[t];
    const uc = CANONICAL_USE_CASES[i % CANONICAL_USE_CASES.length];
    if (!team || !member || !uc) throw new Error("bad world");
    const name = `${uc.workload.name}-${String(i).padStart(5, "0")}`;
    const workload = WorkloadSchema.parse({ ...uc.workload, name });
    const created = await createRequest({ actor: member, input: { teamId: team.id, workload } });
    const fate = fateOf(i);
    if (fate !== "draft") await submitRequest({ actor: member, id: created.id });
    if (fate === "changes-requested" || fate === "rejected") {
      await reviewRequest({ actor: world.reviewer, id: created.id, input: { decision: fate, comment: "Please size for the peak, not the mean." } });
    } else if (fate === "approved") {
      const decided = await reviewRequest({ actor: world.reviewer, id: created.id, input: { decision: "approved" } });
      if (decided.datastoreId) approved.push({ i, datastoreId: decided.datastoreId, member });
    }
    if ((i + 1) % 50 === 0) onProgress(i + 1);
  }
  const t1 = performance.now();
  // Previews were queued on approval; the worker runs them, then the ups that confirm them.
  await worker.idle();
  const t2 = performance.now();
  for (const a of approved) {
    const previewId = await succeededPreview(a.datastoreId);
    if (previewId) await queueOperation({ actor: a.member, id: a.datastoreId, input: { kind: "up", previewId } });
  }
  await worker.idle();
  const t3 = performance.now();
  // A change the portal refuses (a plan that no longer fits, say) is part of growing it too: counted, not fatal.
  let refusedChanges = 0;
  const refused = (error: unknown) => {
    if (!(error instanceof AppError)) throw error;
    refusedChanges += 1;
  };
  for (const a of approved) {
    if (a.i % 10 === 3) {
      const ds = await getDatastore({ actor: a.member, id: a.datastoreId });
      const thresholds = ds.thresholds.map((th) => (th.unit === "percent" ? { ...th, critical: Math.min(100, th.critical + 1) } : th));
      if (thresholds.length > 0) await updateThresholds({ actor: a.member, id: a.datastoreId, ifMatch: [ds.version], thresholds });
    }
    if (a.i % 40 === 7 || a.i % 97 === 11) {
      const ds = await getDatastore({ actor: a.member, id: a.datastoreId });
      if (ds.status !== "active") continue;
      if (a.i % 40 === 7) {
        const request = await db().request.findUniqueOrThrow({ where: { id: ds.requestId }, select: { workload: true } });
        const w = WorkloadSchema.parse(request.workload);
        const bigger = WorkloadSchema.parse({
          ...w,
          writesPerSecond: Math.round(Number(w.writesPerSecond) * 3),
          readsPerSecond: Math.round(Number(w.readsPerSecond) * 3),
        });
        await createChange({ actor: a.member, id: ds.id, input: { kind: "update", workload: bigger, reason: "Launch traffic." } }).catch(refused);
      } else {
        await createChange({ actor: a.member, id: ds.id, input: { kind: "decommission", confirmName: ds.name, reason: "Replaced." } }).catch(refused);
      }
    }
  }
  await worker.idle();
  process.stderr.write(
    `\nphases: requests ${((t1 - t0) / 1000).toFixed(1)} s, previews ${((t2 - t1) / 1000).toFixed(1)} s, ups ${((t3 - t2) / 1000).toFixed(1)} s, day-2 ${((performance.now() - t3) / 1000).toFixed(1)} s (${refusedChanges} changes refused)\n`,
  );
  onProgress(to);
}
