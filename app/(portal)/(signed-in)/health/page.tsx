import type { Metadata } from "next";
import Link from "next/link";
import { AtRiskPage } from "@/components/health/at-risk-page";
import { requireActor } from "../require-actor";

export const metadata: Metadata = { title: "At risk" };

export default async function HealthPage() {
  await requireActor("/health");
  return (
    <div className="page">
      <div className="page-head">
        <h1>At risk</h1>
        <p className="lead">
          Active datastores that need someone: an alarm firing, a metric near its threshold. Each finding says what and where; the{" "}
          <Link href="/runbooks">runbooks</Link> say what to do first.
        </p>
      </div>
      <AtRiskPage />
    </div>
  );
}
