import type { Metadata } from "next";
import { CampaignPage } from "@/components/upgrades/campaign-page";
import { Prefetched } from "../../../prefetch";
import { requireActor } from "../../../require-actor";

export const metadata: Metadata = { title: "Upgrade campaign" };

export default async function UpgradeCampaignPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor(`/upgrades/campaigns/${id}`);
  return (
    <Prefetched actor={actor}>
      <CampaignPage id={id} />
    </Prefetched>
  );
}
