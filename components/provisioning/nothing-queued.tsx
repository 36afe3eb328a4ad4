"use client";
// An approved datastore with no operation at all: approval queues a preview only when every one of its regions
// has organisation settings, so this is almost always what is missing. Administrators see exactly which regions;
// everyone else is told what to ask for (and "Run a preview" answers with the server's 409 naming the fields).
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { settingsQuery } from "@/lib/query/settings";
import type { DatastoreDto, Me } from "@/lib/query/types";

export function NothingQueued({ datastore: d, me }: { datastore: DatastoreDto; me: Me | null }) {
  const settings = useQuery({ ...settingsQuery(), enabled: !!me?.isAdmin });
  const configured = settings.data ? new Set(Object.keys(settings.data.data.regions)) : null;
  const missing = configured ? d.regions.filter((r) => !configured.has(r)) : null;
  if (missing && missing.length === 0) {
    return (
      <div className="callout callout--info" data-testid="nothing-queued">
        Nothing has been queued for this datastore yet. Every region has organisation settings: run a preview to see what provisioning will create.
      </div>
    );
  }
  return (
    <div className="callout callout--warning" role="status" data-testid="missing-settings">
      <strong>Nothing is queued: this datastore cannot be provisioned yet.</strong>{" "}
      {missing ? (
        <>
          The organisation settings have no entry for {listOf(missing)}, so no preview could be queued.{" "}
          <Link href="/admin#provisioning-settings">Add {missing.length === 1 ? "it" : "them"} under Administration</Link>, then run a preview.
        </>
      ) : (
        <>
          Provisioning needs organisation settings (network, images, alarm topic) for each of its regions — {listOf(d.regions)} — and a portal administrator
          has not configured them all. Ask one to, then run a preview; running it now says exactly what is missing.
        </>
      )}
    </div>
  );
}

const listOf = (regions: readonly string[]) =>
  regions.map((r, i) => (
    <span key={r}>
      {i > 0 ? (i === regions.length - 1 ? " and " : ", ") : ""}
      <code>{r}</code>
    </span>
  ));
