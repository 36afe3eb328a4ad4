import type { Metadata } from "next";
import { ReleaseAffectedPage } from "@/components/upgrades/release-affected-page";
import { campaignKeys } from "@/lib/query/campaigns";
import { listAffected } from "@/lib/server/campaigns/affected";
import { Prefetched } from "../../../prefetch";
import type { Fill } from "../../../prefetch-fills";
import { requireActor } from "../../../require-actor";

export const metadata: Metadata = { title: "Release" };

/** Administrators only (the API refuses others, and the page says so). */
const prefetchAffected =
  (releaseId: string): Fill =>
  async (client, actor) => {
    if (actor.isAdmin) client.setQueryData(campaignKeys.affected(releaseId), await listAffected({ actor, releaseId }));
  };

export default async function ReleasePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor(`/upgrades/releases/${id}`);
  return (
    <Prefetched actor={actor} fills={[prefetchAffected(id)]}>
      <ReleaseAffectedPage releaseId={id} />
    </Prefetched>
  );
}
