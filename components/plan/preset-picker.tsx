"use client";
// One click fills the form with one of the five canonical use cases from the Netflix talk (DESIGN.md §1).
import { FAMILY_TITLES } from "@/lib/schemas";
import { PRESETS, type Preset } from "./presets";

export function PresetPicker({ activeId, onPick, disabled }: { activeId: string | undefined; onPick: (preset: Preset) => void; disabled: boolean }) {
  return (
    <section className="presets" aria-labelledby="presets-title">
      <h2 id="presets-title" className="eyebrow">
        Start from a Netflix use case
      </h2>
      <div className="preset-list">
        {PRESETS.map((p) => (
          <button
            key={p.id}
            type="button"
            className="preset"
            disabled={disabled}
            aria-pressed={activeId === p.id}
            data-testid={`preset-${p.id}`}
            onClick={() => onPick(p)}
            title={`${p.summary} Expected: ${FAMILY_TITLES[p.expected]}.`}
          >
            <span className="preset-title">{p.title}</span>
            <code className="preset-family">{p.expected}</code>
          </button>
        ))}
      </div>
    </section>
  );
}
