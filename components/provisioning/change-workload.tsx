"use client";
// Day-2: the owner edits a provisioned datastore's workload with the same form and live planner as the request
// wizard, starting from the workload it runs now (its last applied change's, else its request's). The plan starts
// from the shape the datastore runs — its instance type, resized for the new workload — with the other shapes
// offered as alternatives, never silently swapped for whichever is cheapest today. The server re-plans the same way
// (the chosen shape is sent as `instanceType` only when it differs), queues a preview of the new topology and decides
// whether a reviewer must approve; the datastore page then shows the change, its diff and, once approved, Provision.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId, useMemo, useState } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { planOnShape, primaryInstanceType } from "@/lib/planner";
import { FAMILY_TITLES, WorkloadSchema, type Plan, type Workload, type WorkloadInput } from "@/lib/schemas";
import type { FieldError } from "@/lib/errors";
import { errorMessage, isApiProblem, newIdempotencyKey } from "@/lib/query/api";
import { createChange, datastoreChangesQuery } from "@/lib/query/changes";
import { datastoreKeys, datastoreQuery } from "@/lib/query/datastores";
import { requestQuery } from "@/lib/query/requests";
import type { DatastoreDto } from "@/lib/query/types";
import { PlanSummary } from "@/components/plan/plan-summary";
import { PlannerPanes, usePlanner } from "@/components/plan/planner-view";
import { toFormValues, toWorkloadInput } from "@/components/plan/workload-form-values";
import { applyServerFieldErrors } from "@/components/requests/server-field-errors";
import { Field } from "@/components/ui/field";
import { formatUsd } from "@/components/ui/format";
import { ErrorState, Loading } from "@/components/ui/query-state";
import { FailureCallout } from "@/components/ui/failure-callout";
import { WorkloadDiff, workloadChanges } from "./workload-diff";
import { useProposal, type Prefill, type ProposalOrigin } from "./change-prefill";

/** Plans shown: the current shape and the alternatives to it. */
const ALTERNATIVES = 5;

export function ChangeWorkload({ id, from }: { id: string; from?: ProposalOrigin }) {
  const datastore = useQuery(datastoreQuery(id));
  const requestId = datastore.data?.data.requestId;
  const request = useQuery({ ...requestQuery(requestId ?? ""), enabled: !!requestId, staleTime: Infinity });
  const changes = useQuery(datastoreChangesQuery(id));
  const proposal = useProposal(id, from);
  if (datastore.isPending || (requestId && request.isPending) || changes.isPending || proposal.pending)
    return <Loading label="Loading the datastore and its workload…" rows={5} />;
  if (datastore.isError)
    return (
      <ErrorState
        title="Could not load this datastore."
        message={errorMessage(datastore.error)}
        error={datastore.error}
        back={{ href: "/catalog", label: "Back to the catalog" }}
        onRetry={() => void datastore.refetch()}
      />
    );
  if (request.isError)
    return <ErrorState title="Could not load the datastore's workload." message={errorMessage(request.error)} onRetry={() => void request.refetch()} />;
  if (changes.isError)
    return <ErrorState title="Could not load the datastore's changes." message={errorMessage(changes.error)} onRetry={() => void changes.refetch()} />;
  const d = datastore.data.data;
  if (!request.data) return null;
  // What it runs now: the newest applied workload change's workload (the list is newest first), else its request's.
  const current = changes.data.find((c) => c.kind === "update" && c.status === "applied" && c.workload)?.workload ?? request.data.data.workload;
  // The server's `actions.change`: another team's datastore, one not active, an open change already… say why.
  const change = d.actions.change ?? { allowed: false, reason: `${d.name} is ${d.status}: a workload change is not one of its next steps.` };
  if (!change.allowed) {
    return (
      <div className="callout callout--warning" role="status" data-testid="change-denied">
        {change.reason} <Link href={`/catalog/${d.id}`}>Back to the datastore</Link>
      </div>
    );
  }
  return <ChangeForm datastore={d} current={current} prefill={proposal.prefill} />;
}

