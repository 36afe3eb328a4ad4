"use client";
// Sets a new release for a family (administrators): its engine version and one machine image per region (an AMI
// exists in one region only, so a datastore in two regions needs two), with notes. The rows start with the regions
// the organisation has set up for provisioning. The server's field errors go back onto their fields — an
// `imageIds.<region>` error onto that region's row; on success the page opens what the release affects.
import { useEffect, useId, useState } from "react";
import { useRouter } from "next/navigation";
import { useFieldArray, useForm } from "react-hook-form";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { FAMILIES, FAMILY_TITLES, type Family } from "@/lib/schemas/plan";
import { errorMessage, isApiProblem } from "@/lib/query/api";
import { campaignKeys, createRelease } from "@/lib/query/campaigns";
import { regionsQuery } from "@/lib/query/regions";
import { Field, FieldError } from "@/components/ui/field";
import { imagesFromRows, placeImageError, type ImageRow } from "./release-image-rows";

interface Values {
  family: Family;
  engineVersion: string;
  images: ImageRow[];
  notes: string;
}
const FIELDS = ["family", "engineVersion", "notes"] as const;
const EMPTY_ROW: ImageRow = { region: "", imageId: "" };

export function NewReleaseForm() {
  const ids = { family: useId(), engineVersion: useId(), images: useId(), notes: useId() };
  const router = useRouter();
  const queryClient = useQueryClient();
  const regions = useQuery(regionsQuery());
  const [failure, setFailure] = useState<string | null>(null);
  const { register, control, handleSubmit, setError, getValues, formState } = useForm<Values>({
    defaultValues: { family: "evcache", engineVersion: "", images: [EMPTY_ROW], notes: "" },
  });
  const { fields, append, remove, replace } = useFieldArray({ control, name: "images" });
  const { errors, isSubmitting } = formState;
  const provisionable = (regions.data ?? []).filter((r) => r.provisionable).map((r) => r.code);
  const regionKey = provisionable.join(",");

  // Once the organisation's regions are known, one row each — unless the administrator has typed already.
  useEffect(() => {
    if (!regionKey) return;
    const current = getValues("images");
    if (current.length === 1 && !current[0]?.region && !current[0]?.imageId) replace(regionKey.split(",").map((region) => ({ region, imageId: "" })));
  }, [regionKey, getValues, replace]);

  const onSubmit = handleSubmit(async (v) => {
    setFailure(null);
    const { imageIds, problems } = imagesFromRows(v.images);
    for (const p of problems) setError(`images.${p.row}.${p.field}`, { type: "client", message: p.message });
    if (problems.length > 0) return;
    try {
      const release = await createRelease({
        family: v.family,
        engineVersion: v.engineVersion.trim(),
        imageIds,
        ...(v.notes.trim() ? { notes: v.notes.trim() } : {}),
      });
      await queryClient.invalidateQueries({ queryKey: campaignKeys.releases });
      router.push(`/upgrades/releases/${release.id}`);
    } catch (error) {
      if (isApiProblem(error))
        for (const e of error.fieldErrors) {
          const field = FIELDS.find((f) => f === e.field);
          if (field) setError(field, { type: "server", message: e.message });
          else {
            const placed = placeImageError(e.field, e.message, v.images);
            if (placed) setError(placed.row === null ? "images" : `images.${placed.row}.imageId`, { type: "server", message: placed.message });
          }
        }
      setFailure(errorMessage(error));
    }
  });
  const invalid = (name: "family" | "engineVersion" | "notes") =>
    errors[name] ? { "aria-invalid": true as const, "aria-describedby": `${ids[name]}-error` } : {};
  const rowError = (i: number) => errors.images?.[i]?.region?.message ?? errors.images?.[i]?.imageId?.message;
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
      <div className="field" role="group" aria-labelledby={`${ids.images}-label`} data-testid="release-images">
        <span className="field-label" id={`${ids.images}-label`}>
          Machine images, one per region
        </span>
        <p className="field-hint">
          An AMI exists in one region only: give each region the family runs in its own (ami-0123…), or the simulation&apos;s image name. A region left without
          an image gets none: its datastores are listed as not upgradable by this release.
        </p>
        <table className="table release-image-table">
          <thead>
            <tr>
              <th scope="col">Region</th>
              <th scope="col">Image</th>
              <th scope="col">
                <span className="visually-hidden">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {fields.map((row, i) => {
              const error = rowError(i);
              const a11y = error ? { "aria-invalid": true as const, "aria-describedby": `${ids.images}-${i}-error` } : {};
              return (
                <tr key={row.id} data-testid="release-image-row">
                  <td>
                    <input
                      className="input"
                      autoComplete="off"
                      spellCheck={false}
                      placeholder="us-east-1"
                      list={`${ids.images}-regions`}
                      aria-label={`Region of image ${i + 1}`}
                      {...a11y}
                      {...register(`images.${i}.region`)}
                    />
                  </td>
                  <td>
                    <input
                      className="input"
                      autoComplete="off"
                      spellCheck={false}
                      placeholder="ami-0123456789abcdef0"
                      aria-label={`Image of region ${i + 1}`}
                      {...a11y}
                      {...register(`images.${i}.imageId`)}
                    />
                    <FieldError id={`${ids.images}-${i}`} name={`imageIds.${i}`} message={error} />
                  </td>
                  <td>
                    <button
                      type="button"
                      className="button button--small"
                      onClick={() => remove(i)}
                      disabled={fields.length === 1}
                      aria-label={`Remove image ${i + 1}`}
                    >
                      Remove
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <datalist id={`${ids.images}-regions`}>
          {provisionable.map((r) => (
            <option key={r} value={r} />
          ))}
        </datalist>
        <FieldError id={ids.images} name="imageIds" message={errors.images?.message ?? errors.images?.root?.message} />
        <div>
          <button type="button" className="button button--small" onClick={() => append(EMPTY_ROW)}>
            Add a region
          </button>
        </div>
      </div>
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
