"use client";
// Creates a person: name, email, an optional password (the portal generates one, shown once, when it is empty), and
// whether they administer the portal or review every team's requests.
import { useId, useState } from "react";
import { useForm } from "react-hook-form";
import { errorMessage, isApiProblem } from "@/lib/query/api";
import { createUser } from "@/lib/query/admin";
import { Field } from "@/components/ui/field";
import { useInvalidateAdmin } from "./use-invalidate-admin";

export function CreateUserForm() {
  const ids = { name: useId(), email: useId(), password: useId(), admin: useId(), platform: useId() };
  const invalidate = useInvalidateAdmin();
  const [result, setResult] = useState<{ email: string; password?: string } | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const { register, handleSubmit, setError, reset, formState } = useForm<{
    name: string;
    email: string;
    password: string;
    isAdmin: boolean;
    platformReviewer: boolean;
  }>({ defaultValues: { name: "", email: "", password: "", isAdmin: false, platformReviewer: false } });
  const { errors, isSubmitting } = formState;
  const onSubmit = handleSubmit(async (v) => {
    setFailure(null);
    setResult(null);
    try {
      const user = await createUser({
        name: v.name,
        email: v.email,
        isAdmin: v.isAdmin,
        platformReviewer: v.platformReviewer,
        ...(v.password ? { password: v.password } : {}),
      });
      setResult({ email: user.email, password: user.password });
      reset();
      await invalidate();
    } catch (error) {
      if (isApiProblem(error) && error.fieldErrors.length > 0) {
        for (const e of error.fieldErrors)
          if (e.field === "name" || e.field === "email" || e.field === "password") setError(e.field, { type: "server", message: e.message });
      }
      setFailure(errorMessage(error));
    }
  });
  return (
    <form className="card form-grid" onSubmit={onSubmit} noValidate aria-labelledby="new-user-title">
      <div className="card-head">
        <h2 id="new-user-title">New person</h2>
        <p className="muted">Leave the password empty and the portal generates one, shown once.</p>
      </div>
      <Field id={ids.name} name="name" label="Name" error={errors.name?.message}>
        <input id={ids.name} className="input" aria-invalid={errors.name ? true : undefined} {...register("name", { required: "is required" })} />
      </Field>
      <Field id={ids.email} name="email" label="Email" error={errors.email?.message}>
        <input
          id={ids.email}
          className="input"
          type="email"
          aria-invalid={errors.email ? true : undefined}
          {...register("email", { required: "is required" })}
        />
      </Field>
      <Field id={ids.password} name="password" label="Password" hint="At least 12 characters, or empty." error={errors.password?.message}>
        <input
          id={ids.password}
          className="input"
          type="password"
          autoComplete="new-password"
          aria-invalid={errors.password ? true : undefined}
          {...register("password")}
        />
      </Field>
      <div className="check">
        <input id={ids.admin} type="checkbox" {...register("isAdmin")} />
        <label htmlFor={ids.admin}>Portal administrator</label>
      </div>
      <div className="check">
        <input id={ids.platform} type="checkbox" {...register("platformReviewer")} />
        <label htmlFor={ids.platform}>Platform reviewer (reviews every team&apos;s requests)</label>
      </div>
      {failure ? (
        <div className="callout callout--danger" role="alert">
          {failure}
        </div>
      ) : null}
      {result ? (
        <div className="callout callout--info" role="status">
          Created <strong>{result.email}</strong>.
          {result.password ? (
            <>
              {" "}
              One-time password: <code>{result.password}</code>
            </>
          ) : null}
        </div>
      ) : null}
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={isSubmitting}>
          {isSubmitting ? "Creating…" : "Create person"}
        </button>
      </div>
    </form>
  );
}
