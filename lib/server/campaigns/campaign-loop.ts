// The worker's campaign loop, beside the operations, webhook and inventory loops: takes the lease of every campaign
// that needs driving (running, or rolling a canary back) and advances it. A lease runs out when its worker dies; the
// next worker to look takes it and resumes each campaign at the step it recorded (lib/server/campaigns/advance-campaign).
import "server-only";
import { env } from "@/lib/env";
import { db } from "../db/client";
import { errorFields, log } from "../log";
import { loopPacing } from "../loop-pacing";
import { advanceCampaign, CampaignLeaseLost } from "./advance-campaign";
import { getCampaignDeps } from "./campaign-deps";

export interface CampaignLoopOptions {
  /** How often to look at the campaigns (and the operations their steps wait on); default the deps' pollMs. */
  pollMs?: number;
  /** How long a campaign's lease lasts without the loop looking at it; default WORKER_LEASE_SECONDS. */
  leaseMs?: number;
}

export interface CampaignLoop {
  /** Resolves once a pass found nothing to move. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

/** Takes (or keeps) the lease of every campaign that needs driving; returns their ids. */
export async function claimCampaigns(workerId: string, leaseMs: number, now = new Date()): Promise<string[]> {
  const candidates = await db().upgradeCampaign.findMany({
    where: {
      AND: [
        { OR: [{ status: "running" }, { targets: { some: { step: "rolling-back" } } }] },
        { OR: [{ leaseOwner: null }, { leaseOwner: workerId }, { leaseExpiresAt: { lt: now } }] },
      ],
    },
    select: { id: true, leaseOwner: true, leaseExpiresAt: true },
    orderBy: { createdAt: "asc" },
  });
  const held: string[] = [];
  for (const c of candidates) {
    // Conditional on the lease as read: of two workers racing for it, one wins.
    const { count } = await db().upgradeCampaign.updateMany({
      where: { id: c.id, leaseOwner: c.leaseOwner, leaseExpiresAt: c.leaseExpiresAt },
      data: { leaseOwner: workerId, leaseExpiresAt: new Date(now.getTime() + leaseMs) },
    });
    if (count === 1) {
      if (c.leaseOwner !== workerId) log.info("campaign lease taken", { workerId, campaignId: c.id, from: c.leaseOwner });
      held.push(c.id);
    }
  }
  return held;
}

/** Gives up the lease of a campaign that needs no driving any more (finished, paused, halted with nothing rolling back). */
async function releaseIfDone(workerId: string, id: string): Promise<void> {
  await db().upgradeCampaign.updateMany({
    where: { id, leaseOwner: workerId, status: { not: "running" }, targets: { none: { step: "rolling-back" } } },
    data: { leaseOwner: null, leaseExpiresAt: null },
  });
}

export function startCampaignLoop(workerId: string, options: CampaignLoopOptions = {}): CampaignLoop {
  const leaseMs = options.leaseMs ?? env.WORKER_LEASE_SECONDS * 1000;
  let stopping = false;
  const pacing = loopPacing();

  const loop = (async () => {
    while (!stopping) {
      let moved = false;
      let pollMs = options.pollMs ?? 500;
      try {
        const deps = await getCampaignDeps();
        pollMs = options.pollMs ?? deps.pollMs;
        for (const id of await claimCampaigns(workerId, leaseMs)) {
          if (stopping) break;
          try {
            if (await advanceCampaign({ workerId, leaseMs, deps }, id)) moved = true;
          } catch (error) {
            // One campaign's trouble (its steps' failures are counted and bounded in advanceCampaign) does not stop
            // the pass: the other campaigns are still driven.
            if (error instanceof CampaignLeaseLost) log.warn("campaign lease lost", { workerId, campaignId: id });
            else log.error("a campaign could not be advanced; looking again next pass", { workerId, campaignId: id, error: errorFields(error) });
          }
          await releaseIfDone(workerId, id);
        }
      } catch (error) {
        log.error("campaign loop failed; retrying", { workerId, error: errorFields(error) });
      }
      if (!moved) pacing.settled();
      if (!stopping) await pacing.nap(moved ? 0 : pollMs);
    }
  })();

  return {
    idle: pacing.idle,
    async stop() {
      stopping = true;
      pacing.wake();
      await loop;
      pacing.settled();
    },
  };
}
