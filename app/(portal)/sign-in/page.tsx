import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { FAMILIES, FAMILY_TITLES } from "@/lib/schemas";
import { sessionActor } from "@/lib/server/session-user";
import { SignInForm } from "@/components/auth/sign-in-form";
import { safeNext } from "@/components/auth/safe-next";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const { next } = await searchParams;
  const target = safeNext(typeof next === "string" ? next : undefined);
  if (await sessionActor()) redirect(target);
  return (
    <div className="sign-in">
      <section className="hero">
        <p className="eyebrow">Polyglot persistence, self-service</p>
        <h1>The right data store, sized, reviewed and catalogued.</h1>
        <p className="lead">
          Describe your workload and watch the recommendation and capacity plan change as you type. Submit it for expert review; once approved, the datastore
          joins the catalog with its owner, topology and SLA thresholds.
        </p>
        <p className="chips" aria-label="Store families">
          {FAMILIES.map((f) => (
            <span key={f} className="badge">
              {FAMILY_TITLES[f]}
            </span>
          ))}
        </p>
      </section>
      <SignInForm next={target} />
    </div>
  );
}
