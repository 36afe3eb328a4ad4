"use client";
// A campaign's audit trail, newest first: every step started and finished, every gate, pause, resume, abort and
// approval, with who did it (a person, or the runner).
import { useQuery } from "@tanstack/react-query";
import { errorMessage } from "@/lib/query/api";
import { campaignEventsQuery } from "@/lib/query/campaigns";
import { formatDateTime } from "@/components/ui/dates";
import { ErrorState, Loading } from "@/components/ui/query-state";

const who = (actor: string) => (actor === "system" ? "the runner" : actor.replace(/^(user|token):/, ""));

export function CampaignEvents({ campaignId, running }: { campaignId: string; running: boolean }) {
  const q = useQuery(campaignEventsQuery(campaignId, running));
  return (
    <section className="card" aria-labelledby="campaign-events-title" data-testid="campaign-events">
      <div className="card-head">
        <h2 id="campaign-events-title">Audit trail</h2>
      </div>
      {q.isPending ? (
        <Loading label="Loading the audit trail…" />
      ) : q.isError ? (
        <ErrorState title="Could not read the audit trail." message={errorMessage(q.error)} onRetry={() => void q.refetch()} />
      ) : q.data.items.length === 0 ? (
        <p className="muted">Nothing yet.</p>
      ) : (
        <ol className="campaign-events">
          {[...q.data.items].reverse().map((e) => (
            <li key={e.seq} data-testid="campaign-event" data-kind={e.kind}>
              <span className="muted small">{formatDateTime(e.at)}</span> <span className="status status--neutral">{e.kind}</span> {e.message}{" "}
              <span className="muted small">— {who(e.actor)}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
