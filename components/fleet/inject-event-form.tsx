"use client";
// An administrator's form for the simulated cloud: schedule an event (or an impaired status check) on one instance.
// The server refreshes the datastore's inventory at once; a 422's field errors come back onto the fields.
import { useId, useState, type FormEvent } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { FLEET_EVENT_CODES, FLEET_EVENT_LABELS, type FleetEventCode } from "@/lib/schemas/fleet";
import { errorMessage, isApiProblem } from "@/lib/query/api";
import { fleetKeys, injectFleetEvent } from "@/lib/query/fleet";

/** datetime-local's value (a UTC wall time here) as ISO 8601, or undefined when empty. */
const toIso = (local: string) => (local ? `${local.length === 16 ? `${local}:00` : local}Z` : undefined);

export function InjectEventForm({ instanceId, onInstanceId }: { instanceId: string; onInstanceId: (id: string) => void }) {
  const id = useId();
  const queryClient = useQueryClient();
  const [code, setCode] = useState<FleetEventCode>("instance-retirement");
  const [notBefore, setNotBefore] = useState("");
  const [notAfter, setNotAfter] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const fieldError = (name: string) => (isApiProblem(error) ? error.fieldErrors.find((e) => e.field === name)?.message : undefined);
  const impaired = code === "status-impaired";

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const result = await injectFleetEvent({
        instanceId: instanceId.trim(),
        code,
        ...(impaired ? {} : { notBefore: toIso(notBefore), notAfter: toIso(notAfter) }),
      });
      setDone(`${FLEET_EVENT_LABELS[result.code]} injected on ${result.instanceId}.`);
      await queryClient.invalidateQueries({ queryKey: fleetKeys.all });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const field = (name: string, label: string, control: (p: { id: string; "aria-invalid"?: true; "aria-describedby"?: string }) => React.ReactNode) => {
    const message = fieldError(name);
    const fid = `${id}-${name}`;
    return (
      <div className="field">
        <label className="field-label" htmlFor={fid}>
          {label}
        </label>
        {control({ id: fid, ...(message ? { "aria-invalid": true as const, "aria-describedby": `${fid}-error` } : {}) })}
        {message ? (
          <span className="field-error" id={`${fid}-error`}>
            {message}
          </span>
        ) : null}
      </div>
    );
  };

  return (
    <section className="card" aria-labelledby={`${id}-title`} data-testid="inject-event">
      <h2 id={`${id}-title`} className="fleet-title">
        Inject an event <span className="status status--info">simulated</span>
      </h2>
      <p className="muted small">
        Schedules an event on an instance of the simulated cloud, as AWS would, then refreshes its datastore&apos;s inventory. Times are UTC.
      </p>
      <form className="filters fleet-filters fleet-form" onSubmit={(e) => void submit(e)}>
        {field("instanceId", "Instance", (p) => (
          <input {...p} className="input mono" placeholder="i-0abc…" value={instanceId} onChange={(e) => onInstanceId(e.target.value)} required />
        ))}
        {field("code", "Event", (p) => (
          <select {...p} className="input" value={code} onChange={(e) => setCode(e.target.value as FleetEventCode)}>
            {FLEET_EVENT_CODES.map((c) => (
              <option key={c} value={c}>
                {FLEET_EVENT_LABELS[c]}
              </option>
            ))}
          </select>
        ))}
        {impaired ? null : (
          <>
            {field("notBefore", "Not before (UTC)", (p) => (
              <input {...p} className="input" type="datetime-local" value={notBefore} onChange={(e) => setNotBefore(e.target.value)} />
            ))}
            {field("notAfter", "Not after (UTC)", (p) => (
              <input {...p} className="input" type="datetime-local" value={notAfter} onChange={(e) => setNotAfter(e.target.value)} />
            ))}
          </>
        )}
        <div className="field fleet-submit">
          <button type="submit" className="button button--primary" disabled={busy || instanceId.trim() === ""} data-testid="inject-submit">
            {busy ? "Injecting…" : "Inject"}
          </button>
        </div>
      </form>
      {error && !(isApiProblem(error) && error.fieldErrors.length > 0) ? (
        <p className="callout callout--danger" role="alert">
          {errorMessage(error)}
        </p>
      ) : null}
      {done ? (
        <p className="callout callout--info" role="status" data-testid="inject-done">
          {done}
        </p>
      ) : null}
    </section>
  );
}
