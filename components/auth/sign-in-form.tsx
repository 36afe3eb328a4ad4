"use client";
// Email and password sign-in. Wrong credentials get one plain message (never which of the two was wrong); any other
// refusal says what it is (an address the portal does not accept sign-ins from is not a wrong password); success goes
// back to the page that sent the person here — a path on this site only.
import Link from "next/link";
import { useId, useState } from "react";
import { useForm } from "react-hook-form";
import { useQueryClient } from "@tanstack/react-query";
import { Field } from "@/components/ui/field";
import { isApiProblem } from "@/lib/query/api";
import { signIn } from "@/lib/query/me";
import { safeNext } from "./safe-next";

interface Values {
  email: string;
  password: string;
}

/** What to tell a person whose sign-in was refused, by better-auth's status and code. */
function signInFailure(error: unknown): string {
  if (!isApiProblem(error)) return "Could not reach the portal. Try again.";
  if (error.status === 401) return "Wrong email or password.";
  if (error.status === 429) return "Too many attempts. Wait a minute and try again.";
  if (error.status === 403 && /ORIGIN/.test(error.code ?? "")) {
    return `The portal does not accept sign-ins from this address (${window.location.origin}). Open the portal at the address your administrator gave you (its PUBLIC_URL).`;
  }
  return `The portal refused the sign-in: ${error.detail}`;
}

export function SignInForm({ next }: { next: string }) {
  const emailId = useId();
  const passwordId = useId();
  const queryClient = useQueryClient();
  const [failure, setFailure] = useState<string | null>(null);
  const { register, handleSubmit, formState } = useForm<Values>({ defaultValues: { email: "", password: "" } });
  const { errors, isSubmitting } = formState;

  const onSubmit = handleSubmit(async ({ email, password }) => {
    setFailure(null);
    try {
      await signIn(email.trim(), password);
    } catch (error) {
      setFailure(signInFailure(error));
      return;
    }
    queryClient.clear();
    // A full navigation: the server renders the signed-in page with the new session cookie.
    window.location.assign(safeNext(next));
  });

  return (
    <form className="card sign-in-card" onSubmit={onSubmit} noValidate aria-labelledby="sign-in-title">
      <div className="card-head">
        <h2 id="sign-in-title">Sign in</h2>
        <p className="muted">Use your portal account.</p>
      </div>
      {failure ? (
        <div className="callout callout--danger" role="alert" data-testid="sign-in-error">
          {failure}
        </div>
      ) : null}
      <Field id={emailId} name="email" label="Email" error={errors.email?.message}>
        <input
          id={emailId}
          className="input"
          type="email"
          autoComplete="username"
          aria-invalid={errors.email ? true : undefined}
          {...register("email", { required: "is required", pattern: { value: /^\S+@\S+$/, message: "must be an email address" } })}
        />
      </Field>
      <Field id={passwordId} name="password" label="Password" error={errors.password?.message}>
        <input
          id={passwordId}
          className="input"
          type="password"
          autoComplete="current-password"
          aria-invalid={errors.password ? true : undefined}
          {...register("password", { required: "is required" })}
        />
      </Field>
      <button type="submit" className="button button--primary" disabled={isSubmitting}>
        {isSubmitting ? "Signing in…" : "Sign in"}
      </button>
      <p className="muted small">
        Just exploring? The <Link href="/plan">planner</Link> works without an account.
      </p>
    </form>
  );
}
