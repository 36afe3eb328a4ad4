"use client";
// A datastore whose lifecycle offers a provisioning preview but has no operation at all: approval queues a preview
// only when the organisation settings cover it, so this usually means something is missing. Whether a preview can
// run now, and if not why (the missing settings by name, a spec the program cannot take), is the server's
// `actions.preview`; administrators get a way to the settings.
import Link from "next/link";
import type { Action } from "@/lib/schemas/actions";
import type { Me } from "@/lib/query/types";

interface Props {
  preview: Action;
  me: Me | null;
  /** The reason's element id: the disabled "Run a preview" button is described by it. */
  reasonId: string;
}

export function NothingQueued({ preview, me, reasonId }: Props) {
  if (preview.allowed) {
    return (
      <div className="callout callout--info" data-testid="nothing-queued">
        Nothing has been queued for this datastore yet: run a preview to see what provisioning will create.
      </div>
    );
  }
  return (
    <div className="callout callout--warning" role="status" data-testid="missing-settings">
      <strong>Nothing is queued: this datastore cannot be provisioned yet.</strong> <span id={reasonId}>{preview.reason}</span>
      {me?.actions.administer.allowed ? (
        <>
          {" "}
          <Link href="/admin#provisioning-settings">Open the provisioning settings under Administration</Link>, then run a preview.
        </>
      ) : null}
    </div>
  );
}
