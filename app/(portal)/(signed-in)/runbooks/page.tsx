import type { Metadata } from "next";
import Link from "next/link";
import { RUNBOOKS } from "@/lib/runbooks";
import { requireActor } from "../require-actor";

export const metadata: Metadata = { title: "Runbooks" };

export default async function RunbooksPage() {
  await requireActor("/runbooks");
  return (
    <div className="page">
      <div className="page-head">
        <h1>Runbooks</h1>
        <p className="lead">
          One per alarm metric: what it means and what to do first. Every alarm links here from its description and from the datastore&apos;s health tab; see
          also the <Link href="/health">at-risk list</Link>.
        </p>
      </div>
      <div className="stack">
        {Object.entries(RUNBOOKS).map(([metric, r]) => (
          <section key={metric} id={metric} className="card runbook" aria-labelledby={`${metric}-title`} data-testid="runbook">
            <h2 id={`${metric}-title`}>{r.title}</h2>
            <p className="muted">{r.meaning}</p>
            <p>
              <strong>First:</strong> {r.firstStep}
            </p>
            <ol>
              {r.steps.map((s) => (
                <li key={s}>{s}</li>
              ))}
            </ol>
            <p className="muted small">
              Metric <code>{metric}</code>
            </p>
          </section>
        ))}
      </div>
    </div>
  );
}
