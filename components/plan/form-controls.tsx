"use client";
// Inputs bound to the workload form through react-hook-form's context. Every input has a visible label and
// carries its error right beneath it.
import { useId, type ReactNode } from "react";
import { get, useFormContext, useFormState, useWatch, type FieldError, type Path } from "react-hook-form";
import { Field, FieldError as FieldErrorText, errorIdFor } from "@/components/ui/field";
import { SIZE_UNITS, type QuantityFieldName, type WorkloadFormValues } from "./workload-form-values";

type Name = Path<WorkloadFormValues>;

/** The first error message among `names` (a quantity has several inputs but shows one message). */
export function useErrorMessage(...names: Name[]): string | undefined {
  const { errors } = useFormState<WorkloadFormValues>();
  for (const name of names) {
    const error = get(errors, name) as FieldError | undefined;
    if (error?.message) return error.message;
  }
  return undefined;
}

function describedBy(id: string, error: string | undefined) {
  return error ? { "aria-invalid": true as const, "aria-describedby": errorIdFor(id) } : {};
}

interface TextFieldProps {
  name: Name;
  label: ReactNode;
  hint?: ReactNode;
  placeholder?: string;
  /** Shown inside the input's right edge: bytes, GiB, ms… */
  unit?: string;
  numeric?: boolean;
  className?: string;
}

export function TextField({ name, label, hint, placeholder, unit, numeric = false, className }: TextFieldProps) {
  const id = useId();
  const { register } = useFormContext<WorkloadFormValues>();
  const error = useErrorMessage(name);
  const input = (
    <input
      id={id}
      className="input"
      type="text"
      inputMode={numeric ? "decimal" : undefined}
      autoComplete="off"
      spellCheck={false}
      placeholder={placeholder}
      {...describedBy(id, error)}
      {...register(name)}
    />
  );
  return (
    <Field id={id} name={name} label={label} hint={hint} error={error} className={className}>
      {unit ? (
        <div className="input-unit">
          {input}
          <span aria-hidden="true">{unit}</span>
        </div>
      ) : (
        input
      )}
    </Field>
  );
}

interface SelectFieldProps {
  name: Name;
  label: ReactNode;
  hint?: ReactNode;
  options: readonly { value: string; label: string }[];
  className?: string;
}

export function SelectField({ name, label, hint, options, className }: SelectFieldProps) {
  const id = useId();
  const { register } = useFormContext<WorkloadFormValues>();
  const error = useErrorMessage(name);
  return (
    <Field id={id} name={name} label={label} hint={hint} error={error} className={className}>
      <select id={id} className="input" {...describedBy(id, error)} {...register(name)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Field>
  );
}

interface QuantityFieldProps {
  name: QuantityFieldName;
  label: string;
  /** A fixed unit shown in the box ("/s"), or "size": a GiB/TiB choice beside it. */
  unit?: string;
  hint?: ReactNode;
  className?: string;
}

/** A number the team knows, or a low/mid/high range when it does not: the planner prices the uncertainty. */
export function QuantityField({ name, label, unit, hint, className }: QuantityFieldProps) {
  const id = useId();
  const { register, setValue, getValues } = useFormContext<WorkloadFormValues>();
  const mode = useWatch<WorkloadFormValues, `${QuantityFieldName}.mode`>({ name: `${name}.mode` });
  const { errors } = useFormState<WorkloadFormValues>({ name });
  const partError = (part: "value" | "low" | "mid" | "high") => (get(errors, `${name}.${part}`) as FieldError | undefined)?.message;
  const error = partError("value") ?? partError("low") ?? partError("mid") ?? partError("high");
  const sizes = unit === "size";
  const unitChoice = sizes ? (
    <select className="input unit-select" aria-label={`${label} unit`} {...register(`${name}.unit`)}>
      {SIZE_UNITS.map((u) => (
        <option key={u} value={u}>
          {u}
        </option>
      ))}
    </select>
  ) : null;
  const toggle = (next: "point" | "range") => {
    const q = getValues(name);
    if (q.mode === next) return;
    // Carry the number across so toggling never loses what was typed.
    const carried = next === "range" ? { low: q.value, mid: q.value, high: q.value } : { value: q.mid };
    setValue(name, { ...q, ...carried, mode: next }, { shouldValidate: true, shouldDirty: true });
  };
  return (
    <fieldset
      className={`field quantity${error ? " field--invalid" : ""}${className ? ` ${className}` : ""}`}
      aria-describedby={error ? errorIdFor(id) : undefined}
    >
      <legend className="visually-hidden">{label}</legend>
      <div className="quantity-head">
        {mode === "point" ? (
          <label className="field-label" htmlFor={id}>
            {label}
          </label>
        ) : (
          <span className="field-label" aria-hidden="true">
            {label}
          </span>
        )}
        <div className="segmented" role="group" aria-label={`${label}: exact value or range`}>
          <button type="button" aria-pressed={mode === "point"} onClick={() => toggle("point")}>
            Exact
          </button>
          <button type="button" aria-pressed={mode === "range"} onClick={() => toggle("range")}>
            Range
          </button>
        </div>
      </div>
      {mode === "point" ? (
        <div className={sizes ? "input-with-unit" : "input-unit"}>
          <input
            id={id}
            className="input"
            type="text"
            inputMode="decimal"
            autoComplete="off"
            {...describedBy(id, partError("value"))}
            {...register(`${name}.value`)}
          />
          {sizes ? unitChoice : unit ? <span aria-hidden="true">{unit}</span> : null}
        </div>
      ) : (
        <div className={`range-inputs${sizes ? " range-inputs--unit" : ""}`}>
          {(["low", "mid", "high"] as const).map((part) => (
            <div key={part} className="range-part">
              <label htmlFor={`${id}-${part}`}>{part}</label>
              <input
                id={`${id}-${part}`}
                className="input"
                type="text"
                inputMode="decimal"
                autoComplete="off"
                aria-label={`${label} (${part})`}
                {...describedBy(id, partError(part))}
                {...register(`${name}.${part}`)}
              />
            </div>
          ))}
          {unitChoice}
        </div>
      )}
      {hint && !error ? <p className="field-hint">{hint}</p> : null}
      <FieldErrorText id={id} name={name} message={error} />
    </fieldset>
  );
}
