"use client";
// Starting a benchmark run: the form opens prefilled with the profile the portal derives from the datastore's
// workload (GET …/benchmarks/profile: its mix, item sizes and key count, the rate scaled to a share of the fleet, a
// short duration) and every field of it editable. The body is checked with the API's own schema before it is sent,
// and a 422's field errors land beside the same fields; the run's page opens once it is queued.
import { useRouter } from "next/navigation";
import { useState, type ReactNode } from "react";
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { KEY_DISTRIBUTIONS } from "@/lib/bench/profile";
import { errorMessage, isApiProblem, newIdempotencyKey } from "@/lib/query/api";
import { benchmarkKeys, benchmarkProfileQuery, startBenchmark, type BenchCluster, type DerivedBenchProfile } from "@/lib/query/benchmarks";
import { ErrorState, Loading } from "@/components/ui/query-state";
import { bodyOf, checkBody, draftOf, num, str, type Draft } from "./bench-form-values";

function Field({
  label,
  error,
  hint,
  children,
}: {
  label: string;
  error?: string;
  hint?: string;
  children: (p: { id: string; "aria-invalid"?: true; "aria-describedby"?: string }) => ReactNode;
}) {
  const id = `bench-${label.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ");
  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      {children({ id, ...(error ? { "aria-invalid": true as const } : {}), ...(describedBy ? { "aria-describedby": describedBy } : {}) })}
      {hint ? (
        <span className="field-hint" id={`${id}-hint`}>
          {hint}
        </span>
      ) : null}
      {error ? (
        <span className="field-error" id={`${id}-error`} data-testid="bench-field-error">
          {error}
        </span>
      ) : null}
    </div>
  );
}

export function StartBenchmarkForm({ datastoreId, onCancel }: { datastoreId: string; onCancel: () => void }) {
  // Each cluster has its own default profile (its rate is one of its nodes' load): choosing another derives afresh.
  const [chosen, setChosen] = useState<{ cluster: BenchCluster; label: string } | null>(null);
  const derived = useQuery({ ...benchmarkProfileQuery(datastoreId, chosen?.cluster), placeholderData: keepPreviousData });
  if (derived.isPending) return <Loading label="Deriving a profile from the workload…" />;
  if (derived.isError)
    return (
      <ErrorState title="Could not derive a profile." message={errorMessage(derived.error)} error={derived.error} onRetry={() => void derived.refetch()} />
    );
  return (
    <ProfileForm
      key={`${chosen?.cluster.region}|${chosen?.cluster.role}|${derived.isPlaceholderData}`}
      datastoreId={datastoreId}
      derived={derived.data}
      cluster={chosen?.cluster}
      initialLabel={chosen?.label ?? ""}
      deriving={derived.isPlaceholderData}
      onCluster={(cluster, label) => setChosen({ cluster, label })}
      onCancel={onCancel}
    />
  );
}

function ProfileForm({
  datastoreId,
  derived,
  cluster,
  initialLabel,
  deriving,
  onCluster,
  onCancel,
}: {
  datastoreId: string;
  derived: DerivedBenchProfile;
  cluster: BenchCluster | undefined;
  initialLabel: string;
  deriving: boolean;
  onCluster: (cluster: BenchCluster, label: string) => void;
  onCancel: () => void;
}) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<Draft>(() => draftOf(derived, cluster, initialLabel));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [idempotencyKey] = useState(newIdempotencyKey);
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  // An error on a field or on anything inside it (profile.valueSize.sizes.0.bytes shows at the value size).
  const err = (...fields: string[]) => {
    const hit = Object.entries(errors).find(([f]) => fields.some((x) => f === x || f.startsWith(`${x}.`)));
    return hit?.[1];
  };

  const submit = async () => {
    setFailure(null);
    const body = bodyOf(draft, derived.profile);
    const invalid = checkBody(body);
    if (invalid) {
      setErrors(invalid);
      setFailure("Some fields need a change: see the messages beside them.");
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const run = await startBenchmark(datastoreId, body, idempotencyKey);
      await queryClient.invalidateQueries({ queryKey: benchmarkKeys.ofDatastore(datastoreId) });
      router.push(`/catalog/${datastoreId}/benchmarks/${run.id}`);
    } catch (error) {
      if (isApiProblem(error) && error.fieldErrors.length > 0) setErrors(Object.fromEntries(error.fieldErrors.map((e) => [e.field, e.message])));
      setFailure(errorMessage(error));
      setBusy(false);
    }
  };

  const v = draft.valueSize;
  const readPct = num(draft.readPct);
  return (
    <form
      className="bench-form"
      aria-label="Start a benchmark"
      data-testid="bench-start-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      {derived.target === "synthetic" ? (
        <p className="callout callout--info" role="note" data-testid="bench-synthetic-note">
          <span className="status status--warn">synthetic</span> No load can be sent to this family in the simulation: the run&apos;s figures will be the
          simulation&apos;s model of the plan and the profile, labelled as such.
        </p>
      ) : derived.target === "local-server" ? (
        <p className="muted small">The simulation starts a real {derived.driver} server on this machine for the run: its figures are measured.</p>
      ) : null}
      <div className="bench-form-grid">
        <Field label="Label" error={err("label")} hint="Optional: what the run is for, e.g. “before 1.6.22”.">
          {(p) => <input {...p} className="input" value={draft.label} maxLength={120} onChange={(e) => set({ label: e.target.value })} />}
        </Field>
        <Field
          label="Cluster"
          error={err("region", "role")}
          hint={deriving ? "Deriving this cluster's profile…" : "Choosing another derives its profile afresh."}
        >
          {(p) => (
            <select
              {...p}
              className="input"
              value={draft.cluster}
              disabled={deriving}
              onChange={(e) => {
                const [region = "", role = ""] = e.target.value.split("|");
                set({ cluster: e.target.value });
                onCluster({ region, role }, draft.label);
              }}
            >
              {derived.clusters.map((c) => (
                <option key={`${c.region}|${c.role}`} value={`${c.region}|${c.role}`}>
                  {c.region} · {c.role}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          label="Reads (%)"
          error={err("profile.mix") ? "must be a percentage from 0 to 100 (writes are the rest)" : undefined}
          hint={Number.isFinite(readPct) ? `Writes: ${str(100 - readPct)} %` : undefined}
        >
          {(p) => (
            <input
              {...p}
              className="input"
              type="number"
              min={0}
              max={100}
              step="any"
              value={draft.readPct}
              onChange={(e) => set({ readPct: e.target.value })}
            />
          )}
        </Field>
        <Field label="Keys" error={err("profile.keySpace.count")}>
          {(p) => <input {...p} className="input" type="number" min={1} step={1} value={draft.keys} onChange={(e) => set({ keys: e.target.value })} />}
        </Field>
        <Field label="Key distribution" error={err("profile.keySpace.distribution", "profile.keySpace.zipfExponent")}>
          {(p) => (
            <select {...p} className="input" value={draft.distribution} onChange={(e) => set({ distribution: e.target.value })}>
              {KEY_DISTRIBUTIONS.map((d) => (
                <option key={d} value={d}>
                  {d}
                </option>
              ))}
            </select>
          )}
        </Field>
        {v.kind === "fixed" ? (
          <Field label="Value bytes" error={err("profile.valueSize")}>
            {(p) => (
              <input
                {...p}
                className="input"
                type="number"
                min={1}
                step={1}
                value={v.bytes}
                onChange={(e) => set({ valueSize: { kind: "fixed", bytes: e.target.value } })}
              />
            )}
          </Field>
        ) : v.kind === "uniform" ? (
          <>
            <Field label="Smallest value (bytes)" error={err("profile.valueSize.minBytes", "profile.valueSize")}>
              {(p) => (
                <input
                  {...p}
                  className="input"
                  type="number"
                  min={1}
                  value={v.minBytes}
                  onChange={(e) => set({ valueSize: { ...v, minBytes: e.target.value } })}
                />
              )}
            </Field>
            <Field label="Largest value (bytes)" error={err("profile.valueSize.maxBytes")}>
              {(p) => (
                <input
                  {...p}
                  className="input"
                  type="number"
                  min={1}
                  value={v.maxBytes}
                  onChange={(e) => set({ valueSize: { ...v, maxBytes: e.target.value } })}
                />
              )}
            </Field>
          </>
        ) : (
          v.sizes.map((s, i) => (
            <Field key={i} label={`Value size ${i + 1} (bytes, ${str(s.weight * 100)} % of writes)`} error={err(`profile.valueSize.sizes.${i}`)}>
              {(p) => (
                <input
                  {...p}
                  className="input"
                  type="number"
                  min={1}
                  value={s.bytes}
                  onChange={(e) => set({ valueSize: { kind: "weighted", sizes: v.sizes.map((x, j) => (j === i ? { ...x, bytes: e.target.value } : x)) } })}
                />
              )}
            </Field>
          ))
        )}
        <Field
          label="Rate (requests/s)"
          error={err("profile.rate")}
          hint={draft.unbounded ? "Closed loop: as fast as the connections go." : "Open loop: latency counts from when each request is due."}
        >
          {(p) => (
            <input
              {...p}
              className="input"
              type="number"
              min={1}
              step="any"
              value={draft.rate}
              disabled={draft.unbounded}
              onChange={(e) => set({ rate: e.target.value })}
            />
          )}
        </Field>
        <label className="check bench-check">
          <input type="checkbox" checked={draft.unbounded} onChange={(e) => set({ unbounded: e.target.checked })} /> As fast as it goes
        </label>
        <Field label="Connections" error={err("profile.connections")}>
          {(p) => (
            <input {...p} className="input" type="number" min={1} step={1} value={draft.connections} onChange={(e) => set({ connections: e.target.value })} />
          )}
        </Field>
        <Field label="Duration (s)" error={err("profile.durationS")}>
          {(p) => (
            <input {...p} className="input" type="number" min={1} step={1} value={draft.durationS} onChange={(e) => set({ durationS: e.target.value })} />
          )}
        </Field>
        <Field label="Warm-up (s)" error={err("profile.warmupS")}>
          {(p) => <input {...p} className="input" type="number" min={0} step={1} value={draft.warmupS} onChange={(e) => set({ warmupS: e.target.value })} />}
        </Field>
        <label className="check bench-check">
          <input type="checkbox" checked={draft.prefill} onChange={(e) => set({ prefill: e.target.checked })} /> Write every key before the warm-up
        </label>
      </div>
      {err("profile.prefill") ? <p className="field-error">{err("profile.prefill")}</p> : null}
      {derived.notes.length > 0 ? (
        <details className="bench-notes">
          <summary>How the profile was derived from the workload</summary>
          <ul>
            {derived.notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        </details>
      ) : null}
      {failure ? (
        <p className="callout callout--danger" role="alert" data-testid="bench-start-error">
          {failure}
        </p>
      ) : null}
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={busy || deriving}>
          {busy ? "Starting…" : "Start the run"}
        </button>
        <button type="button" className="button" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}
