"use client";
// The organisation's provisioning settings, for administrators: per region the network, subnets, images,
// instance profile, client networks and alarm topic; where Pulumi keeps its state and where the passphrase that
// encrypts stack secrets comes from (a stored passphrase is write-only). Saved whole with If-Match; the shared
// schema checks it here first, and the server's 422 field errors land on the same inputs.
import { useEffect, useId, useState } from "react";
import { FormProvider, useFieldArray, useForm, useWatch } from "react-hook-form";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { AWS_REGIONS } from "@/lib/catalog/regions";
import type { FieldError } from "@/lib/errors";
import { errorMessage, isApiProblem } from "@/lib/query/api";
import { settingsKey, settingsQuery, updateSettings, type OrgSettingsDto } from "@/lib/query/settings";
import { formatDateTime } from "@/components/ui/dates";
import { actorLabel } from "@/components/ui/format";
import { Field } from "@/components/ui/field";
import { ErrorState, Loading } from "@/components/ui/query-state";
import { RegionSettingsFieldset, SettingsInput } from "./region-settings-fieldset";
import { checkSettings, newRegion, placeFieldErrors, toSettingsFormValues, type SettingsFormValues } from "./settings-form-values";
import { FailureCallout } from "@/components/ui/failure-callout";

export function ProvisioningSettings() {
  const q = useQuery(settingsQuery());
  return (
    <section className="card" aria-labelledby="provisioning-settings-title" id="provisioning-settings" data-testid="provisioning-settings">
      <div className="card-head">
        <h2 id="provisioning-settings-title">Provisioning settings</h2>
        <p className="muted">What every datastore in a region is built with. Requesters never supply these; a region without them cannot be provisioned.</p>
      </div>
      {q.isPending ? (
        <Loading label="Loading the settings…" />
      ) : q.isError ? (
        <ErrorState title="Could not load the settings." message={errorMessage(q.error)} onRetry={() => void q.refetch()} />
      ) : (
        <SettingsForm settings={q.data.data} etag={q.data.etag} />
      )}
    </section>
  );
}

type Failure = { message: string; fields: FieldError[]; stale: boolean };

