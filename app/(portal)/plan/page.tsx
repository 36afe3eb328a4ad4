import type { Metadata } from "next";
import { PlannerView } from "@/components/plan/planner-view";

export const metadata: Metadata = { title: "Plan a data store" };

// The shell is a server component; planning happens in the browser, so the page needs no data to render.
export default function PlanPage() {
  return (
    <div className="page">
      <div className="page-head">
        <h1>Plan a data store</h1>
        <p className="lead">Describe the workload; the recommendation and capacity plan update as you type.</p>
      </div>
      <PlannerView />
    </div>
  );
}
