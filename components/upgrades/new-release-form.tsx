"use client";
// Sets a new release for a family (administrators): its engine version and machine image, with notes. The server's
// field errors go back onto their fields; on success the page opens what the release affects.
import { useId, useState } from "react";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { useQueryClient } from "@tanstack/react-query";
import { FAMILIES, FAMILY_TITLES, type Family } from "@/lib/schemas/plan";
import { errorMessage, isApiProblem } from "@/lib/query/api";
import { campaignKeys, createRelease } from "@/lib/query/campaigns";
import { Field } from "@/components/ui/field";

interface Values {
  family: Family;
  engineVersion: string;
  imageId: string;
  notes: string;
}
const FIELDS = ["family", "engineVersion", "imageId", "notes"] as const;

export function NewReleaseForm() {
  const ids = { family: useId(), engineVersion: useId(), imageId: useId(), notes: useId() };
  const router = useRouter();
  const queryClient = useQueryClient();
  const [failure, setFailure] = useState<string | null>(null);
  const { register, handleSubmit, setError, formState } = useForm<Values>({
    defaultValues: { family: "evcache", engineVersion: "", imageId: "", notes: "" },
  });
  const { errors, isSubmitting } = formState;
  const onSubmit = handleSubmit(async (v) => {
    setFailure(null);
    try {
      const release = await createRelease({
        family: v.family,
        engineVersion: v.engineVersion.trim(),
        imageId: v.imageId.trim(),
        ...(v.notes.trim() ? { notes: v.notes.trim() } : {}),
      });
      await queryClient.invalidateQueries({ queryKey: campaignKeys.releases });
      router.push(`/upgrades/releases/${release.id}`);
    } catch (error) {
      if (isApiProblem(error))
        for (const e of error.fieldErrors) {
          const field = FIELDS.find((f) => f === e.field);
          if (field) setError(field, { type: "server", message: e.message });
        }
      setFailure(errorMessage(error));
    }
  });
  const invalid = (name: keyof Values) => (errors[name] ? { "aria-invalid": true as const, "aria-describedby": `${ids[name]}-error` } : {});
  return (
    <form className="card form-grid" onSubmit={onSubmit} noValidate aria-labelledby="new-release-title" data-testid="new-release">
      <div className="card-head">
        <h2 id="new-release-title">Set a new release</h2>
      </div>
      <p className="muted small">
        New datastores of the family get it; every datastore and node not on it is listed with it, for batch previews and an upgrade campaign.
      </p>
      <Field id={ids.family} name="family" label="Family" error={errors.family?.message}>
        <select id={ids.family} className="input" {...invalid("family")} {...register("family")}>
          {FAMILIES.map((f) => (
            <option key={f} value={f}>
              {FAMILY_TITLES[f]}
            </option>
          ))}
        </select>
      </Field>
      <Field id={ids.engineVersion} name="engineVersion" label="Engine version" hint="For example 1.6.29." error={errors.engineVersion?.message}>
        <input
          id={ids.engineVersion}
          className="input"
          autoComplete="off"
          {...invalid("engineVersion")}
          {...register("engineVersion", { required: "is required" })}
        />
      </Field>
      <Field
        id={ids.imageId}
        name="imageId"
        label="Machine image"
        hint="An AMI id (ami-0123…), or the simulation's image name."
        error={errors.imageId?.message}
      >
        <input id={ids.imageId} className="input" autoComplete="off" {...invalid("imageId")} {...register("imageId", { required: "is required" })} />
      </Field>
      <Field id={ids.notes} name="notes" label="Notes (optional)" error={errors.notes?.message}>
        <textarea id={ids.notes} className="input" rows={2} {...invalid("notes")} {...register("notes")} />
      </Field>
      {failure ? (
        <div className="callout callout--danger" role="alert" data-testid="release-failure">
          {failure}
        </div>
      ) : null}
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={isSubmitting}>
          {isSubmitting ? "Releasing…" : "Release"}
        </button>
      </div>
    </form>
  );
}
