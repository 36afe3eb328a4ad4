// The "Team" select of a form that creates something for one of the person's teams (a token, a webhook), bound to
// the form's `teamId` field.
import type { UseFormRegisterReturn } from "react-hook-form";
import { Field } from "./field";

export function TeamField({
  id,
  teams,
  error,
  registration,
}: {
  id: string;
  teams: readonly { id: string; name: string }[];
  error?: string;
  registration: UseFormRegisterReturn<"teamId">;
}) {
  return (
    <Field id={id} name="teamId" label="Team" error={error}>
      <select id={id} className="input" aria-invalid={error ? true : undefined} {...registration}>
        {teams.length === 0 ? <option value="">No teams</option> : null}
        {teams.map((t) => (
          <option key={t.id} value={t.id}>
            {t.name}
          </option>
        ))}
      </select>
    </Field>
  );
}
