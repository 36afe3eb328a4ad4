import type { Metadata } from "next";
import { ReviewPage } from "@/components/reviews/review-page";
import { Prefetched } from "../../prefetch";
import { prefetchRequest } from "../../prefetch-fills";
import { requireActor } from "../../require-actor";

export const metadata: Metadata = { title: "Review" };

export default async function ReviewRequestPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor(`/reviews/${id}`);
  return (
    <Prefetched actor={actor} fills={[prefetchRequest(id)]}>
      <ReviewPage id={id} />
    </Prefetched>
  );
}