function ChangeForm({ datastore: d, current, prefill }: { datastore: DatastoreDto; current: Workload; prefill?: Prefill }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const reasonId = useId();
  const planner = usePlanner({ initial: (prefill?.workload ?? current) as WorkloadInput, initialChoice: d.family });
  const currentType = primaryInstanceType(d.topology) ?? "";
  const [shape, setShape] = useState(prefill?.instanceType ?? currentType);
  const [reason, setReason] = useState(prefill?.reason ?? "");
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<{ message: string; fields: FieldError[] } | null>(null);
  const [idempotencyKey] = useState(newIdempotencyKey);
  const nodesNow = d.topology.reduce((n, c) => n + c.nodes, 0);

  // The current workload as the form writes it (defaults and all), so "unchanged" means what the person sees.
  const baseline = useMemo(() => WorkloadSchema.safeParse(toWorkloadInput(toFormValues(current as WorkloadInput))), [current]);
  const live = planner.live.status === "invalid" ? undefined : planner.live.workload;
  const onShape = useMemo(() => {
    if (!live) return undefined;
    try {
      return planOnShape({ workload: live, family: d.family, instanceType: currentType, alternatives: ALTERNATIVES });
    } catch (error) {
      return { error: error instanceof Error ? error.message : String(error) };
    }
  }, [live, d.family, currentType]);
  const result = onShape && "plans" in onShape ? onShape : undefined;
  const kept = result?.kept ? result.plans[0] : undefined;
  // A proposed shape (modernise) stays on offer even when it is not among the cheapest alternatives.
  const proposedPlan = useMemo(() => {
    const type = prefill?.instanceType;
    if (!live || !type || !result || result.plans.some((p) => primaryInstanceType(p.clusters) === type)) return undefined;
    try {
      const own = planOnShape({ workload: live, family: d.family, instanceType: type, alternatives: 1 });
      return own.kept ? own.plans[0] : undefined;
    } catch {
      return undefined;
    }
  }, [live, d.family, prefill?.instanceType, result]);
  const alternatives = [
    ...(result ? (result.kept ? result.plans.slice(1) : result.plans) : []),
    ...(proposedPlan ? [{ ...proposedPlan, rank: ALTERNATIVES + 1 }] : []),
  ];
  // The pick, if it is still on offer; otherwise the current shape, or the cheapest when that cannot serve.
  const chosen: Plan | undefined =
    [...(result?.plans ?? []), ...(proposedPlan ? [proposedPlan] : [])].find((p) => primaryInstanceType(p.clusters) === shape) ?? kept ?? alternatives[0];
  const chosenType = chosen ? primaryInstanceType(chosen.clusters) : undefined;
  const workloadEdits = live && baseline.success ? workloadChanges(baseline.data, live) : [];
  const nothingYet = workloadEdits.length === 0 && chosenType === currentType;

  const submit = () =>
    planner.form.handleSubmit(
      async (values) => {
        setFailure(null);
        setBusy(true);
        try {
          const instanceType = chosenType && chosenType !== currentType ? { instanceType: chosenType } : {};
          await createChange(
            d.id,
            { kind: "update", workload: toWorkloadInput(values), ...instanceType, ...(reason.trim() ? { reason: reason.trim() } : {}) },
            idempotencyKey,
          );
          await queryClient.invalidateQueries({ queryKey: datastoreKeys.one(d.id) });
          router.push(`/catalog/${d.id}#changes-title`);
        } catch (error) {
          setBusy(false);
          if (isApiProblem(error) && error.fieldErrors.length > 0) {
            const rest = applyServerFieldErrors(
              planner.form,
              error.fieldErrors.filter((e) => e.field !== "reason"),
            );
            setFailure({ message: error.detail, fields: rest });
          } else setFailure({ message: errorMessage(error), fields: [] });
        }
      },
      () => setFailure({ message: "Fix the highlighted fields first.", fields: [] }),
    )();

  const before = (
    <section className="card" aria-labelledby="change-target-title">
      <div className="card-head">
        <h2 id="change-target-title">{d.name}</h2>
        <p className="muted">
          {FAMILY_TITLES[d.family]} on <code>{currentType}</code> · {nodesNow} nodes in {d.regions.join(", ")} · {formatUsd(d.annualCost)} a year.{" "}
          {prefill ? "" : "The form starts from the workload it runs now."}
        </p>
      </div>
      {prefill ? prefill.banner : null}
    </section>
  );

  const delta = (plan: Plan) => {
    const nodes = plan.clusters.reduce((n, c) => n + c.nodes, 0);
    return `${nodesNow} → ${nodes} nodes · ${formatUsd(d.annualCost)} → ${formatUsd(plan.annualCost)} a year`;
  };

  const results = (
    <div className="results">
      <section className="card" aria-labelledby="change-plan-title" data-testid="change-plan">
        <div className="card-head">
          <h2 id="change-plan-title">The shape after the change</h2>
          <p className="muted">Re-planned in your browser as you type, for {FAMILY_TITLES[d.family]}; the server re-plans the same way when you ask.</p>
        </div>
        {!live ? (
          <div className="callout callout--warning" role="status">
            Fix the highlighted fields to see the new shape.
          </div>
        ) : onShape && "error" in onShape ? (
          <div className="callout callout--danger" role="status">
            {FAMILY_TITLES[d.family]} cannot be planned for this workload: {onShape.error}
          </div>
        ) : (
          <fieldset className="shape-choice">
            <legend className="visually-hidden">Instance type after the change</legend>
            {result && !result.kept ? (
              <div className="callout callout--warning" role="status" data-testid="change-shape-gone">
                {result.warnings[0]}
              </div>
            ) : null}
            {kept ? (
              <label className="shape-option" data-testid="change-kept-shape" data-instance-type={currentType}>
                <input
                  type="radio"
                  name="change-shape"
                  value={currentType}
                  checked={chosenType === currentType}
                  onChange={() => setShape(currentType)}
                  aria-label={`Keep ${currentType}, the current shape`}
                />
                <span>
                  <strong>
                    Keep <code>{currentType}</code>
                  </strong>{" "}
                  <span className="muted small">the current shape</span>
                  <span className="shape-option-detail">{delta(kept)}</span>
                </span>
              </label>
            ) : null}
            {alternatives.length > 0 ? <p className="small muted shape-alternatives-title">Or move to another shape:</p> : null}
            {alternatives.map((p) => {
              const type = primaryInstanceType(p.clusters) ?? "";
              const versus = kept ? p.annualCost - kept.annualCost : 0;
              return (
                <label key={type} className="shape-option" data-testid="change-alternative" data-instance-type={type}>
                  <input
                    type="radio"
                    name="change-shape"
                    value={type}
                    checked={chosenType === type}
                    onChange={() => setShape(type)}
                    aria-label={`Move to ${type}`}
                  />
                  <span>
                    <strong>
                      Move to <code>{type}</code>
                    </strong>
                    <span className="shape-option-detail">
                      {delta(p)}
                      {kept && Math.abs(versus) >= 1
                        ? ` (${versus < 0 ? `${formatUsd(-versus)} less` : `${formatUsd(versus)} more`} than keeping ${currentType})`
                        : ""}
                    </span>
                  </span>
                </label>
              );
            })}
          </fieldset>
        )}
        {live && baseline.success ? (
          <>
            <h3 className="subhead">What you changed</h3>
            <WorkloadDiff before={baseline.data} after={live} testId="change-form-workload-diff" />
          </>
        ) : null}
      </section>
      {chosen && result ? (
        <PlanSummary
          plan={chosen}
          result={result}
          label={chosenType === currentType ? "After the change, on the current shape" : `After the change, on ${chosenType ?? "another shape"}`}
        />
      ) : null}
    </div>
  );

  const after = (
    <section className="card wizard-actions" aria-labelledby="change-actions-title">
      <div className="card-head">
        <h2 id="change-actions-title">Request the change</h2>
        <p className="muted">
          {chosen ? (
            <>
              {chosenType === currentType ? `Keeps ${currentType}` : `Moves to ${chosenType ?? "another shape"}`}: {delta(chosen)}. A reviewer must approve when
              cost or topology grows.
            </>
          ) : (
            "Describe a workload the planner can serve to request the change."
          )}
        </p>
      </div>
      <Field id={reasonId} name="reason" label="Reason" hint="Optional: why the workload changes (the reviewer reads it).">
        <textarea id={reasonId} className="input" value={reason} onChange={(e) => setReason(e.target.value)} />
      </Field>
      {nothingYet && live ? (
        <p className="small muted" data-testid="change-nothing-yet">
          Nothing changes yet: edit the workload, or pick another shape.
        </p>
      ) : null}
      {failure ? <FailureCallout failure={failure} testId="change-error" /> : null}
      <div className="actions">
        <button type="button" className="button button--primary" onClick={() => void submit()} disabled={busy || !planner.hydrated || nothingYet || !chosen}>
          {busy ? "Requesting…" : "Request this change"}
        </button>
        <Link href={`/catalog/${d.id}`} className="button button--link">
          Back to the datastore
        </Link>
      </div>
    </section>
  );

  return <PlannerPanes planner={planner} before={before} after={after} results={results} />;
}
