"use client";
// The request wizard: pick the team, describe the workload with the planner (live recommendation and plans),
// then save a draft or submit it for review. The server re-plans on submission; its field errors come back
// onto the same inputs.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId, useRef, useState } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { FAMILY_TITLES, type WorkloadInput } from "@/lib/schemas";
import type { FieldError } from "@/lib/errors";
import { errorMessage, isApiProblem, newIdempotencyKey } from "@/lib/query/api";
import { meQuery } from "@/lib/query/me";
import { createRequest, requestKeys, submitRequest, updateRequest } from "@/lib/query/requests";
import type { Me, RequestDetailDto } from "@/lib/query/types";
import { PlannerPanes, usePlanner } from "@/components/plan/planner-view";
import { toWorkloadInput } from "@/components/plan/workload-form-values";
import { Field } from "@/components/ui/field";
import { ErrorState, Loading } from "@/components/ui/query-state";
import { applyServerFieldErrors } from "./server-field-errors";
import { FailureCallout } from "@/components/ui/failure-callout";

type Action = "draft" | "submit";

interface Props {
  /** Editing an existing draft (or a request sent back for changes). */
  existing?: { request: RequestDetailDto; etag: string | null };
}

export function RequestWizard({ existing }: Props) {
  const me = useQuery(meQuery());
  if (me.isPending) return <Loading label="Loading your teams…" />;
  if (me.isError) return <ErrorState message={errorMessage(me.error)} onRetry={() => void me.refetch()} />;
  if (!me.data) return <ErrorState title="You are signed out." message="Sign in again to request a data store." />;
  return <Wizard me={me.data} existing={existing} />;
}

function Wizard({ me, existing }: { me: Me; existing: Props["existing"] }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const teamFieldId = useId();
  const planner = usePlanner({
    initial: existing ? (existing.request.workload as WorkloadInput) : undefined,
    initialChoice: existing?.request.family ?? "recommended",
  });
  const teams = me.teams;
  const [teamId, setTeamId] = useState<string>(existing?.request.teamId ?? (teams.length === 1 ? (teams[0]?.id ?? "") : ""));
  const [teamError, setTeamError] = useState<string | undefined>();
  const [busy, setBusy] = useState<Action | null>(null);
  const [failure, setFailure] = useState<{ message: string; fields: FieldError[] } | null>(null);
  // Once saved, later clicks edit that request instead of creating another; one idempotency key per new request.
  const saved = useRef<{ id: string; etag: string | null } | null>(existing ? { id: existing.request.id, etag: existing.etag } : null);
  const idempotencyKey = useRef(newIdempotencyKey());

  const { live, choice } = planner;
  const family = choice === "recommended" ? undefined : choice;
  const recommended = live.status === "invalid" ? undefined : live.recommendation.recommendations[0]?.family;
  const planned = live.status === "planned" ? live.result.plans[0] : undefined;

  const run = (action: Action) =>
    planner.form.handleSubmit(
      async (values) => {
        setFailure(null);
        if (!teamId) {
          setTeamError("Pick the team that will own this data store.");
          return;
        }
        setTeamError(undefined);
        setBusy(action);
        const workload = toWorkloadInput(values);
        try {
          let id: string;
          if (saved.current) {
            const updated = await updateRequest(saved.current.id, { name: workload.name, workload, family: family ?? null }, saved.current.etag);
            saved.current = { id: updated.data.id, etag: updated.etag };
            id = updated.data.id;
          } else {
            const created = await createRequest({ teamId, name: workload.name, workload, family }, idempotencyKey.current);
            saved.current = { id: created.data.id, etag: created.etag };
            id = created.data.id;
          }
          if (action === "submit") await submitRequest(id);
          await queryClient.invalidateQueries({ queryKey: requestKeys.all });
          router.push(`/requests/${id}`);
        } catch (error) {
          setBusy(null);
          if (isApiProblem(error) && error.fieldErrors.length > 0) {
            const rest = applyServerFieldErrors(
              planner.form,
              error.fieldErrors.filter((e) => e.field !== "teamId"),
            );
            const team = error.fieldErrors.find((e) => e.field === "teamId");
            if (team) setTeamError(team.message);
            setFailure({ message: error.detail, fields: rest });
          } else if (isApiProblem(error) && error.status === 412) {
            setFailure({ message: "Someone else changed this request since you opened it. Reload the page to see their changes.", fields: [] });
          } else {
            setFailure({ message: errorMessage(error), fields: [] });
          }
        }
      },
      () => setFailure({ message: "Fix the highlighted fields first.", fields: [] }),
    )();

  const teamPicker = (
    <section className="card wizard-team" aria-labelledby="wizard-team-title">
      <div className="card-head">
        <h2 id="wizard-team-title">Owner</h2>
        <p className="muted">The team that will own, run and be paged for this data store.</p>
      </div>
      {teams.length === 0 ? (
        <div className="callout callout--warning">You are not in any team yet. Ask a portal administrator to add you to one.</div>
      ) : (
        <Field id={teamFieldId} name="teamId" label="Team" error={teamError}>
          <select
            id={teamFieldId}
            className="input"
            value={teamId}
            disabled={!!existing}
            aria-invalid={teamError ? true : undefined}
            onChange={(e) => {
              setTeamId(e.target.value);
              setTeamError(undefined);
            }}
          >
            <option value="">Choose a team…</option>
            {teams.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name} ({t.slug})
              </option>
            ))}
          </select>
        </Field>
      )}
    </section>
  );

  const actions = (
    <section className="card wizard-actions" aria-labelledby="wizard-actions-title">
      <div className="card-head">
        <h2 id="wizard-actions-title">{existing ? "Update the request" : "Request it"}</h2>
        <p className="muted">
          {planned && recommended
            ? `${FAMILY_TITLES[family ?? recommended]} · the server re-plans on submission and pins the plan for review.`
            : "Describe a workload the planner can serve to submit it."}
        </p>
      </div>
      {failure ? <FailureCallout failure={failure} testId="wizard-error" /> : null}
      <div className="actions">
        <button
          type="button"
          className="button button--primary"
          onClick={() => void run("submit")}
          disabled={busy !== null || !planner.hydrated || teams.length === 0}
        >
          {busy === "submit" ? "Submitting…" : "Submit for review"}
        </button>
        <button type="button" className="button" onClick={() => void run("draft")} disabled={busy !== null || !planner.hydrated || teams.length === 0}>
          {busy === "draft" ? "Saving…" : "Save draft"}
        </button>
        {existing ? (
          <Link href={`/requests/${existing.request.id}`} className="button button--link">
            Discard changes
          </Link>
        ) : null}
      </div>
    </section>
  );

  return <PlannerPanes planner={planner} before={teamPicker} after={actions} />;
}
