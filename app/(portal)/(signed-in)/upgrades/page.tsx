import type { Metadata } from "next";
import { UpgradesPage } from "@/components/upgrades/upgrades-page";
import { Prefetched } from "../prefetch";
import { requireActor } from "../require-actor";

export const metadata: Metadata = { title: "Upgrades" };

export default async function UpgradesIndexPage() {
  const actor = await requireActor("/upgrades");
  return (
    <Prefetched actor={actor}>
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