function SettingsForm({ settings, etag }: { settings: OrgSettingsDto; etag: string | null }) {
  const queryClient = useQueryClient();
  const form = useForm<SettingsFormValues>({ defaultValues: toSettingsFormValues(settings) });
  const regions = useFieldArray({ control: form.control, name: "regions" });
  const [failure, setFailure] = useState<Failure | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [adding, setAdding] = useState("");
  const addId = useId();
  const configured = useWatch({ control: form.control, name: "regions" }).map((r) => r.region);
  const addable = AWS_REGIONS.filter((r) => !configured.includes(r));

  // Fresh settings from the server (after a save or a reload) replace the form.
  useEffect(() => {
    form.reset(toSettingsFormValues(settings));
  }, [settings, form]);

  const showErrors = (errors: readonly FieldError[], values: SettingsFormValues, message: string) => {
    const { placed, rest } = placeFieldErrors(errors, values);
    placed.forEach(([path, msg], i) => form.setError(path as Parameters<typeof form.setError>[0], { type: "server", message: msg }, { shouldFocus: i === 0 }));
    setFailure({ message, fields: rest, stale: false });
  };

  const onSubmit = form.handleSubmit(async (values) => {
    setFailure(null);
    setSaved(null);
    form.clearErrors();
    const checked = checkSettings(values);
    if (!checked.ok) {
      const fields = [...new Set(checked.errors.map((e) => e.field))];
      showErrors(
        checked.errors,
        values,
        `Fix ${fields.length === 1 ? "the highlighted field" : `the ${fields.length} highlighted fields`} first: ${fields.join(", ")}.`,
      );
      return;
    }
    try {
      const result = await updateSettings(checked.body, etag);
      queryClient.setQueryData(settingsKey, result);
      setSaved(`Settings saved (version ${result.data.version}).`);
    } catch (error) {
      if (isApiProblem(error) && (error.status === 412 || error.status === 428)) {
        setFailure({
          message: "Someone else changed the settings since you opened them. Reload to see theirs, then reapply your change.",
          fields: [],
          stale: true,
        });
      } else if (isApiProblem(error) && error.fieldErrors.length > 0) showErrors(error.fieldErrors, values, error.detail);
      else setFailure({ message: errorMessage(error), fields: [], stale: false });
    }
  });

  const reload = async () => {
    setFailure(null);
    await queryClient.invalidateQueries({ queryKey: settingsKey });
  };

  const passphraseSource = useWatch({ control: form.control, name: "passphrase.source" });
  const sourceId = useId();
  const sourceError = form.formState.errors.passphrase?.source?.message;
  const stored = settings.pulumi.passphrase;

  return (
    <FormProvider {...form}>
      <form className="stack" onSubmit={(e) => void onSubmit(e)} noValidate aria-label="Provisioning settings">
        <p className="muted small" data-testid="settings-version">
          Version {settings.version}
          {settings.updatedBy ? ` · last changed by ${actorLabel(settings.updatedBy)} ${formatDateTime(settings.updatedAt)}` : " · never changed"}
        </p>
        {settings.unconfiguredRegions.length > 0 ? (
          <p className="small muted">
            Regions the planner offers without settings (datastores there cannot be provisioned): {settings.unconfiguredRegions.join(", ")}.
          </p>
        ) : null}

        <h3>Regions</h3>
        {regions.fields.length === 0 ? <p className="empty">No region has settings yet: add one below.</p> : null}
        {regions.fields.map((field, i) => (
          <RegionSettingsFieldset key={field.id} index={i} onRemove={() => regions.remove(i)} />
        ))}
        <div className="region-add">
          <label className="visually-hidden" htmlFor={addId}>
            Region to add
          </label>
          <select id={addId} className="input" value={adding} onChange={(e) => setAdding(e.target.value)}>
            <option value="">Add a region…</option>
            {addable.map((r) => (
              <option key={r} value={r}>
                {r}
                {settings.unconfiguredRegions.includes(r) ? " (the planner offers it)" : ""}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="button"
            disabled={!adding}
            onClick={() => {
              regions.append(newRegion(adding));
              setAdding("");
            }}
          >
            Add region
          </button>
        </div>

        <h3>Pulumi</h3>
        <div className="grid-2">
          <div className="span-2">
            <SettingsInput
              name="backendUrl"
              label="State backend URL"
              placeholder="s3://my-bucket/pulumi"
              hint={`Leave empty for the default. Operations use ${settings.pulumi.effectiveBackendUrl} now (${BACKEND_FROM[settings.pulumi.effectiveBackendFrom]}).`}
            />
          </div>
          <Field id={sourceId} name="passphrase.source" label="Secrets passphrase from" error={sourceError}>
            <select id={sourceId} className="input" {...form.register("passphrase.source")}>
              <option value="env">An environment variable of the portal</option>
              <option value="file">A file on the portal&apos;s machine</option>
              <option value="stored">Stored in the portal (encrypted)</option>
            </select>
          </Field>
          {passphraseSource === "env" ? <SettingsInput name="passphrase.variable" label="Environment variable" placeholder="PULUMI_CONFIG_PASSPHRASE" /> : null}
          {passphraseSource === "file" ? <SettingsInput name="passphrase.path" label="Passphrase file" placeholder="/etc/portal/pulumi-passphrase" /> : null}
          {passphraseSource === "stored" ? (
            <SettingsInput
              name="passphrase.value"
              label="Passphrase"
              type="password"
              autoComplete="new-password"
              hint={
                stored.source === "stored" && stored.set
                  ? "A passphrase is stored. Leave this empty to keep it; type a new one to replace it."
                  : "No passphrase is stored yet: at least 12 characters."
              }
            />
          ) : null}
        </div>
        {stored.source !== "stored" && !stored.set ? (
          <p className="small field-hint">The configured passphrase source cannot be read right now: operations fail until it can.</p>
        ) : null}

        {failure ? (
          <FailureCallout failure={failure} testId="settings-error">
            {failure.stale ? (
              <button type="button" className="button button--small" onClick={() => void reload()}>
                Reload
              </button>
            ) : null}
          </FailureCallout>
        ) : null}
        {saved ? (
          <div className="callout callout--info" role="status" data-testid="settings-saved">
            {saved}
          </div>
        ) : null}
        <div className="actions">
          <button type="submit" className="button button--primary" disabled={form.formState.isSubmitting}>
            {form.formState.isSubmitting ? "Saving…" : "Save settings"}
          </button>
          <button
            type="button"
            className="button"
            onClick={() => {
              form.reset(toSettingsFormValues(settings));
              setFailure(null);
              setSaved(null);
            }}
          >
            Discard changes
          </button>
        </div>
      </form>
    </FormProvider>
  );
}

const BACKEND_FROM = {
  settings: "from these settings",
  environment: "from the portal's PULUMI_BACKEND_URL",
  default: "the default, under the portal's data directory",
} as const;
