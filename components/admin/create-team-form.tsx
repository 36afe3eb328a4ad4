"use client";
// Creates a team: its name and slug.
import { useId, useState } from "react";
import { useForm } from "react-hook-form";
import { errorMessage, isApiProblem } from "@/lib/query/api";
import { createTeam } from "@/lib/query/admin";
import { Field } from "@/components/ui/field";
import { useInvalidateAdmin } from "./use-invalidate-admin";

export function CreateTeamForm() {
  const ids = { slug: useId(), name: useId() };
  const invalidate = useInvalidateAdmin();
  const [failure, setFailure] = useState<string | null>(null);
  const { register, handleSubmit, setError, reset, formState } = useForm<{ slug: string; name: string }>({ defaultValues: { slug: "", name: "" } });
  const { errors, isSubmitting } = formState;
  const onSubmit = handleSubmit(async (v) => {
    setFailure(null);
    try {
      await createTeam(v);
      reset();
      await invalidate();
    } catch (error) {
      if (isApiProblem(error))
        for (const e of error.fieldErrors) if (e.field === "slug" || e.field === "name") setError(e.field, { type: "server", message: e.message });
      setFailure(errorMessage(error));
    }
  });
  return (
    <form className="card form-grid" onSubmit={onSubmit} noValidate aria-labelledby="new-team-title">
      <div className="card-head">
        <h2 id="new-team-title">New team</h2>
      </div>
      <Field id={ids.name} name="name" label="Name" error={errors.name?.message}>
        <input id={ids.name} className="input" aria-invalid={errors.name ? true : undefined} {...register("name", { required: "is required" })} />
      </Field>
      <Field id={ids.slug} name="slug" label="Slug" hint="Lowercase letters, digits and dashes." error={errors.slug?.message}>
        <input id={ids.slug} className="input" aria-invalid={errors.slug ? true : undefined} {...register("slug", { required: "is required" })} />
      </Field>
      {failure ? (
        <div className="callout callout--danger" role="alert">
          {failure}
        </div>
      ) : null}
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={isSubmitting}>
          {isSubmitting ? "Creating…" : "Create team"}
        </button>
      </div>
    </form>
  );
}
