"use client";
// Day-2: the owner edits a provisioned datastore's workload with the same form and live planner as the request
// wizard, prefilled with the workload its request was approved with. The server re-plans for the datastore's
// family, queues a preview of the new topology and decides whether a reviewer must approve (cost or topology
// grows, a critical tier); the datastore page then shows the change, its diff and, once approved, Provision.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { FAMILY_TITLES, type WorkloadInput } from "@/lib/schemas";
import type { FieldError } from "@/lib/errors";
import { errorMessage, isApiProblem, newIdempotencyKey } from "@/lib/query/api";
import { createChange } from "@/lib/query/changes";
import { datastoreKeys, datastoreQuery } from "@/lib/query/datastores";
import { actsForTeam, meQuery } from "@/lib/query/me";
import { requestQuery } from "@/lib/query/requests";
import type { DatastoreDto, RequestDetailDto } from "@/lib/query/types";
import { PlannerPanes, usePlanner } from "@/components/plan/planner-view";
import { toWorkloadInput } from "@/components/plan/workload-form-values";
import { applyServerFieldErrors } from "@/components/requests/server-field-errors";
import { Field } from "@/components/ui/field";
import { formatUsd } from "@/components/ui/format";
import { ErrorState, Loading } from "@/components/ui/query-state";
import { FailureCallout } from "@/components/ui/failure-callout";

export function ChangeWorkload({ id }: { id: string }) {
  const me = useQuery(meQuery());
  const datastore = useQuery(datastoreQuery(id));
  const requestId = datastore.data?.data.requestId;
  const request = useQuery({ ...requestQuery(requestId ?? ""), enabled: !!requestId, staleTime: Infinity });
  if (datastore.isPending || (requestId && request.isPending)) return <Loading label="Loading the datastore and its workload…" rows={5} />;
  if (datastore.isError) return <ErrorState title="Could not load this datastore." message={errorMessage(datastore.error)} onRetry={() => void datastore.refetch()} />;
  if (request.isError) return <ErrorState title="Could not load the datastore's workload." message={errorMessage(request.error)} onRetry={() => void request.refetch()} />;
  const d = datastore.data.data;
  if (!request.data) return null;
  if (me.data && !actsForTeam(me.data, d.team.id)) {
    return (
      <div className="callout callout--warning" role="status">
        Only {d.team.name}, the owning team, can change this datastore&apos;s workload. <Link href={`/catalog/${d.id}`}>Back to the datastore</Link>
      </div>
    );
  }
  if (d.status !== "active") {
    return (
      <div className="callout callout--warning" role="status">
        Only an active datastore&apos;s workload can be changed; <strong>{d.name}</strong> is {d.status}. <Link href={`/catalog/${d.id}`}>Back to the datastore</Link>
      </div>
    );
  }
  return <ChangeForm datastore={d} request={request.data.data} />;
}

function ChangeForm({ datastore: d, request }: { datastore: DatastoreDto; request: RequestDetailDto }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const reasonId = useId();
  const planner = usePlanner({ initial: request.workload as WorkloadInput, initialChoice: d.family });
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<{ message: string; fields: FieldError[] } | null>(null);
  const [idempotencyKey] = useState(newIdempotencyKey);
  const planned = planner.live.status === "planned" ? planner.live.result.plans[0] : undefined;
  const nodesNow = d.topology.reduce((n, c) => n + c.nodes, 0);
  const nodesPlanned = planned?.clusters.reduce((n, c) => n + c.nodes, 0);

  const submit = () =>
    planner.form.handleSubmit(
      async (values) => {
        setFailure(null);
        setBusy(true);
        try {
          await createChange(d.id, { kind: "update", workload: toWorkloadInput(values), ...(reason.trim() ? { reason: reason.trim() } : {}) }, idempotencyKey);
          await queryClient.invalidateQueries({ queryKey: datastoreKeys.one(d.id) });
          router.push(`/catalog/${d.id}#changes-title`);
        } catch (error) {
          setBusy(false);
          if (isApiProblem(error) && error.fieldErrors.length > 0) {
            const rest = applyServerFieldErrors(planner.form, error.fieldErrors.filter((e) => e.field !== "reason"));
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
          {FAMILY_TITLES[d.family]} · {nodesNow} nodes in {d.regions.join(", ")} · {formatUsd(d.annualCost)} a year. The server re-plans the new workload for {FAMILY_TITLES[d.family]}.
        </p>
      </div>
    </section>
  );

  const after = (
    <section className="card wizard-actions" aria-labelledby="change-actions-title">
      <div className="card-head">
        <h2 id="change-actions-title">Request the change</h2>
        <p className="muted">
          {planned ? (
            <>
              Now {nodesNow} nodes, {formatUsd(d.annualCost)} a year → planned {nodesPlanned} nodes, {formatUsd(planned.annualCost)} a year
              {planned.family !== d.family ? ` (the planner shows ${FAMILY_TITLES[planned.family]}; the change stays ${FAMILY_TITLES[d.family]})` : ""}. A reviewer must approve when cost or
              topology grows.
            </>
          ) : (
            "Describe a workload the planner can serve to request the change."
          )}
        </p>
      </div>
      <Field id={reasonId} name="reason" label="Reason" hint="Optional: why the workload changes (the reviewer reads it).">
        <textarea id={reasonId} className="input" value={reason} onChange={(e) => setReason(e.target.value)} />
      </Field>
      {failure ? <FailureCallout failure={failure} testId="change-error" /> : null}
      <div className="actions">
        <button type="button" className="button button--primary" onClick={() => void submit()} disabled={busy || !planner.hydrated}>
          {busy ? "Requesting…" : "Request this change"}
        </button>
        <Link href={`/catalog/${d.id}`} className="button button--link">
          Back to the datastore
        </Link>
      </div>
    </section>
  );

  return <PlannerPanes planner={planner} before={before} after={after} />;
}
