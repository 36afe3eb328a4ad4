import type { Metadata } from "next";
import { CampaignPage } from "@/components/upgrades/campaign-page";
import { campaignKeys } from "@/lib/query/campaigns";
import { getCampaign } from "@/lib/server/campaigns/campaign-commands";
import { Prefetched } from "../../../prefetch";
import type { Fill } from "../../../prefetch-fills";
import { requireActor } from "../../../require-actor";

export const metadata: Metadata = { title: "Upgrade campaign" };

const prefetchCampaign =
  (id: string): Fill =>
  async (client, actor) =>
    void client.setQueryData(campaignKeys.one(id), await getCampaign({ actor, id }));

export default async function UpgradeCampaignPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor(`/upgrades/campaigns/${id}`);
  return (
    <Prefetched actor={actor} fills={[prefetchCampaign(id)]}>
      <CampaignPage id={id} />
    </Prefetched>
  );
}
