import Link from "next/link";
import { FAMILIES, FAMILY_TITLES } from "@/lib/schemas";

export default function HomePage() {
  return (
    <div className="landing">
      <section className="hero">
        <p className="eyebrow">Polyglot persistence, self-service</p>
        <h1>The right data store, sized and explained.</h1>
        <p className="lead">
          Describe your workload — traffic, data, latency, consistency, regions. The portal recommends a store family, plans the cluster
          on real instance shapes and prices, and shows its reasoning before anything is provisioned.
        </p>
        <div className="hero-actions">
          <Link className="button button--primary" href="/plan">
            Plan a data store
          </Link>
        </div>
      </section>
      <section className="landing-grid" aria-label="Store families">
        {FAMILIES.map((f) => (
          <div key={f} className="card family-card">
            <code className="family-code">{f}</code>
            <h2>{FAMILY_TITLES[f]}</h2>
          </div>
        ))}
      </section>
    </div>
  );
}
