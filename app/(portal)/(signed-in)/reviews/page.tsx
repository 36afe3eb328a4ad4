import type { Metadata } from "next";
import { ReviewQueue } from "@/components/reviews/review-queue";
import { Prefetched } from "../prefetch";
import { reviewQueueFills } from "../prefetch-fills";
import { requireActor } from "../require-actor";

export const metadata: Metadata = { title: "Reviews" };

export default async function ReviewsPage() {
  const actor = await requireActor("/reviews");
  return (
    <Prefetched actor={actor} fills={reviewQueueFills()}>
      <div className="page">
        <div className="page-head">
          <h1>Review queue</h1>
          <p className="lead">
            Submitted requests, workload changes and decommissions from every team, longest waiting first. Open one to see what was asked and decide.
          </p>
        </div>
        <ReviewQueue />
      </div>
    </Prefetched>
  );
}
