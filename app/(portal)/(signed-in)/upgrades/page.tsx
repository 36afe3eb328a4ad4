import type { Metadata } from "next";
import { UpgradesPage } from "@/components/upgrades/upgrades-page";
import { campaignKeys } from "@/lib/query/campaigns";
import { listCampaigns } from "@/lib/server/campaigns/campaign-commands";
import { listReleases } from "@/lib/server/campaigns/releases";
import { Prefetched } from "../prefetch";
import type { Fill } from "../prefetch-fills";
import { requireActor } from "../require-actor";

export const metadata: Metadata = { title: "Upgrades" };

const prefetchUpgrades: Fill = async (client, actor) => {
  const [releases, campaigns] = await Promise.all([listReleases({ actor }), listCampaigns({ actor })]);
  client.setQueryData(campaignKeys.releases, releases);
  client.setQueryData(campaignKeys.campaigns, campaigns);
};

export default async function UpgradesIndexPage() {
  const actor = await requireActor("/upgrades");
  return (
    <Prefetched actor={actor} fills={[prefetchUpgrades]}>
      <div className="page">
        <div className="page-head">
          <h1>Upgrades</h1>
          <p className="lead">
            Each family&apos;s releases and what they affect; upgrade campaigns that roll a release across the fleet in waves, every datastore canaried and
            gated by a benchmark against its own baseline and thresholds.
          </p>
        </div>
        <UpgradesPage />
      </div>
    </Prefetched>
  );
}
