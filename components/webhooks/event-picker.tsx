"use client";
// The events a webhook subscribes to, as checkboxes grouped by resource, with "all" and "none" shortcuts.
import { useId } from "react";
import { WEBHOOK_EVENTS } from "@/lib/schemas/webhook";

const GROUPS = [...new Set(WEBHOOK_EVENTS.map((e) => e.split(".")[0] ?? e))];

export function EventPicker({
  legend,
  selected,
  onChange,
  error,
}: {
  legend: string;
  selected: readonly string[];
  onChange: (next: string[]) => void;
  error?: string;
}) {
  const id = useId();
  const errorId = `${id}-error`;
  const toggle = (event: string, on: boolean) => onChange(WEBHOOK_EVENTS.filter((e) => (e === event ? on : selected.includes(e))));
  return (
    <fieldset className="event-picker" aria-describedby={error ? errorId : undefined} data-testid="event-picker">
      <legend className="label">
        {legend}{" "}
        <button type="button" className="link-button small" onClick={() => onChange([...WEBHOOK_EVENTS])}>
          all
        </button>{" "}
        ·{" "}
        <button type="button" className="link-button small" onClick={() => onChange([])}>
          none
        </button>
      </legend>
      <div className="event-groups">
        {GROUPS.map((group) => (
          <div key={group} className="event-group">
            {WEBHOOK_EVENTS.filter((e) => e.startsWith(`${group}.`)).map((event) => (
              <label key={event} className="check">
                <input type="checkbox" checked={selected.includes(event)} onChange={(e) => toggle(event, e.target.checked)} />
                <code>{event}</code>
              </label>
            ))}
          </div>
        ))}
      </div>
      {error ? (
        <p className="field-error" id={errorId} role="alert">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
