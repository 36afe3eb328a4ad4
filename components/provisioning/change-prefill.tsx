"use client";
// The day-2 change page opened from the capacity tab (?from=replan / ?from=modernise): the server's proposal — the
// observed workload, or the same workload on a current-generation shape — prefills the form, and a note says where
// it came from and what it costs. Sending it for review is the page's usual flow.
import type { ReactNode } from "react";
import { useQuery } from "@tanstack/react-query";
import { errorMessage } from "@/lib/query/api";
import { modernisationQuery, runwayQuery } from "@/lib/query/capacity";
import type { Workload } from "@/lib/schemas";
import { formatInteger, formatUsd } from "@/components/ui/format";

export type ProposalOrigin = "replan" | "modernise";

export interface Prefill {
  workload?: Workload;
  instanceType?: string;
  /** The reason the reviewer reads, prefilled with why it was proposed. */
  reason?: string;
  banner: ReactNode;
}

const signed = (n: number) => `${n > 0 ? "+" : n < 0 ? "−" : ""}${formatUsd(Math.abs(n))}`;
const costLine = (delta: { monthly: number; annual: number } | null) =>
  delta ? ` Cost delta: ${signed(delta.monthly)} a month (${signed(delta.annual)} a year).` : "";
const reasonOf = (title: string, reasons: readonly string[]) => `${title}: ${reasons.join(" ")}`.slice(0, 2000);

function Note({ tone, children }: { tone: "info" | "warning"; children: ReactNode }) {
  return (
    <div className={`callout callout--${tone}`} role="status" data-testid="change-origin">
      {children}
    </div>
  );
}

export function useProposal(id: string, from: ProposalOrigin | undefined): { pending: boolean; prefill?: Prefill } {
  const runway = useQuery({ ...runwayQuery(id), enabled: from === "replan", refetchInterval: false });
  const modern = useQuery({ ...modernisationQuery(id), enabled: from === "modernise" });
  if (from === "replan") {
    if (runway.isPending) return { pending: true };
    if (runway.isError)
      return { pending: false, prefill: { banner: <Note tone="warning">Could not read the capacity tab&apos;s re-plan: {errorMessage(runway.error)}</Note> } };
    const p = runway.data.proposal;
    if (!p)
      return {
        pending: false,
        prefill: { banner: <Note tone="warning">The capacity tab proposes no re-plan now: the form starts from the workload the datastore runs.</Note> },
      };
    const o = p.observed;
    const figures = [
      o.readsPerSecond === null ? null : `peak reads ${formatInteger(o.readsPerSecond)}/s`,
      o.writesPerSecond === null ? null : `peak writes ${formatInteger(o.writesPerSecond)}/s`,
      o.datasetGiB === null ? null : `${formatInteger(o.datasetGiB)} GiB of data`,
      o.growthGiBPerMonth === null ? null : `growing ${formatInteger(o.growthGiBPerMonth)} GiB a month`,
    ].filter((f) => f !== null);
    return {
      pending: false,
      prefill: {
        workload: p.workload,
        reason: reasonOf("Re-plan proposed by the capacity runway", p.reasons),
        banner: (
          <Note tone="info">
            <strong>From the capacity tab&apos;s re-plan{runway.data.source === "simulated" ? " (simulated metrics)" : ""}.</strong> The form holds the observed
            workload: {figures.length > 0 ? figures.join(", ") : "as declared"}
            {o.growthBasis === "declared" ? " (growth as declared)" : ""}.{costLine(p.costDelta)}
          </Note>
        ),
      },
    };
  }
  if (from === "modernise") {
    if (modern.isPending) return { pending: true };
    if (modern.isError)
      return { pending: false, prefill: { banner: <Note tone="warning">Could not read the modernisation proposal: {errorMessage(modern.error)}</Note> } };
    const p = modern.data.proposal;
    if (!p) return { pending: false, prefill: { banner: <Note tone="warning">{modern.data.note ?? "There is nothing to modernise."}</Note> } };
    return {
      pending: false,
      prefill: {
        workload: p.workload,
        instanceType: p.instanceType,
        reason: reasonOf("Modernise to a current-generation shape", p.reasons),
        banner: (
          <Note tone="info">
            <strong>From the capacity tab&apos;s modernisation.</strong> The same workload on <code>{p.instanceType}</code>, a current-generation shape.
            {costLine(p.costDelta)}
          </Note>
        ),
      },
    };
  }
  return { pending: false };
}
