// The upgrade campaign a datastore is in, for its page: its newest campaign (not a draft nobody started) and its own
// step and evidence there. Whoever may see the datastore may see this.
import "server-only";
import type { CampaignStatus, DatastoreCampaignDto } from "@/lib/schemas/campaign";
import type { Actor } from "../auth/actor";
import { db } from "../db/client";
import { getDatastore } from "../datastores/get-datastore";
import { findCampaign, toCampaignDto } from "./campaign-rows";

export async function getDatastoreCampaign({ actor, id }: { actor: Actor; id: string }): Promise<DatastoreCampaignDto> {
  await getDatastore({ actor, id });
  const target = await db().campaignTarget.findFirst({
    where: { datastoreId: id, campaign: { status: { not: "draft" } } },
    orderBy: [{ campaign: { createdAt: "desc" } }, { id: "desc" }],
    select: { id: true, campaignId: true },
  });
  if (!target) return { campaign: null };
  const campaign = await toCampaignDto(db(), actor, await findCampaign(db(), target.campaignId));
  const mine = campaign.waves.flatMap((w) => w.targets).find((t) => t.id === target.id);
  if (!mine) return { campaign: null };
  return { campaign: { id: campaign.id, status: campaign.status as CampaignStatus, release: campaign.release, target: mine } };
}
