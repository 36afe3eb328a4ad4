"use client";
// Under the header on signed-in pages: an unmistakable ribbon when operations run on the simulated provisioner
// (nothing real is created), and a warning when the Pulumi CLI is missing — saying what to install and that the
// rest of the portal keeps working. Nothing when provisioning is real and available.
import { useQuery } from "@tanstack/react-query";
import { meQuery } from "@/lib/query/me";
import { provisionerQuery } from "@/lib/query/provisioner";

export function ProvisionerBanner() {
  const me = useQuery(meQuery());
  const status = useQuery({ ...provisionerQuery(), enabled: !!me.data });
  if (!me.data || !status.data) return null;
  const s = status.data;
  if (s.engine === "simulated") {
    return (
      <div className="provisioner-ribbon" role="note" aria-label="Provisioner" data-testid="simulated-banner">
        <strong>Simulated provisioner — no cloud resources are created.</strong>{" "}
        <span>Operations run the real Pulumi programs against a stand-in for the cloud, for demos and tests.</span>
      </div>
    );
  }
  if (!s.available) {
    return (
      <div className="provisioner-warning" role="alert" data-testid="provisioner-unavailable">
        <strong>Provisioning is unavailable on this portal.</strong> <span>{s.message}</span>
        {/* The engine's own message usually says so already; say it once. */}
        {/keeps working/i.test(s.message) ? null : <span> Everything else — planning, requests, reviews and the catalog — keeps working.</span>}
      </div>
    );
  }
  return null;
}
