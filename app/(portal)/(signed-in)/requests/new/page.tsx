import type { Metadata } from "next";
import { RequestWizard } from "@/components/requests/request-wizard";
import { Prefetched } from "../../prefetch";
import { requireActor } from "../../require-actor";

export const metadata: Metadata = { title: "Request a data store" };

export default async function NewRequestPage() {
  const actor = await requireActor("/requests/new");
  return (
    <Prefetched actor={actor}>
      <div className="page">
        <div className="page-head">
          <h1>Request a data store</h1>
          <ol className="steps" aria-label="Steps">
            <li>
              <span className="step-n">1</span> Pick the owning team
            </li>
            <li>
              <span className="step-n">2</span> Describe the workload — the plan updates as you type
            </li>
            <li>
              <span className="step-n">3</span> Submit for expert review
            </li>
          </ol>
        </div>
        <RequestWizard />
      </div>
    </Prefetched>
  );
}
