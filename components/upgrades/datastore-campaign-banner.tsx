"use client";
// On a datastore's page: the upgrade campaign it is in, where it stands in it (its step, a wave waiting for a
// reviewer, a rolled-back canary), and a link to the campaign. Nothing when it is in none.
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { datastoreCampaignQuery } from "@/lib/query/campaigns";
import { STEP_LABELS } from "./campaign-progress";

export function DatastoreCampaignBanner({ datastoreId }: { datastoreId: string }) {
  const q = useQuery(datastoreCampaignQuery(datastoreId));
  const c = q.data?.campaign;
  if (!c) return null;
  const t = c.target;
  const bad = t.step === "rolled-back" || t.step === "rolling-back" || t.step === "failed" || c.status === "halted";
  return (
    <div
      className={`callout ${bad ? "callout--danger" : t.step === "waiting-review" ? "callout--warning" : "callout--info"}`}
      role="status"
      data-testid="campaign-banner"
      data-step={t.step}
      data-campaign-status={c.status}
    >
      <strong>
        {t.step === "done" ? "Upgraded" : "In an upgrade campaign"}: {t.fromVersion} → {c.release.engineVersion}
      </strong>{" "}
      (campaign {c.status}; this datastore: {STEP_LABELS[t.step]}
      {t.canaryZone ? `, canary zone ${t.canaryZone}` : ""}).
      {t.gate ? ` Gate ${t.gate.verdict === "pass" ? "passed" : "failed"}${t.gate.reasons[0] ? `: ${t.gate.reasons[0]}` : ""}.` : ""}{" "}
      <Link href={`/upgrades/campaigns/${c.id}`}>See the campaign</Link>
    </div>
  );
}
