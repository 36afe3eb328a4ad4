"use client";
// A datastore's SLA thresholds: shown, or edited and saved when the server allows it, with the ETag read with the
// datastore so that a concurrent change is a conflict to reload rather than a silent overwrite.
import { useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { errorMessage, isApiProblem } from "@/lib/query/api";
import { datastoreKeys, datastoreQuery, updateThresholds } from "@/lib/query/datastores";
import type { DatastoreDto } from "@/lib/query/types";
import { ThresholdsEditor, useThresholdsDraft } from "@/components/thresholds/thresholds-editor";

export function DatastoreThresholds({ datastore: d, etag, canEdit }: { datastore: DatastoreDto; etag: string | null; canEdit: boolean }) {
  const queryClient = useQueryClient();
  const draft = useThresholdsDraft(d.thresholds);
  const [editing, setEditing] = useState(false);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<{ message: string; conflict: boolean } | null>(null);
  const [saved, setSaved] = useState(false);

  const save = async () => {
    setFailure(null);
    setSaved(false);
    const thresholds = draft.validate();
    if (!thresholds) return;
    setSaving(true);
    try {
      const updated = await updateThresholds(d.id, thresholds, etag);
      queryClient.setQueryData(datastoreKeys.one(d.id), updated);
      await queryClient.invalidateQueries({ queryKey: datastoreKeys.audit(d.id) });
      draft.reset(updated.data.thresholds);
      setEditing(false);
      setSaved(true);
    } catch (error) {
      if (isApiProblem(error) && (error.status === 412 || error.status === 409)) {
        setFailure({
          message: "Someone changed these thresholds since you opened the page. Reload to see their values, then reapply your change.",
          conflict: true,
        });
      } else if (isApiProblem(error) && error.fieldErrors.length > 0) {
        const rest = draft.showServerErrors(error.fieldErrors);
        setFailure({ message: [error.detail, ...rest.map((e) => `${e.field} ${e.message}`)].join(" · "), conflict: false });
      } else setFailure({ message: errorMessage(error), conflict: false });
    } finally {
      setSaving(false);
    }
  };

  const reload = async () => {
    const fresh = await queryClient.fetchQuery(datastoreQuery(d.id));
    draft.reset(fresh.data.thresholds);
    setFailure(null);
  };

  return (
    <section className="card" aria-labelledby="sla-title" data-testid="datastore-thresholds">
      <div className="card-head card-head--row">
        <div>
          <h2 id="sla-title">SLA thresholds</h2>
          <p className="muted">{canEdit ? "Owners and reviewers may adjust them; every change is audited." : "Alarms for this datastore."}</p>
        </div>
        {canEdit && !editing ? (
          <button
            type="button"
            className="button button--small"
            onClick={() => {
              setEditing(true);
              setSaved(false);
            }}
          >
            Edit thresholds
          </button>
        ) : null}
      </div>
      {saved ? (
        <div className="callout callout--info" role="status" style={{ marginBottom: 10 }} data-testid="thresholds-saved">
          <strong>Thresholds saved.</strong>{" "}
          {d.status === "approved"
            ? "Nothing is provisioned yet: the CloudWatch alarms are created with these values at the next apply, when the datastore is provisioned."
            : "The CloudWatch alarms in the cloud change at the next apply — the next provisioning or applied workload change of this datastore; until then they keep the old values."}
        </div>
      ) : null}
      <ThresholdsEditor draft={draft} editable={editing} />
      {failure ? (
        <div className="callout callout--danger state" role="alert" style={{ marginTop: 10 }} data-testid="thresholds-error">
          <span>{failure.message}</span>
          {failure.conflict ? (
            <button type="button" className="button button--small" onClick={() => void reload()}>
              Reload
            </button>
          ) : null}
        </div>
      ) : null}
      {editing ? (
        <div className="actions" style={{ marginTop: 12 }}>
          <button type="button" className="button button--primary" onClick={() => void save()} disabled={saving}>
            {saving ? "Saving…" : "Save thresholds"}
          </button>
          <button
            type="button"
            className="button"
            onClick={() => {
              draft.reset(d.thresholds);
              setEditing(false);
              setFailure(null);
            }}
          >
            Cancel
          </button>
        </div>
      ) : null}
    </section>
  );
}
