"use client";
// Creates an upgrade campaign for a release (administrators): which of the affected datastores it covers, how much a
// gated p99 may regress against the baseline, and how long each gate benchmark measures. It is created as a draft:
// its page shows the waves the server formed (tier 3 first, early-upgrade teams first within a tier) before anyone
// starts it.
import { useId, useState } from "react";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { useQueryClient } from "@tanstack/react-query";
import { DEFAULT_CAMPAIGN_BENCHMARK_S, DEFAULT_MAX_REGRESSION_PCT, type AffectedDatastoreDto, type FamilyReleaseDto } from "@/lib/schemas/campaign";
import { errorMessage, isApiProblem } from "@/lib/query/api";
import { campaignKeys, createCampaign } from "@/lib/query/campaigns";
import { Field, FieldError } from "@/components/ui/field";

interface Values {
  maxRegressionPct: string;
  benchmarkDurationS: string;
  datastoreIds: string[];
}
const FIELDS = ["maxRegressionPct", "benchmarkDurationS", "datastoreIds"] as const;

export function CreateCampaignForm({ release, items }: { release: FamilyReleaseDto; items: AffectedDatastoreDto[] }) {
  const ids = { maxRegressionPct: useId(), benchmarkDurationS: useId(), datastoreIds: useId() };
  const router = useRouter();
  const queryClient = useQueryClient();
  const [failure, setFailure] = useState<string | null>(null);
  const { register, handleSubmit, setError, formState } = useForm<Values>({
    defaultValues: {
      maxRegressionPct: String(DEFAULT_MAX_REGRESSION_PCT),
      benchmarkDurationS: String(DEFAULT_CAMPAIGN_BENCHMARK_S),
      // The ones the release can upgrade: the others are in a region it has no image for (and the server refuses them).
      datastoreIds: items.filter((d) => d.actions.upgrade.allowed).map((d) => d.datastore.id),
    },
  });
  const { errors, isSubmitting } = formState;
  const onSubmit = handleSubmit(async (v) => {
    setFailure(null);
    try {
      const campaign = await createCampaign({
        releaseId: release.id,
        // Sent as typed: the server's schema says what a number must be and names the field when it is not.
        maxRegressionPct: v.maxRegressionPct.trim() === "" ? Number.NaN : Number(v.maxRegressionPct),
        benchmarkDurationS: v.benchmarkDurationS.trim() === "" ? Number.NaN : Number(v.benchmarkDurationS),
        datastoreIds: v.datastoreIds,
      });
      await queryClient.invalidateQueries({ queryKey: campaignKeys.campaigns });
      router.push(`/upgrades/campaigns/${campaign.id}`);
    } catch (error) {
      if (isApiProblem(error))
        for (const e of error.fieldErrors) {
          const field = FIELDS.find((f) => e.field === f || e.field.startsWith(`${f}.`) || e.field.startsWith(`${f}[`));
          if (field) setError(field, { type: "server", message: e.message });
        }
      setFailure(errorMessage(error));
    }
  });
  const invalid = (name: keyof Values) => (errors[name] ? { "aria-invalid": true as const, "aria-describedby": `${ids[name]}-error` } : {});
  return (
    <form className="card form-grid" onSubmit={onSubmit} noValidate aria-labelledby="new-campaign-title" data-testid="new-campaign">
      <div className="card-head">
        <h2 id="new-campaign-title">New campaign</h2>
      </div>
      <p className="muted small">
        Each datastore in turn: preview → baseline benchmark → canary zone → validation benchmark → gate → the other zones. A failed gate halts the campaign and
        rolls the canary back; tier 0 and 1 waves wait for a reviewer. It is created as a draft: its waves are shown before you start it.
      </p>
      <fieldset className="campaign-targets-pick" aria-describedby={errors.datastoreIds ? `${ids.datastoreIds}-error` : undefined}>
        <legend className="field-label">Datastores</legend>
        {items.map((d) => (
          <label key={d.datastore.id} className="check">
            <input type="checkbox" value={d.datastore.id} {...register("datastoreIds")} data-testid="campaign-pick" disabled={!d.actions.upgrade.allowed} />
            <span>
              {d.datastore.name}{" "}
              <span className="muted small">
                tier {d.tier} · {d.team.name}
                {d.actions.upgrade.allowed ? null : ` · not upgradable: ${d.actions.upgrade.reason ?? ""}`}
              </span>
            </span>
          </label>
        ))}
        <FieldError id={ids.datastoreIds} name="datastoreIds" message={errors.datastoreIds?.message} />
      </fieldset>
      <div className="form-row campaign-numbers">
        <Field
          id={ids.maxRegressionPct}
          name="maxRegressionPct"
          label="Largest latency regression (%)"
          hint="p50, p95 and p99 against the datastore's own baseline (a local stand-in: the median only)."
          error={errors.maxRegressionPct?.message}
        >
          <input id={ids.maxRegressionPct} className="input" inputMode="decimal" {...invalid("maxRegressionPct")} {...register("maxRegressionPct")} />
        </Field>
        <Field
          id={ids.benchmarkDurationS}
          name="benchmarkDurationS"
          label="Benchmark seconds"
          hint="Each gate benchmark measures this long."
          error={errors.benchmarkDurationS?.message}
        >
          <input id={ids.benchmarkDurationS} className="input" inputMode="numeric" {...invalid("benchmarkDurationS")} {...register("benchmarkDurationS")} />
        </Field>
      </div>
      {failure ? (
        <div className="callout callout--danger" role="alert" data-testid="campaign-failure">
          {failure}
        </div>
      ) : null}
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={isSubmitting}>
          {isSubmitting ? "Creating…" : "Create campaign"}
        </button>
      </div>
    </form>
  );
}
