import type { Metadata } from "next";
import { ReleaseAffectedPage } from "@/components/upgrades/release-affected-page";
import { Prefetched } from "../../../prefetch";
import { requireActor } from "../../../require-actor";

export const metadata: Metadata = { title: "Release" };

export default async function ReleasePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor(`/upgrades/releases/${id}`);
  return (
    <Prefetched actor={actor}>
      <ReleaseAffectedPage releaseId={id} />
    </Prefetched>
  );
}
