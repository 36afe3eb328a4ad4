"use client";
// The conversation about a request: review decisions and comments in time order, and a box to add a comment.
import { useId, useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { errorMessage, isApiProblem } from "@/lib/query/api";
import { addComment, requestKeys } from "@/lib/query/requests";
import type { CommentDto, ReviewDecisionDto } from "@/lib/query/types";
import { formatDateTime } from "@/components/ui/dates";
import { Field } from "@/components/ui/field";

type Entry = { kind: "comment"; at: string; item: CommentDto } | { kind: "decision"; at: string; item: ReviewDecisionDto };

const DECISION_TEXT = { approved: "approved the plan", "changes-requested": "requested changes", rejected: "rejected the request" } as const;

const initials = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]?.toUpperCase() ?? "")
    .join("");

export function Thread({ requestId, comments, decisions }: { requestId: string; comments: readonly CommentDto[]; decisions: readonly ReviewDecisionDto[] }) {
  const entries: Entry[] = [
    ...comments.map((c) => ({ kind: "comment" as const, at: c.createdAt, item: c })),
    ...decisions.map((d) => ({ kind: "decision" as const, at: d.createdAt, item: d })),
  ].sort((a, b) => a.at.localeCompare(b.at));
  return (
    <section className="card" aria-labelledby="thread-title" data-testid="thread">
      <div className="card-head">
        <h2 id="thread-title">Discussion</h2>
        <p className="muted">Decisions and comments, oldest first.</p>
      </div>
      {entries.length === 0 ? (
        <p className="empty">No comments yet.</p>
      ) : (
        <ol className="thread">
          {entries.map((e) =>
            e.kind === "comment" ? (
              <li key={`c-${e.item.id}`} className="thread-item" data-testid="comment">
                <span className="avatar" aria-hidden="true">
                  {initials(e.item.author.name)}
                </span>
                <div>
                  <p className="thread-meta">
                    <strong>{e.item.author.name}</strong> · {formatDateTime(e.item.createdAt)}
                  </p>
                  <div className="thread-body">{e.item.body}</div>
                </div>
              </li>
            ) : (
              <li
                key={`d-${e.item.id}`}
                className={`thread-item thread-item--decision thread-item--${e.item.decision}`}
                data-testid="decision"
                data-decision={e.item.decision}
              >
                <span className="avatar" aria-hidden="true">
                  {initials(e.item.reviewer.name)}
                </span>
                <div>
                  <p className="thread-meta">
                    <strong>{e.item.reviewer.name}</strong> {DECISION_TEXT[e.item.decision]} · {formatDateTime(e.item.createdAt)}
                  </p>
                  <div className="thread-body">{e.item.comment ?? <span className="muted">No comment.</span>}</div>
                </div>
              </li>
            ),
          )}
        </ol>
      )}
      <CommentForm requestId={requestId} />
    </section>
  );
}

function CommentForm({ requestId }: { requestId: string }) {
  const id = useId();
  const queryClient = useQueryClient();
  const [body, setBody] = useState("");
  const mutation = useMutation({
    mutationFn: () => addComment(requestId, body),
    onSuccess: async () => {
      setBody("");
      await queryClient.invalidateQueries({ queryKey: requestKeys.one(requestId) });
    },
  });
  const fieldError = isApiProblem(mutation.error) ? mutation.error.fieldErrors.find((e) => e.field === "body")?.message : undefined;
  return (
    <form
      className="form-grid"
      style={{ marginTop: 14 }}
      onSubmit={(e) => {
        e.preventDefault();
        if (body.trim()) mutation.mutate();
      }}
    >
      <Field id={id} name="comment" label="Add a comment" error={fieldError}>
        <textarea
          id={id}
          className="input"
          value={body}
          onChange={(e) => setBody(e.target.value)}
          aria-invalid={fieldError ? true : undefined}
          placeholder="Questions, context, links…"
        />
      </Field>
      {mutation.isError && !fieldError ? (
        <div className="callout callout--danger" role="alert">
          {errorMessage(mutation.error)}
        </div>
      ) : null}
      <div className="actions">
        <button type="submit" className="button" disabled={mutation.isPending || !body.trim()}>
          {mutation.isPending ? "Posting…" : "Comment"}
        </button>
      </div>
    </form>
  );
}
