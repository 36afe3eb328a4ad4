import type { Metadata } from "next";
import { ReviewQueue } from "@/components/reviews/review-queue";
import { Prefetched } from "../prefetch";
import { prefetchRequests } from "../prefetch-fills";
import { requireActor } from "../require-actor";

export const metadata: Metadata = { title: "Reviews" };

export default async function ReviewsPage() {
  const actor = await requireActor("/reviews");
  return (
    <Prefetched actor={actor} fills={[prefetchRequests({ status: "submitted" })]}>
      <div className="page">
        <div className="page-head">
          <h1>Review queue</h1>
          <p className="lead">Submitted requests from every team, oldest waiting first. Open one to see its pinned plan and decide.</p>
        </div>
        <ReviewQueue />
      </div>
    </Prefetched>
  );
}
