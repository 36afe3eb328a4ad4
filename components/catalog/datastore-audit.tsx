"use client";
// A datastore's history: every change to it and its request, newest first, in sentences.
import { useQuery } from "@tanstack/react-query";
import { errorMessage } from "@/lib/query/api";
import { auditQuery } from "@/lib/query/datastores";
import { formatDateTime } from "@/components/ui/dates";
import { ErrorState, Loading } from "@/components/ui/query-state";
import { auditSentence } from "./audit-sentence";

export function DatastoreAudit({ id }: { id: string }) {
  const q = useQuery(auditQuery(id));
  return (
    <section className="card" aria-labelledby="audit-title" data-testid="audit">
      <div className="card-head">
        <h2 id="audit-title">History</h2>
        <p className="muted">Every change to this datastore and its request, newest first.</p>
      </div>
      {q.isPending ? (
        <Loading />
      ) : q.isError ? (
        <ErrorState message={errorMessage(q.error)} onRetry={() => void q.refetch()} />
      ) : q.data.length === 0 ? (
        <p className="empty">No history yet.</p>
      ) : (
        <ol className="thread audit-list">
          {q.data.map((e) => {
            const sentence = auditSentence(e);
            return (
              <li key={e.id} data-testid="audit-event" data-action={e.action}>
                <p className="thread-meta">{formatDateTime(e.at)}</p>
                <p>{sentence.text}</p>
                {sentence.changes.length > 0 ? (
                  <ul className="audit-changes">
                    {sentence.changes.map((line) => (
                      <li key={line}>{line}</li>
                    ))}
                  </ul>
                ) : null}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
